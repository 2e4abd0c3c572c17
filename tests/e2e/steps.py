"""Steps the browser journeys share: signing in with a password and a second factor, setting a
password from an invitation, a site administrator setting up a trust, and bringing in the sample
registers (ADM-1, ADM-2, ADM-5, X-3). Every page a step visits is checked by axe (Journey.check)."""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

from django.core.management import call_command
from playwright.sync_api import expect

from tests.accounts.helpers import totp_code
from tests.e2e.conftest import Journey

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
RUN_PAGE = re.compile(r".*/imports/\d+/$")
ADMIN_PASSWORD = "site-admin-passphrase-2026"
BAD_DECLARATIONS = (
    "There are 6 problems with declarations-bad.csv",
    "line 2, column `start_date`: 31/02/2026 is not a date",
    "line 3, column `person`: no one in this trust has the email",
    "line 4, column `category`: gift is not one of",
    "line 5, column `end_date`",
    "line 6, column `description`: this cannot be empty",
    "line 8, column `start_date`: the same declaration",
)


def empty_demo() -> str:
    """Load the EMPTY demo (committed for the live server); return the one-time password."""
    out = io.StringIO()
    call_command("load_demo", "--empty", stdout=out)
    return out.getvalue().split("One-time password: ")[1].split()[0]


def sign_in(journey: Journey, login: str, password: str) -> None:
    """Fill in and send the sign-in form (the page is checked); the caller waits for where it lands."""
    journey.goto("/sign-in/")
    journey.page.get_by_label("Username or email address").fill(login)
    journey.page.get_by_label("Password", exact=True).fill(password)
    journey.page.get_by_role("button", name="Sign in", exact=True).click()


def set_password(journey: Journey, password: str, button: str) -> None:
    journey.page.get_by_label("New password").fill(password)
    journey.page.get_by_label("Confirm the password").fill(password)
    journey.page.get_by_role("button", name=button).click()


def confirm_password(journey: Journey, password: str) -> None:
    """The "Confirm it is you" page before changing how one signs in (ADM-5)."""
    journey.page.wait_for_url("**/account/reauthenticate/**")
    journey.check()
    expect(journey.page.locator("main")).to_contain_text("Your role needs a second factor")
    journey.page.get_by_label("Password").fill(password)
    journey.page.get_by_role("button", name="Confirm").click()


def set_up_authenticator(journey: Journey) -> tuple[str, str, list[str]]:
    """On the "set up the app" page (ADM-5): turn the app on with the code it shows now.
    Returns the secret, the code used and the recovery codes shown."""
    journey.page.wait_for_url("**/account/security/app/")
    journey.check()
    journey.page.get_by_text("I cannot scan the code").click()
    secret = journey.page.locator("#totp-secret").inner_text()
    code = totp_code(secret)
    journey.page.get_by_label("Security code").fill(code)
    journey.page.get_by_role("button", name="Turn on").click()
    journey.page.wait_for_url("**/account/security/codes/")
    journey.check()
    codes = journey.page.locator("#recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    return secret, code, codes


def fresh_totp_code(secret: str, used: str) -> str:
    """The app's code now, waiting for the next one if `used` is still showing: a code counts once."""
    code = totp_code(secret)
    while code == used:
        time.sleep(1)
        code = totp_code(secret)
    return code


def second_factor(journey: Journey, code: str) -> None:
    """The second step of signing in (ADM-5): a code from the app, or a recovery code."""
    journey.page.wait_for_url("**/account/security/authenticate/")
    journey.check()
    journey.page.get_by_label("Security code").fill(code)
    journey.page.get_by_role("button", name="Continue").click()
    journey.page.wait_for_url(re.compile(r".*/$"))
    journey.check()


def site_admin_sets_up_trust(
    journey: Journey, one_time: str, trust: str, ods: str, pec: str, *, mfa: bool = False
) -> None:
    """ADM-1: the site administrator replaces the one-time password (and, with second factors
    enforced, then sets up an app: ADM-5) and sets up a trust, the empty form first."""
    sign_in(journey, "admin@example.org", one_time)
    journey.page.wait_for_url("**/site/password/")
    journey.check()
    set_password(journey, ADMIN_PASSWORD, "Change password")
    if mfa:
        set_up_authenticator(journey)
        journey.goto("/site/trusts/")
    journey.page.wait_for_url("**/site/trusts/")
    journey.check()
    journey.page.get_by_role("link", name="Set up a trust").click()
    journey.check()
    journey.page.get_by_role("button", name="Set up trust").click()
    expect(journey.page.locator(".nhsuk-error-summary")).to_contain_text("Enter trust name")
    journey.check()
    journey.page.get_by_label("Trust name").fill(trust)
    journey.page.get_by_label("ODS code").fill(ods)
    journey.page.get_by_label("What the trust calls its PEC").fill(pec)
    journey.page.get_by_role("button", name="Set up trust").click()
    journey.page.wait_for_url("**/site/trusts/*/")
    journey.check()


def site_admin_names_the_lead(journey: Journey, name: str, email: str) -> None:
    """ADM-1: on the trust's page, invite its governance lead; then sign out."""
    journey.page.get_by_role("link", name="Name the governance lead").click()
    journey.check()
    journey.page.get_by_label("Full name").fill(name)
    journey.page.get_by_label("Email address").fill(email)
    journey.page.get_by_role("button", name="Send invitation").click()
    expect(journey.page.locator("main")).to_contain_text(f"Invitation sent to {email}")
    journey.check()
    journey.sign_out()


def upload(journey: Journey, kind: str, name: str) -> None:
    """ADM-2: choose the kind of register and a sample file, and have it checked."""
    page = journey.page
    journey.goto("/imports/")
    page.get_by_label(kind, exact=True).check()
    page.locator("input[name=upload]").set_input_files(str(SAMPLES / name))
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_url(RUN_PAGE)
    journey.check()


def import_it(journey: Journey, name: str, added: int, changed: int = 0) -> None:
    """ADM-2: import the previewed file; the result page says how many were added."""
    page = journey.page
    expect(page.locator("main")).to_contain_text("What the import will do")
    page.get_by_role("button", name=f"Import {name}").click()
    page.wait_for_url(RUN_PAGE)
    journey.check()
    expect(page.locator("main")).to_contain_text(f"Imported {name}: {added} added, {changed} changed.")


def bad_declarations_refused(journey: Journey) -> None:
    """ADM-2, X-4: the bad file names every bad row by line and column, and offers no import."""
    upload(journey, "Declarations of interest", "declarations-bad.csv")
    summary = journey.page.locator(".nhsuk-error-summary")
    for problem in BAD_DECLARATIONS:
        expect(summary).to_contain_text(problem)
    expect(journey.page.get_by_role("button", name=re.compile("^Import"))).to_have_count(0)
