"""Journey (EFF-2, MTG-4, X-3): the PCT chair, a Board member, opens the measures of the PEC's
last twelve months, sees the rubber-stamp ratio by quarter, follows a number to the items it
counts and on to one item, asks for a period that ends before it starts and is told so, and
downloads the measures as CSV. axe-core: zero violations on every page visited."""

from __future__ import annotations

from typing import Any


def test_board_member_reads_the_measures_and_follows_a_number(journey: Any, demo: None) -> None:
    page = journey.page
    journey.sign_in("pctchair")
    journey.goto("/effectiveness/measures/")
    assert page.get_by_role("heading", name="Measures of effectiveness").is_visible()
    assert page.get_by_role("columnheader", name="Rubber-stamp ratio").is_visible()
    noted = page.locator('a[data-measure="items_noted_only"]')
    count = int(noted.inner_text().split()[0])
    noted.click()
    page.wait_for_url("**/effectiveness/measures/records/**")
    journey.check()
    assert page.locator("#record-count").inner_text() == str(count)
    page.locator("#records a").first.click()
    page.wait_for_url("**/items/**")
    journey.check()
    journey.goto("/effectiveness/measures/?from=2024-04-01&to=2023-04-01")
    assert (
        page.locator(".nhsuk-error-summary")
        .get_by_text("The end of the period must be the same as or after its start")
        .is_visible()
    )
    response = page.request.get(journey.base_url + "/effectiveness/measures/?download=csv")
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "rubber_stamp_ratio" in response.text()
