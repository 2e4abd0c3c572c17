"""Signing in safely, in a browser (ADM-5, X-3): a governance lead made to set up a second
factor, then signing in with a recovery code; a password reset from the emailed link, and the
link refused when used again; single sign-on through a real OpenID Connect provider on loopback.
Every page of ours is checked by axe."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from pecgov.notifications.models import OutboxMessage
from tests.accounts.conftest import PROVIDER_PASSWORD
from tests.accounts.conftest import start_provider as start_provider  # the fixture
from tests.accounts.helpers import PASSWORD
from tests.e2e import steps
from tests.e2e.conftest import AXE, Journey
from tests.factories import World, make_trust


@pytest.fixture
def people(transactional_db: None) -> World:
    """A trust whose people sign in with tests.factories' password, committed for the live server."""
    return make_trust()


def sign_in(journey: Journey, login: str, password: str = PASSWORD) -> None:
    steps.sign_in(journey, login, password)


def test_a_lead_sets_up_a_second_factor_and_later_uses_a_recovery_code(
    journey: Journey, people: World, settings: Any
) -> None:
    """ADM-5: enforcement for real: the lead cannot reach home until the app is set up."""
    settings.MFA_ENFORCED = True
    lead = people.users["governance_lead"]
    sign_in(journey, lead.get_username())
    journey.page.wait_for_url("**/account/security/app/")
    journey.check()
    expect(journey.page.locator("main")).to_contain_text("Your role needs a second factor")
    journey.goto("/people/")
    assert journey.page.url.endswith("/account/security/app/")
    _secret, _code, codes = steps.set_up_authenticator(journey)
    journey.goto("/people/")
    assert journey.page.url.endswith("/people/")
    journey.goto("/account/security/")
    expect(journey.page.locator("main")).to_contain_text("Authenticator app")
    journey.sign_out()

    sign_in(journey, lead.get_username())
    steps.second_factor(journey, codes[0])
    expect(journey.page.get_by_role("heading", level=1)).to_be_visible()
    assert not journey.page.url.endswith("/sign-in/")


def test_a_forgotten_password_is_reset_from_the_emailed_link_once(journey: Journey, people: World) -> None:
    """ADM-5, X-4: the emailed link sets a new password; opened again it is refused, clearly."""
    member = people.users["member"]
    member.email = "member@example.nhs.uk"
    member.save(update_fields=["email"])
    journey.goto("/sign-in/")
    journey.page.get_by_role("link", name="Forgot your password?").click()
    journey.page.wait_for_url("**/account/password/reset/")
    journey.check()
    journey.page.get_by_label("Email address").fill("not an address")
    journey.page.get_by_role("button", name="Send the link").click()
    journey.check()
    expect(journey.page.locator(".nhsuk-error-summary")).to_contain_text(
        "Enter an email address in the correct format"
    )
    journey.page.get_by_label("Email address").fill("member@example.nhs.uk")
    journey.page.get_by_role("button", name="Send the link").click()
    journey.page.wait_for_url("**/account/password/reset/done/")
    journey.check()
    text = OutboxMessage.objects.get(to_email="member@example.nhs.uk").text
    link = re.search(r"https?://[^/\s]+(/account/password/reset/key/\S+/)", text)
    assert link is not None
    journey.goto(link.group(1))
    journey.page.get_by_label("New password", exact=True).fill("a-brand-new-password-7")
    journey.page.get_by_label("Confirm your new password").fill("a-brand-new-password-7")
    journey.page.get_by_role("button", name="Set password").click()
    journey.page.wait_for_url("**/account/password/reset/key/done/")
    journey.check()

    journey.goto(link.group(1))
    expect(journey.page.locator("main")).to_contain_text("This link has expired or has been used")
    sign_in(journey, member.get_username(), "a-brand-new-password-7")
    journey.page.wait_for_url(re.compile(r".*/$"))
    journey.check()


@pytest.fixture
def sso_journey(browser: Any, live_server: Any, start_provider: Any) -> Iterator[Journey]:
    """A journey whose browser may also reach the test identity provider (loopback only)."""
    provider = start_provider([f"{live_server.url}/account/sso/nhs/login/callback/"])
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.add_init_script(path=str(AXE))
    allowed = {urlparse(live_server.url).netloc, urlparse(provider.base_url).netloc}

    def only_loopback(route: Any) -> None:
        if urlparse(route.request.url).netloc in allowed:
            route.continue_()
        else:
            route.abort()

    context.route("**/*", only_loopback)
    page = context.new_page()
    page.set_default_timeout(20000)
    yield Journey(page, live_server.url)
    context.close()


def test_a_member_of_staff_signs_in_with_single_sign_on(sso_journey: Journey, people: World) -> None:
    """ADM-5: "Sign in with NHSmail", the provider's own sign-in, and back home, signed in."""
    lead = people.users["governance_lead"]
    lead.email = "lead@example.nhs.uk"
    lead.save(update_fields=["email"])
    journey = sso_journey
    journey.goto("/sign-in/")
    journey.page.get_by_role("button", name="Sign in with NHSmail").click()
    journey.page.get_by_label("Provider username").fill("hmarsh")
    journey.page.get_by_label("Provider password").fill(PROVIDER_PASSWORD)
    journey.page.get_by_role("button", name="Continue to the service").click()
    journey.page.wait_for_url(f"{journey.base_url}/")
    journey.check()
    expect(journey.page.get_by_role("link", name="Sign out")).to_be_visible()
