"""A trust from nothing (ADM-1, ADM-4, X-3): from the EMPTY demo, the site administrator
replaces the one-time password, sets up a trust and names its governance lead; the lead accepts
from the email, sets a password and lands on home with the setup checklist, then invites a
member who accepts in turn. Every page is checked by axe."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.steps import empty_demo, set_password, site_admin_names_the_lead, site_admin_sets_up_trust
from tests.onboarding.helpers import token_from_mail

LEAD_PASSWORD = "lead-passphrase-for-newtown"
MEMBER_PASSWORD = "member-passphrase-for-newtown"


@pytest.fixture
def empty(transactional_db: None) -> str:
    """The EMPTY demo, committed for the live server; returns the one-time password."""
    return empty_demo()


def _site_admin_sets_up_newtown(journey: Any, one_time: str) -> None:
    site_admin_sets_up_trust(
        journey, one_time, "Newtown Primary Care Trust", "5NT", "Newtown Clinical Executive"
    )
    site_admin_names_the_lead(journey, "Lee Lead", "lee@example.org")


def test_a_trust_from_nothing_to_its_first_member(journey, empty: str) -> None:  # type: ignore[no-untyped-def]
    _site_admin_sets_up_newtown(journey, empty)
    journey.goto(f"/invitation/{token_from_mail('lee@example.org')}/")
    expect(journey.page.locator("main")).to_contain_text("You are joining as Lee Lead")
    set_password(journey, LEAD_PASSWORD, "Set password and sign in")
    journey.page.wait_for_url(journey.base_url + "/")
    journey.check()
    expect(journey.page.locator("#setup-checklist")).to_contain_text("1 of 7 steps done")
    journey.page.get_by_role("link", name="Staff and roles").first.click()
    journey.page.wait_for_url("**/staff/")
    journey.check()
    journey.page.get_by_role("link", name="Invite someone").click()
    journey.check()
    journey.page.get_by_label("Full name, for someone new").fill("Mo Member")
    journey.page.get_by_label("Profession, for someone new").select_option("nurse")
    journey.page.get_by_label("Email address").fill("mo@example.org")
    journey.page.get_by_role("button", name="Send invitation").click()
    journey.page.wait_for_url("**/staff/")
    expect(journey.page.locator("main")).to_contain_text("mo@example.org")
    journey.check()
    journey.sign_out()
    journey.goto(f"/invitation/{token_from_mail('mo@example.org')}/")
    set_password(journey, MEMBER_PASSWORD, "Set password and sign in")
    journey.page.wait_for_url(journey.base_url + "/")
    journey.check()
    expect(journey.page.locator("main")).to_contain_text("Welcome, Mo Member")
    journey.sign_out()
    journey.goto(f"/invitation/{token_from_mail('mo@example.org')}/")  # used: said plainly
    expect(journey.page.locator("#invitation-problem")).to_contain_text("already been used")
