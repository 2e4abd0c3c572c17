"""Day one of a trust, in a browser, through the pages only (ADM-1..5, PUB-3, X-3).

The site administrator sets up a trust from the EMPTY demo and names its governance lead; the
lead accepts from the email and, with second factors enforced, sets up an authenticator app;
brings in the sample registers (practices, people, committees; the bad declarations file first:
every bad row named, nothing imported; then the good one); invites a member from the imported
people, who accepts from the email, sets a password, signs in and declares an interest; the lead
signs in again with a code from the app and sees the PEC's composition findings. axe-core:
zero violations on every page visited.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from pecgov.interests.models import Declaration
from tests.e2e.conftest import Journey
from tests.e2e.steps import (
    bad_declarations_refused,
    confirm_password,
    empty_demo,
    fresh_totp_code,
    import_it,
    second_factor,
    set_password,
    set_up_authenticator,
    sign_in,
    site_admin_names_the_lead,
    site_admin_sets_up_trust,
    upload,
)
from tests.onboarding.helpers import token_from_mail

TRUST = "Avonmere Primary Care Trust"  # the samples' Board is "<trust> Board"
PEC = "Professional Executive Committee"  # as the samples name it
LEAD_EMAIL = "lee@example.org"
LEAD_PASSWORD = "lead-passphrase-for-avonmere"
MEMBER_EMAIL = "bilal.hughes@avonmere.example.org"  # in samples/people.csv, on the PEC
MEMBER_PASSWORD = "member-passphrase-for-avonmere"


@pytest.fixture
def empty(transactional_db: None) -> str:
    return empty_demo()


def _lead_brings_in_the_registers(journey: Journey) -> None:
    """ADM-2, ADM-3: the samples in their order; the bad declarations file before the good one."""
    upload(journey, "GP practices from the ODS practice file (epraccur.csv)", "epraccur.csv")
    import_it(journey, "epraccur.csv", 24)
    upload(journey, "People", "people.csv")
    import_it(journey, "people.csv", 40)
    upload(journey, "Committees and their members", "pec-members.csv")
    import_it(journey, "pec-members.csv", 16, changed=2)
    bad_declarations_refused(journey)
    assert Declaration.objects.count() == 0
    upload(journey, "Declarations of interest", "declarations.csv")
    import_it(journey, "declarations.csv", 200)


def _lead_invites_a_member(journey: Journey) -> None:
    """ADM-4: someone on the imported records, at the address on their record."""
    journey.page.get_by_role("link", name="Staff and roles").first.click()
    journey.page.wait_for_url("**/staff/")
    journey.check()
    journey.page.get_by_role("link", name="Invite someone").click()
    journey.check()
    journey.page.get_by_label("Person on the trust's records").select_option(label="Dr Bilal Hughes")
    journey.page.get_by_role("button", name="Send invitation").click()
    journey.page.wait_for_url("**/staff/")
    expect(journey.page.locator("main")).to_contain_text(MEMBER_EMAIL)
    journey.check()
    journey.sign_out()


def _member_accepts_and_declares(journey: Journey) -> None:
    """ADM-4, COI-1: from the email, a password, signed in, then an interest on their own page."""
    page = journey.page
    journey.goto(f"/invitation/{token_from_mail(MEMBER_EMAIL)}/")
    expect(page.locator("main")).to_contain_text("You are joining as Dr Bilal Hughes")
    set_password(journey, MEMBER_PASSWORD, "Set password and sign in")
    page.wait_for_url(journey.base_url + "/")
    journey.check()
    journey.sign_out()
    sign_in(journey, MEMBER_EMAIL, MEMBER_PASSWORD)
    page.wait_for_url(journey.base_url + "/")
    journey.check()
    page.locator("#my-declarations").get_by_role("link").click()
    page.wait_for_url("**/interests/mine/")
    journey.check()
    page.get_by_role("link", name="Declare an interest").click()
    journey.check()
    page.get_by_label("Financial", exact=True).check()
    page.get_by_label("Or the organisation's name").fill("Mere Valley Diagnostics Ltd")
    page.get_by_label("Describe the interest").fill("Shareholder")
    page.locator("#id_start_date-day").fill("1")
    page.locator("#id_start_date-month").fill("4")
    page.locator("#id_start_date-year").fill("2025")
    page.get_by_role("button", name="Declare interest").click()
    page.wait_for_url("**/interests/mine/")
    journey.check()
    expect(page.locator("main")).to_contain_text("Interest declared: Mere Valley Diagnostics Ltd.")
    journey.sign_out()


def test_a_trust_on_its_first_day(journey: Journey, empty: str, settings: Any) -> None:
    """ADM-1..5, PUB-3, X-3: the issue's day-one sentence, in order, through the pages."""
    settings.MFA_ENFORCED = True
    page = journey.page
    site_admin_sets_up_trust(journey, empty, TRUST, "5AV", PEC, mfa=True)
    site_admin_names_the_lead(journey, "Lee Lead", LEAD_EMAIL)

    journey.goto(f"/invitation/{token_from_mail(LEAD_EMAIL)}/")
    expect(page.locator("main")).to_contain_text("You are joining as Lee Lead")
    set_password(journey, LEAD_PASSWORD, "Set password and sign in")
    # Signed in by the invitation, not the sign-in form: allauth asks for the password once more.
    confirm_password(journey, LEAD_PASSWORD)
    secret, used, codes = set_up_authenticator(journey)
    journey.sign_out()
    sign_in(journey, LEAD_EMAIL, LEAD_PASSWORD)
    second_factor(journey, codes[0])  # a recovery code now; the app's code at the end

    _lead_brings_in_the_registers(journey)
    journey.goto("/")
    _lead_invites_a_member(journey)
    _member_accepts_and_declares(journey)

    sign_in(journey, LEAD_EMAIL, LEAD_PASSWORD)
    second_factor(journey, fresh_totp_code(secret, used))
    page.get_by_role("link", name=PEC).first.click()
    journey.check()
    size = page.locator("#findings tr", has=page.locator('[data-rule="size"]'))
    assert page.locator('#findings [data-rule="size"]').get_attribute("data-status") == "fail"
    expect(size).to_contain_text("10 members (not counting co-opted members); the policy allows at most 8.")
    assert len(journey.checked) >= 30
