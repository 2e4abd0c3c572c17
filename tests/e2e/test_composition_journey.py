"""Journey (ORG-4, POL-2, POL-4, X-3): the governance lead finds the PEC too large and fixes it.

Sign in as the governance lead of the demo trust, open the PEC, see the size failure, end one
membership today through the form (the last day counts: the member counts until the end of it),
and see the findings as they will stand from tomorrow turn to pass. axe-core reports zero
violations on every page visited.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from pecgov.demo.accounts import DEMO_PASSWORD
from pecgov.trust.enums import CommitteeKind
from pecgov.trust.models import Committee


def finding(page: Page, rule: str) -> tuple[Locator, Locator]:
    """The rule's heading cell (it carries data-rule and data-status) and its whole row."""
    cell = page.locator(f'#findings [data-rule="{rule}"]')
    return cell, page.locator("#findings tr", has=page.locator(f'[data-rule="{rule}"]'))


@pytest.fixture
def demo(demo: None) -> Committee:
    """The demo trust, and its PEC."""
    return Committee.objects.get(kind=CommitteeKind.PEC)


def test_lead_ends_a_membership_and_the_pec_becomes_compliant(journey, demo: Committee) -> None:  # type: ignore[no-untyped-def]
    page = journey.page
    journey.goto("/")
    page.get_by_role("link", name="Sign in").first.click()
    journey.check()

    # A wrong password first: the error summary, not a crash.
    page.get_by_label("Username").fill("lead")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    journey.check()

    page.get_by_label("Username").fill("lead")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")
    journey.check()
    assert re.search(r"\d+ rules? not met", page.locator("main").inner_text())

    page.get_by_role("link", name="Professional Executive Committee").first.click()
    journey.check()
    cell, size = finding(page, "size")
    assert cell.get_attribute("data-status") == "fail"
    assert "9 members (not counting co-opted members); the policy allows at most 8." in size.inner_text()

    # End Dr Martin Bennett's membership through the form; first with no answers.
    page.get_by_role("link", name="End Dr Martin Bennett's membership").click()
    journey.check()
    page.get_by_role("button", name="End membership").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Select why the membership ends")
    journey.check()

    # Today is the last day of membership: the form and the message say the member counts
    # until the end of it, and the page shows the committee as it stands from tomorrow.
    expect(page.locator("main")).to_contain_text("The member counts until the end of that day")
    today = timezone.localdate()
    tomorrow = today + dt.timedelta(days=1)
    page.locator("#id_end_date-day").fill(str(today.day))
    page.locator("#id_end_date-month").fill(str(today.month))
    page.locator("#id_end_date-year").fill(str(today.year))
    page.get_by_label("Stood down").check()
    page.get_by_role("button", name="End membership").click()
    page.wait_for_load_state("load")
    assert page.url.endswith(f"/committees/{demo.pk}/?on={tomorrow:%Y-%m-%d}"), page.locator(
        "main"
    ).inner_text()
    journey.check()
    expect(page.locator("main")).to_contain_text(
        f"Dr Martin Bennett counts as a member of Professional Executive Committee until the end of "
        f"{today:%-d %B %Y}; Professional Executive Committee will have 8 members and 1 co-opted member from {tomorrow:%-d %B %Y}."
    )

    cell, size = finding(page, "size")
    assert cell.get_attribute("data-status") == "pass"
    assert "8 members" in size.inner_text()
    assert "Every rule is met." in page.locator("#compliance").inner_text()
    assert "Dr Martin Bennett" in page.locator("main").inner_text().split("Past members", 1)[1]

    # Today the member still counts: the page says so and links to tomorrow's findings.
    page.get_by_role("link", name="Show it as it stands today").click()
    journey.check()
    cell, _ = finding(page, "size")
    assert cell.get_attribute("data-status") == "fail"
    expect(page.locator("#ending-today")).to_contain_text(
        "Dr Martin Bennett counts as a member until the end of today"
    )

    # The change is in the committee's history pages and the audit trail, with who made it.
    journey.goto("/audit/")
    expect(page.locator("main")).to_contain_text("Ended Dr Martin Bennett")
    assert len(journey.checked) >= 8
