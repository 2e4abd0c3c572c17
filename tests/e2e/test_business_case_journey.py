"""Journey (PBC-1, PBC-2, PBC-3, PBC-4, COI-2, COI-3, MTG-3, MTG-6, X-3): a business case
from a practice to a decision by the right committee.

Fairfield Surgery's practice lead submits a £120,000 case with a PDF; the scheme of delegation
routes it to the PBC approvals committee and says why. The governance lead records clinical and
organisational scrutiny and puts it on the next approvals meeting, whose screening flags
Dr Tom Hollis, a partner at Fairfield. The committee's chair records his exclusion and approves
the case; the practice lead sees the outcome. axe-core: zero violations on every page visited.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import expect

from pecgov.commissioning.enums import Criterion
from pecgov.commissioning.models import BusinessCase
from pecgov.meetings.models import Meeting
from tests.commissioning.pdfs import real_pdf

CASE_PAGE = re.compile(r".*/commissioning/cases/\d+/(#.*)?$")
TITLE = "Diabetes education sessions at Fairfield Surgery"


def scrutinise(journey, case_path: str, aspect: str, assessor: str) -> None:  # type: ignore[no-untyped-def]
    page = journey.page
    journey.goto(case_path)
    page.get_by_role("link", name=f"Record {aspect} scrutiny").click()
    journey.check()
    page.locator("select[name=assessor]").select_option(label=assessor)
    for criterion in (c.value for c in Criterion):  # every criterion the policy asks for (PBC-7)
        page.locator(f"input[name={criterion}_assessment][value=met]").check()
        page.locator(f"textarea[name={criterion}_comment]").fill(f"Sound: {criterion.replace('_', ' ')}")
    page.get_by_role("button", name=f"Save {aspect} scrutiny").click()
    page.wait_for_url(CASE_PAGE)
    journey.check()


def test_a_practice_case_is_routed_screened_and_decided(journey, demo: None) -> None:  # type: ignore[no-untyped-def]
    page = journey.page

    # 1. The practice lead submits; bad input first: nothing is saved and the message is specific.
    journey.sign_in("practicelead")
    journey.goto("/commissioning/cases/new/")
    journey.check()
    before = BusinessCase.objects.count()
    page.locator("input[name=kind][value=business_case]").check()
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_value").fill("-5")
    page.get_by_role("button", name="Submit").click()
    page.wait_for_load_state("load")
    journey.check()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("The value must be more than £0")
    assert BusinessCase.objects.count() == before

    page.locator("input[name=kind][value=business_case]").check()
    page.locator("select[name=submitter]").select_option(label="Fairfield Surgery (GP practice)")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_service").fill(
        "Structured education for newly diagnosed type 2 diabetes, six sessions a year."
    )
    page.locator("#id_value").fill("120,000")
    page.locator("#id_patient_focus").fill(
        "Sessions in the evening and in Urdu and Polish; targets deprived wards."
    )
    page.locator("#id_evidence").fill(
        "Practice register: 210 new diagnoses in 2 years; NICE guidance on education."
    )
    page.locator("input[name=documents]").set_input_files(
        files=[{"name": "costing.pdf", "mimeType": "application/pdf", "buffer": real_pdf(b"costing")}]
    )
    page.get_by_role("button", name="Submit").click()
    page.wait_for_url(CASE_PAGE)
    journey.check()
    main = page.locator("main")
    expect(main).to_contain_text(TITLE)
    expect(main).to_contain_text("the PBC approvals committee")
    expect(main).to_contain_text("falls in the band £50,001 to £250,000")
    expect(main).to_contain_text("costing")
    case_path = page.url.removeprefix(journey.base_url)
    case = BusinessCase.objects.get(title=TITLE)
    assert case.decider == "pbc_approvals" and case.documents.count() == 1
    journey.sign_out()

    # 2. The governance lead records scrutiny by two assessors without an interest, then schedules.
    journey.sign_in("lead")
    scrutinise(journey, case_path, "clinical", "Carys Lewis")
    scrutinise(journey, case_path, "organisational", "Gareth Pryce")
    page.get_by_role("link", name="Put it on a meeting's agenda").click()
    journey.check()
    expect(page.locator("main")).to_contain_text("next meeting")
    page.get_by_role("button", name="Add to the agenda").click()
    page.wait_for_url(CASE_PAGE)
    journey.check()
    expect(page.locator("main")).to_contain_text("On a meeting's agenda")
    case.refresh_from_db()
    assert case.agenda_item is not None
    meeting_path = f"/meetings/{case.agenda_item.meeting_id}/"

    # The next meeting lists the case under MTG-6 on the meetings page.
    journey.goto("/meetings/")
    journey.check()
    expect(page.locator("#waiting")).to_contain_text(TITLE)

    # The day of the meeting comes: it has started (nothing is recorded before it starts, MTG-2).
    Meeting.objects.filter(pk=case.agenda_item.meeting_id).update(
        starts_at=timezone.now() - dt.timedelta(minutes=30)
    )

    # Attendance at the approvals meeting: every member present.
    journey.goto(meeting_path)
    page.get_by_role("link", name="Record attendance").click()
    journey.check()
    for radio in page.locator('input[type="radio"][value="present"]').all():
        radio.check()
    page.get_by_role("button", name="Save attendance").click()
    page.wait_for_url(f"**{meeting_path}**")
    journey.check()
    journey.sign_out()

    # 3. The committee's chair (the director of finance) sees Dr Hollis flagged and handles it.
    journey.sign_in("director")
    journey.goto(case_path)
    journey.check()
    page.get_by_role("link", name=re.compile(r"^Item \d+:")).first.click()
    page.wait_for_load_state("load")
    journey.check()
    expect(page.locator("main")).to_contain_text("Dr Tom Hollis")
    expect(page.locator("main")).to_contain_text("Fairfield Surgery")
    # One table, one form: Dr Hollis excluded from the decision, the others no action (COI-3).
    table = page.locator("#conflicts-form")
    table.get_by_label("handling for Dr Tom Hollis").select_option("exclude_decision")
    others = (
        table.locator("tbody tr")
        .filter(has_text="Not handled yet")
        .filter(has=page.locator("select"))
        .filter(has_not_text="Dr Tom Hollis")
    )
    for i in range(others.count()):
        other = others.nth(i)
        other.locator("select[name$='-handling']").select_option("no_action")
        other.locator("textarea[name$='-reason']").fill("No benefit from this practice's service")
    table.get_by_role("button", name="Save handling").click()
    page.wait_for_load_state("load")
    journey.check()
    page.get_by_label("Approved", exact=True).check()
    page.get_by_label("Debated and agreed as proposed").check()
    page.get_by_label("Reasons").fill("Good evidence of need; affordable within the group's budget.")
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_load_state("load")
    journey.check()
    case.refresh_from_db()
    assert case.status == "approved"
    journey.sign_out()

    # 4. The practice lead sees the outcome, within the target.
    journey.sign_in("practicelead")
    journey.goto(case_path)
    journey.check()
    main = page.locator("main")
    expect(main.locator(".nhsuk-tag").first).to_contain_text("Approved")
    expect(main).to_contain_text("Good evidence of need")
    expect(main).not_to_contain_text("Late")
    # ... and only their own organisation's cases.
    journey.goto("/commissioning/cases/")
    journey.check()
    expect(page.locator("main")).to_contain_text(TITLE)
    expect(page.locator("main")).not_to_contain_text("Castle Street Surgery")
