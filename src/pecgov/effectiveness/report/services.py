"""Every write to the annual report (EFF-2): create it for a period, write its narrative,
publish it. Publishing freezes what it shows and enqueues its PDF, built once."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.db import transaction
from django.utils import timezone

from pecgov.actors import Actor, require, user_of
from pecgov.audit.recording import save_tracked
from pecgov.effectiveness.models import AnnualReport, ReportStatus
from pecgov.effectiveness.report import content as report_content
from pecgov.effectiveness.report import rules as _rules  # noqa: F401  # registers the permissions
from pecgov.effectiveness.report import tasks
from pecgov.errors import DomainError
from pecgov.servicekit import apply_changes, check_editable, event
from pecgov.trust.models import Organisation

NOT_LEAD = "Only the trust's governance lead can write or publish the annual report."
FROZEN = "This report is published: it no longer changes. Create a report for another period instead."
LONGEST_DAYS = 366


def financial_year(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The NHS financial year (1 April to 31 March) that has most recently ended, or the one
    running when there is none: the default period of an annual report."""
    today = today or timezone.localdate()
    first = today.year if today.month >= 4 else today.year - 1
    start = dt.date(first - 1, 4, 1)
    return start, dt.date(first, 3, 31)


def last_twelve_months(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The year ending today: the scorecard's default period."""
    end = today or timezone.localdate()
    start = (end.replace(day=28) if end.month == 2 and end.day == 29 else end).replace(year=end.year - 1)
    return start + dt.timedelta(days=1), end


def default_title(start: dt.date, end: dt.date) -> str:
    return f"Annual report on the PEC's effectiveness, {report_content.period_words(start, end)}"


def _check_period(trust: Organisation, start: Any, end: Any) -> None:
    errors: dict[str, str | list[str]] = {}
    if not isinstance(start, dt.date):
        errors["start"] = "Enter the first day of the period the report covers"
    if not isinstance(end, dt.date):
        errors["end"] = "Enter the last day of the period the report covers"
    if errors:
        raise DomainError(errors)
    if end < start:
        raise DomainError({"end": "The last day must be the same as or after the first day"})
    if (end - start).days >= LONGEST_DAYS:
        raise DomainError(
            {"end": "An annual report covers a year at most: choose a last day within 12 months"}
        )
    if AnnualReport.objects.filter(trust=trust, start=start, end=end).exists():
        raise DomainError({"start": "There is already a report for this period: open it from the list"})


def report_create(
    *, actor: Actor, trust: Organisation, start: dt.date, end: dt.date, title: str = "", narrative: str = ""
) -> AnnualReport:
    """A draft report for a period of at most a year; one per period. Writes one audit event."""
    require(actor, "effectiveness.manage_report", trust.pk, message=NOT_LEAD)
    _check_period(trust, start, end)
    with transaction.atomic():
        report = AnnualReport(
            trust=trust,
            start=start,
            end=end,
            title=(title or "").strip() or default_title(start, end),
            narrative=(narrative or "").strip(),
            created_at=timezone.now(),
        )
        save_tracked(report, actor=actor, reason="Annual report created")
        event(
            actor,
            "effectiveness.report_create",
            report,
            trust.pk,
            f"Annual report created: {report.title}",
            start=start.isoformat(),
            end=end.isoformat(),
        )
    return report


def report_update(*, actor: Actor, report: AnnualReport, **changes: Any) -> AnnualReport:
    """The lead's title and narrative, while the report is a draft (X-4)."""
    require(actor, "effectiveness.manage_report", report.trust_id, message=NOT_LEAD)
    check_editable(changes, {"title", "narrative"})
    if report.is_published:
        raise DomainError(FROZEN)
    cleaned = {key: str(value or "").strip() for key, value in changes.items()}
    if "title" in cleaned and not cleaned["title"]:
        raise DomainError({"title": "Enter the report's title"})
    apply_changes(
        report,
        cleaned,
        actor=actor,
        action="effectiveness.report_update",
        trust_id=report.trust_id,
        summary=f"Annual report edited: {report.title}",
        reason="Annual report edited",
    )
    return report


def report_publish(*, actor: Actor, report: AnnualReport) -> AnnualReport:
    """Freeze the report as it stands (its content and the SHA-256 of that content), record who
    published it, and enqueue its PDF, built once when this commits (EFF-2, X-4)."""
    require(actor, "effectiveness.manage_report", report.trust_id, message=NOT_LEAD)
    with transaction.atomic():
        locked = AnnualReport.objects.select_for_update().select_related("trust").get(pk=report.pk)
        if locked.is_published:
            raise DomainError("This report is already published.")
        frozen = report_content.build(
            trust=locked.trust,
            start=locked.start,
            end=locked.end,
            title=locked.title,
            narrative=locked.narrative,
        )
        locked.content = frozen
        locked.sha256 = hashlib.sha256(json.dumps(frozen, sort_keys=True).encode()).hexdigest()
        locked.status = ReportStatus.PUBLISHED
        locked.published_at = timezone.now()
        locked.published_by = user_of(actor)  # type: ignore[assignment]
        save_tracked(
            locked,
            actor=actor,
            update_fields=["content", "sha256", "status", "published_at", "published_by"],
            reason="Annual report published",
        )
        event(
            actor,
            "effectiveness.report_publish",
            locked,
            locked.trust_id,
            f"Annual report published: {locked.title}",
            sha256=locked.sha256,
        )
        tasks.enqueue_on_commit(locked.pk)
    return locked
