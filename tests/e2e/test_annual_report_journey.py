"""Journey (EFF-2, EFF-3, X-3): the governance lead opens the demo's draft annual report with its
charts and their tables, reads the scorecard, publishes the report and downloads its PDF; a PEC
member then reads the published report. axe-core on every page."""

from __future__ import annotations

import hashlib
from typing import Any

from playwright.sync_api import expect

from pecgov.effectiveness.models import AnnualReport


def test_lead_publishes_the_annual_report_and_downloads_the_pdf(journey: Any, demo: None) -> None:
    page = journey.page
    journey.sign_in("lead")
    journey.goto("/effectiveness/reports/")
    report = AnnualReport.objects.get()
    page.get_by_role("link", name=report.title).click()
    page.wait_for_url(f"**/effectiveness/reports/{report.pk}/")
    expect(page.locator("main")).to_contain_text("Draft: the figures show the record as it stands now")
    for key in ("rubber_stamp", "contributions", "attendance"):
        expect(page.locator(f"#chart-{key} svg[role=img]")).to_have_count(1)
        expect(page.locator(f"#chart-{key} table")).to_have_count(1)
    journey.check()

    journey.goto("/effectiveness/scorecard/")
    expect(page.locator(".pecgov-principle")).to_have_count(6)
    expect(page.locator("[data-rating=red]").first).to_be_visible()

    journey.goto(f"/effectiveness/reports/{report.pk}/")
    page.get_by_role("button", name="Publish the report to the Board").click()
    page.wait_for_url(f"**/effectiveness/reports/{report.pk}/")
    expect(page.locator("main")).to_contain_text("Published on")
    journey.check()
    link = page.get_by_role("link", name="Download the report (PDF)")
    download = page.request.get(link.get_attribute("href") or "")
    assert download.status == 200
    assert download.headers["content-type"] == "application/pdf"
    report.refresh_from_db()
    assert report.is_published and report.pdf_ready
    assert hashlib.sha256(download.body()).hexdigest() == report.pdf_sha256  # the stored PDF, built once
    journey.sign_out()

    journey.sign_in("member")
    journey.goto(f"/effectiveness/reports/{report.pk}/")
    expect(page.locator("#frozen")).to_contain_text(report.sha256)
    expect(page.get_by_role("button", name="Publish the report to the Board")).to_have_count(0)
