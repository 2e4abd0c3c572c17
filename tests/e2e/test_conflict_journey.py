"""Journey (MTG-1, MTG-2, MTG-3, COI-2, COI-3, COI-5, COI-8, X-3): a clean decision and its statement.

The governance lead schedules next week's meeting and cannot take its attendance yet (it has
not started); they prepare a meeting that started an hour ago with a business case from a GP
member's own practice and take attendance; the PEC chair opens the item, sees the flagged
conflict, cannot record the flagged member's vote before handling it, records "excluded from the
decision, may give advice", decides; the statement to the Board PDF contains that conflict; the
lead marks the statement sent and it is kept as version 1. axe-core: zero violations on every
page visited.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect


def test_chair_handles_a_conflict_and_the_statement_shows_it(journey, demo: None) -> None:  # type: ignore[no-untyped-def]
    page = journey.page
    journey.sign_in("lead")

    # The lead schedules a PEC meeting next week.
    journey.goto("/meetings/new/")
    page.get_by_label("Committee").select_option(label="Professional Executive Committee")
    day = timezone.localdate() + dt.timedelta(days=7)
    page.locator("#id_starts_on-day").fill(str(day.day))
    page.locator("#id_starts_on-month").fill(str(day.month))
    page.locator("#id_starts_on-year").fill(str(day.year))
    page.get_by_label("Start time").fill("14:00")
    page.get_by_label("Where the meeting is held").fill("Boardroom, Avonmere House")
    page.get_by_role("button", name="Schedule meeting").click()
    page.wait_for_url("**/meetings/*/")
    journey.check()

    # Next week's meeting has not started: its attendance cannot be recorded yet (MTG-2).
    page.get_by_role("link", name="Record attendance").click()
    journey.check()
    for radio in page.locator('input[type="radio"][value="present"]').all():
        radio.check()
    page.get_by_role("button", name="Save attendance").click()
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_contain_text("This meeting has not started yet")
    journey.check()

    # The meeting the journey follows started an hour ago.
    journey.goto("/meetings/new/")
    page.get_by_label("Committee").select_option(label="Professional Executive Committee")
    started = timezone.localtime() - dt.timedelta(hours=1)
    page.locator("#id_starts_on-day").fill(str(started.day))
    page.locator("#id_starts_on-month").fill(str(started.month))
    page.locator("#id_starts_on-year").fill(str(started.year))
    page.get_by_label("Start time").fill(f"{started:%H}:00")
    page.get_by_label("Where the meeting is held").fill("Boardroom, Avonmere House")
    page.get_by_role("button", name="Schedule meeting").click()
    page.wait_for_url("**/meetings/*/")
    journey.check()
    meeting_url = page.url

    # A business case from Fairfield Surgery, where Dr Tom Hollis is a partner.
    page.get_by_role("link", name="Add an agenda item").click()
    journey.check()
    page.get_by_label("Title").fill("Business case: minor surgery at Fairfield Surgery")
    page.get_by_label("Recommendation to the Board").check()
    page.get_by_label("Fairfield Surgery").check()
    page.get_by_role("button", name="Add item").click()
    page.wait_for_url(meeting_url + "**")
    journey.check()

    # Attendance: every member present.
    page.get_by_role("link", name="Record attendance").click()
    journey.check()
    for radio in page.locator('input[type="radio"][value="present"]').all():
        radio.check()
    page.get_by_role("button", name="Save attendance").click()
    page.wait_for_url(meeting_url + "**")
    journey.check()
    journey.sign_out()

    # The chair opens the item and sees the flagged conflict.
    journey.sign_in("pecchair")
    journey.goto(meeting_url.removeprefix(journey.base_url))
    page.get_by_role("link", name="Business case: minor surgery at Fairfield Surgery").first.click()
    journey.check()
    conflicts = page.locator("main")
    expect(conflicts).to_contain_text("Dr Tom Hollis")
    expect(conflicts).to_contain_text("Fairfield Surgery")

    # A flagged member's vote waits until their conflict is handled (COI-8).
    vote_form = page.locator("#vote-form")
    vote_form.get_by_label("Member").select_option(label="Dr Tom Hollis")
    vote_form.get_by_label("For", exact=True).check()
    vote_form.get_by_role("button", name="Record vote").click()
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_contain_text("record how it is handled before recording their vote")
    journey.check()

    # The chair handles every flagged person in one table and saves once (COI-3).
    table = page.locator("#conflicts-form")
    table.get_by_label("handling for Dr Tom Hollis").select_option("exclude_decision")
    # Others flagged through the PBC group (their practices share it): no action, with a reason.
    others = (
        table.locator("tbody tr")
        .filter(has_text="Not handled yet")
        .filter(has=page.locator("select"))
        .filter(has_not_text="Dr Tom Hollis")
    )
    for i in range(others.count()):
        other = others.nth(i)
        other.locator("select[name$='-handling']").select_option("no_action")
        other.locator("textarea[name$='-reason']").fill(
            "Same PBC group only: no benefit from this practice's service"
        )
    table.get_by_role("button", name="Save handling").click()
    page.wait_for_load_state("load")
    journey.check()
    expect(page.locator("main")).to_contain_text("Excluded from the decision, may give advice")

    page.get_by_label("Approved", exact=True).check()
    page.get_by_label("Debated and agreed as proposed").check()
    page.get_by_label("Reasons").fill("Reduces hospital referrals for minor procedures at lower cost.")
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_load_state("load")
    journey.check()
    expect(page.locator("main")).to_contain_text("Approved")

    # The statement to the Board, as a page and a PDF.
    page.get_by_role("link", name="Read the statement to the Board").click()
    page.wait_for_load_state("load")
    journey.check()
    expect(page.locator("main")).to_contain_text("Dr Tom Hollis")
    pdf = page.request.get(page.url.rstrip("/") + ".pdf")
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    body = pdf.body()
    assert body.startswith(b"%PDF")
    pdftotext = shutil.which("pdftotext")
    assert pdftotext is not None, "poppler-utils is installed by make test"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "statement.pdf"
        path.write_bytes(body)
        text = subprocess.run([pdftotext, str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Dr Tom Hollis" in text
    assert "Excluded from the decision, may give advice" in " ".join(text.split())

    # The lead marks the statement sent: it is frozen as version 1 (COI-5).
    statement_url = page.url
    journey.sign_out()
    journey.sign_in("lead")
    journey.goto(statement_url.removeprefix(journey.base_url))
    page.get_by_role("button", name="Mark the statement as sent to the Board").click()
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_contain_text("This is version 1 of the statement")
    expect(page.locator("#statement-versions")).to_contain_text("Marked as sent to the Board")
    journey.check()
