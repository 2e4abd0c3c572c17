"""The implementation checklist and SHA engagement pages pass axe-core (X-3) on the demo trust:
the lead reads both, records evidence on an action, logs a high-level meeting without the PEC
chair and sees it named; bad input shows the error summary (EFF-1, ORG-7). A member reads both."""

from __future__ import annotations

from playwright.sync_api import expect

from pecgov.checklist.queries import checklist_state
from pecgov.demo.trust import TRUST_CODE
from pecgov.engagement.models import ShaEntry
from pecgov.trust.models import Organisation


def test_lead_keeps_the_checklist_and_the_sha_log(journey, demo: None) -> None:  # type: ignore[no-untyped-def]
    """EFF-1, ORG-7: the lead's journey through both pages, every page checked with axe."""
    journey.sign_in("lead")
    page = journey.page
    journey.goto("/checklist/")
    expect(page.locator("#checklist-actions")).to_contain_text("Establish mechanisms to measure")
    expect(page.locator("#checklist-actions")).to_contain_text("Shown by the record")
    assert page.locator('[data-overdue="yes"]').count() == 2

    trust = Organisation.objects.get(ods_code=TRUST_CODE)
    late = next(a for a in checklist_state(trust).actions if a.overdue)
    journey.goto(f"/checklist/actions/{late.action_id}/")
    page.get_by_label("Done").check()
    page.get_by_role("button", name="Save action").click()
    page.wait_for_load_state("load")
    journey.check()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter the evidence that the action is done")
    page.locator("#id_evidence").fill("Agreed at the Board on 3 May")
    page.get_by_role("button", name="Save action").click()
    page.wait_for_load_state("load")
    journey.check()
    assert page.locator('[data-overdue="yes"]').count() == 1
    journey.goto("/checklist/target/")

    journey.goto("/engagement/")
    expect(page.locator("#without-chair")).to_contain_text("Reconfiguration of community hospitals")
    expect(page.locator("#gaps")).to_have_count(1)
    journey.goto("/engagement/new/")
    page.locator("#id_held_on-day").fill("1")
    page.locator("#id_held_on-month").fill("1")
    page.locator("#id_held_on-year").fill("2099")
    page.get_by_label("High-level meeting (PCT chair or chief executive with the SHA)").check()
    page.locator("#id_subject").fill("Estates strategy")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("load")
    journey.check()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("The date must be today or in the past")
    page.locator("#id_held_on-year").fill("2020")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("load")
    journey.check()
    assert ShaEntry.objects.filter(subject="Estates strategy").count() == 1
    entry = ShaEntry.objects.get(subject="Estates strategy")
    journey.goto(f"/engagement/{entry.pk}/edit/")


def test_member_reads_both_pages(journey, demo: None) -> None:  # type: ignore[no-untyped-def]
    """EFF-1, ORG-7: a PEC member reads the plan and the log, with no edit links."""
    journey.sign_in("manager")
    journey.goto("/checklist/")
    expect(journey.page.locator("main")).not_to_contain_text("Change the target date")
    journey.goto("/engagement/")
    expect(journey.page.locator("main")).not_to_contain_text("Log a meeting")
    assert len(journey.checked) >= 2
