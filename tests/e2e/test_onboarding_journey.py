"""A trust from nothing (ADM-1, ADM-4, X-3): from the EMPTY demo, the site administrator
replaces the one-time password, sets up a trust and names its governance lead; the lead accepts
from the email, sets a password and lands on home with the setup checklist, then invites a
member who accepts in turn. Every page is checked by axe."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.onboarding.helpers import token_from_mail

ADMIN_PASSWORD = "site-admin-passphrase-2026"
LEAD_PASSWORD = "lead-passphrase-for-newtown"
MEMBER_PASSWORD = "member-passphrase-for-newtown"


@pytest.fixture
def empty(transactional_db: None) -> str:
    """The EMPTY demo, committed for the live server; returns the one-time password."""
    out = io.StringIO()
    call_command("load_demo", "--empty", stdout=out)
    return out.getvalue().split("One-time password: ")[1].split()[0]


def _sign_in(journey: Any, username: str, password: str) -> None:
    journey.goto("/sign-in/")
    journey.page.get_by_label("Username").fill(username)
    journey.page.get_by_label("Password").fill(password)
    journey.page.get_by_role("button", name="Sign in").click()


def _set_password(journey: Any, password: str, button: str) -> None:
    journey.page.get_by_label("New password").fill(password)
    journey.page.get_by_label("Confirm the password").fill(password)
    journey.page.get_by_role("button", name=button).click()


def _site_admin_sets_up_newtown(journey: Any, one_time: str) -> None:
    _sign_in(journey, "admin@example.org", one_time)
    journey.page.wait_for_url("**/site/password/")
    journey.check()
    _set_password(journey, ADMIN_PASSWORD, "Change password")
    journey.page.wait_for_url("**/site/trusts/")
    journey.check()
    journey.page.get_by_role("link", name="Set up a trust").click()
    journey.check()
    journey.page.get_by_role("button", name="Set up trust").click()  # empty: every field named
    expect(journey.page.locator(".nhsuk-error-summary")).to_contain_text("Enter trust name")
    journey.check()
    journey.page.get_by_label("Trust name").fill("Newtown Primary Care Trust")
    journey.page.get_by_label("ODS code").fill("5NT")
    journey.page.get_by_label("What the trust calls its PEC").fill("Newtown Clinical Executive")
    journey.page.get_by_role("button", name="Set up trust").click()
    journey.page.wait_for_url("**/site/trusts/*/")
    journey.check()
    journey.page.get_by_role("link", name="Name the governance lead").click()
    journey.check()
    journey.page.get_by_label("Full name").fill("Lee Lead")
    journey.page.get_by_label("Email address").fill("lee@example.org")
    journey.page.get_by_role("button", name="Send invitation").click()
    expect(journey.page.locator("main")).to_contain_text("Invitation sent to lee@example.org")
    journey.check()
    journey.sign_out()


def test_a_trust_from_nothing_to_its_first_member(journey, empty: str) -> None:  # type: ignore[no-untyped-def]
    _site_admin_sets_up_newtown(journey, empty)
    journey.goto(f"/invitation/{token_from_mail('lee@example.org')}/")
    expect(journey.page.locator("main")).to_contain_text("You are joining as Lee Lead")
    _set_password(journey, LEAD_PASSWORD, "Set password and sign in")
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
    _set_password(journey, MEMBER_PASSWORD, "Set password and sign in")
    journey.page.wait_for_url(journey.base_url + "/")
    journey.check()
    expect(journey.page.locator("main")).to_contain_text("Welcome, Mo Member")
    journey.sign_out()
    journey.goto(f"/invitation/{token_from_mail('mo@example.org')}/")  # used: said plainly
    expect(journey.page.locator("#invitation-problem")).to_contain_text("already been used")
