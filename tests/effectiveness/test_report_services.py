"""The annual report's services (EFF-2): create for a period, write the narrative, publish once;
publishing freezes the content with its digest and builds the PDF once on the task queue."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

import pytest
from django.utils import timezone

from pecgov.audit.models import AuditEvent
from pecgov.effectiveness.models import AnnualReport
from pecgov.effectiveness.report import services, tasks
from pecgov.effectiveness.report.evidence import Period, evidence
from pecgov.errors import DomainError, NotPermitted
from pecgov.meetings import services as ms
from tests.effectiveness.report_fixtures import draft_report, small_year
from tests.factories import World
from tests.meeting_factories import make_item

pytestmark = pytest.mark.django_db


def test_financial_year_is_the_last_one_ended() -> None:
    """EFF-2: the default period is the financial year most recently ended."""
    assert services.financial_year(dt.date(2008, 5, 1)) == (dt.date(2007, 4, 1), dt.date(2008, 3, 31))
    assert services.financial_year(dt.date(2008, 3, 31)) == (dt.date(2006, 4, 1), dt.date(2007, 3, 31))
    assert services.last_twelve_months(dt.date(2008, 2, 29)) == (dt.date(2007, 3, 1), dt.date(2008, 2, 29))


def test_report_create_makes_a_draft_with_one_event(world: World) -> None:
    """EFF-2: the lead creates a draft for a period; the audit ledger names it."""
    report = draft_report(world)
    assert (report.status, report.content, report.pdf_sha256) == ("draft", {}, "")
    assert report.title.startswith("Annual report on the PEC's effectiveness, ")
    assert AuditEvent.objects.filter(action="effectiveness.report_create").count() == 1


@pytest.mark.parametrize(
    ("start", "end", "field", "message"),
    [
        (
            dt.date(2008, 3, 31),
            dt.date(2007, 4, 1),
            "end",
            "The last day must be the same as or after the first day",
        ),
        (
            dt.date(2007, 4, 1),
            dt.date(2008, 3, 31) + dt.timedelta(days=1),
            "end",
            "An annual report covers a year at most: choose a last day within 12 months",
        ),
        (None, dt.date(2008, 3, 31), "start", "Enter the first day of the period the report covers"),
    ],
)
def test_report_create_refuses_a_bad_period(
    world: World, start: Any, end: Any, field: str, message: str
) -> None:
    """EFF-2, X-4: a clear message on the field, and nothing saved."""
    with pytest.raises(DomainError) as raised:
        services.report_create(actor=world.users["governance_lead"], trust=world.trust, start=start, end=end)
    assert raised.value.errors == {field: [message]}
    assert AnnualReport.objects.count() == 0


def test_report_create_refuses_a_second_report_for_the_period(world: World) -> None:
    report = draft_report(world)
    with pytest.raises(DomainError) as raised:
        draft_report(world)
    assert raised.value.errors == {
        "start": ["There is already a report for this period: open it from the list"]
    }
    assert list(AnnualReport.objects.all()) == [report]


def test_only_the_lead_writes_the_report(world: World, other_world: World) -> None:
    """X-1: a member, or another trust's lead, cannot create or publish."""
    for user in (world.users["member"], other_world.users["governance_lead"]):
        with pytest.raises(NotPermitted):
            services.report_create(
                actor=user, trust=world.trust, start=dt.date(2007, 4, 1), end=dt.date(2008, 3, 31)
            )
    report = draft_report(world)
    with pytest.raises(NotPermitted):
        services.report_publish(actor=world.users["member"], report=report)


def test_publish_freezes_the_content_and_builds_the_pdf_once(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    """EFF-2, X-4: publishing stores what the report shows with its SHA-256 and enqueues the PDF;
    the worker builds it once, however often it runs; a later change to the record changes nothing."""
    record = small_year(world)
    report = draft_report(world)
    services.report_update(actor=world.users["governance_lead"], report=report, narrative="A good year.")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.report_publish(actor=world.users["governance_lead"], report=report)
    report.refresh_from_db()
    assert report.is_published and not report.pdf_ready
    assert report.sha256 == hashlib.sha256(json.dumps(report.content, sort_keys=True).encode()).hexdigest()
    assert report.content["narrative"] == "A good year."
    assert [s["title"] for s in report.content["statements"]] == ["Fairfield business case"]
    assert len(callbacks) == 1
    callbacks[0]()
    callbacks[0]()  # again, as after a crash
    report.refresh_from_db()
    assert bytes(report.pdf).startswith(b"%PDF")
    assert report.pdf_sha256 == hashlib.sha256(bytes(report.pdf)).hexdigest()
    built = AuditEvent.objects.filter(action="effectiveness.report_pdf").get()
    assert (built.data["sha256"], built.data["pdf_sha256"]) == (report.sha256, report.pdf_sha256)
    assert AuditEvent.objects.filter(action="effectiveness.report_publish").count() == 1

    frozen = report.content
    later = make_item(record["meeting"], kind="information", title="Late item")
    ms.item_decide(
        actor=world.users["governance_lead"],
        item=later,
        outcome="noted",
        contribution="noted_only",
        reasons="",
    )
    tasks.build_pdf(report.pk)
    report.refresh_from_db()
    assert report.content == frozen
    assert AuditEvent.objects.filter(action="effectiveness.report_pdf").count() == 1


def test_a_published_report_no_longer_changes(world: World) -> None:
    """EFF-2: after publishing, neither the narrative nor a second publish is accepted."""
    report = draft_report(world)
    lead = world.users["governance_lead"]
    services.report_publish(actor=lead, report=report)
    report.refresh_from_db()
    with pytest.raises(DomainError, match="published: it no longer changes"):
        services.report_update(actor=lead, report=report, narrative="Changed")
    with pytest.raises(DomainError, match="already published"):
        services.report_publish(actor=lead, report=report)
    report.refresh_from_db()
    assert report.narrative == ""


def test_report_update_refuses_an_empty_title(world: World) -> None:
    report = draft_report(world)
    with pytest.raises(DomainError) as raised:
        services.report_update(actor=world.users["governance_lead"], report=report, title="  ")
    assert raised.value.errors == {"title": ["Enter the report's title"]}


def test_evidence_counts_the_small_year_by_hand(world: World) -> None:
    """EFF-3: the scorecard's evidence read from the record, each number checked by hand."""
    small_year(world)
    today = timezone.localdate()
    found = evidence(world.trust, Period(today - dt.timedelta(days=364), today))
    assert (found.items_decided, found.items_noted_only) == (3, 1)
    assert (found.recommendations_sent, found.recommendations_board_decided, found.statements_sent) == (
        1,
        1,
        1,
    )
    assert (found.has_chair, found.chair_is_clinician) == (True, True)
    # PEC: GP chair, a nurse, a manager and three clinical members (pharmacist, GP, AHP).
    assert found.clinical_professions == ("allied health professional", "GP", "nurse", "pharmacist")
    assert found.members == 6
    assert found.overrides == (("composition.max_members", "Local"),)
    assert found.cases_decided == 0
    assert found.sha_meetings is None
