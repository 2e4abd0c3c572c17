"""An anonymous visitor finds the trust, sees who sits on the PEC, a meeting's agenda with the item
taken in private withheld, the approved minutes and the decisions register (PUB-1, X-1, X-3).
Every page is checked by axe; no page needs JavaScript."""

from __future__ import annotations

from playwright.sync_api import expect

from pecgov.demo.public import PRIVATE_TITLE
from pecgov.demo.trust import TRUST_NAME
from pecgov.meetings.models import AgendaItem


def test_visitor_finds_members_agenda_minutes_and_decisions(journey, demo: None) -> None:  # type: ignore[no-untyped-def]
    page = journey.page
    journey.goto("/public/")
    page.get_by_role("link", name=TRUST_NAME).click()
    page.wait_for_url("**/public/*/")
    journey.check()
    page.get_by_role("link", name="Professional Executive Committee").first.click()
    page.wait_for_url("**/committees/*/")
    journey.check()
    expect(page.locator("#current-members")).to_contain_text("Member since")
    expect(page.locator("#current-members tbody tr").first).to_be_visible()

    private = AgendaItem.objects.select_related("meeting").get(title=PRIVATE_TITLE)
    page.get_by_role("link", name="Meetings", exact=True).first.click()
    page.wait_for_url("**/meetings/")
    journey.check()
    page.locator(f'a[href$="/meetings/{private.meeting_id}/"]').first.click()
    page.wait_for_url(f"**/meetings/{private.meeting_id}/")
    journey.check()
    expect(page.locator("#agenda-table")).to_contain_text("An item was taken in private")
    expect(page.locator("body")).not_to_contain_text(PRIVATE_TITLE)
    expect(page.locator("#minutes-text")).to_contain_text("An item was taken in private")

    page.get_by_role("link", name="Decisions", exact=True).first.click()
    page.wait_for_url("**/decisions/")
    journey.check()
    expect(page.locator("main")).to_contain_text("Fairfield")
    expect(page.locator("main")).to_contain_text("Excluded from")
    page.get_by_role("link", name="Statements to the Board", exact=True).first.click()
    page.wait_for_url("**/statements/")
    journey.check()
    page.locator("#statements a").first.click()
    page.wait_for_url("**/statements/*/")
    journey.check()
    expect(page.locator("#statement-conflicts")).to_be_visible()
