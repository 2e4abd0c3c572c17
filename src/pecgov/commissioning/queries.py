"""Reads the PBC pages, the API and the command line share, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from pecgov.commissioning import timeliness
from pecgov.commissioning.enums import CLOSED, Aspect, CaseStatus, Criterion
from pecgov.commissioning.models import BusinessCase, CaseDocument, Scrutiny
from pecgov.meetings.enums import MeetingStatus
from pecgov.meetings.models import BoardDecision, Meeting
from pecgov.trust.roles import roles_of


def visible_cases(user: Any, trust_id: int) -> QuerySet[BusinessCase]:
    """Every case for those who see the pipeline; only their own organisation's for a
    practice or PBC group lead (PBC-1, X-1)."""
    cases = BusinessCase.objects.filter(trust_id=trust_id)
    if not user.has_perm("commissioning.view_pipeline"):
        cases = cases.filter(submitter_id__in=roles_of(user).practice_ids)
    return cases


def case_in_view(user: Any, trust_id: int, pk: int) -> BusinessCase:
    """The case if the user may see it; otherwise DoesNotExist (the page answers 404)."""
    return (
        visible_cases(user, trust_id)
        .select_related(
            "submitter",
            "committee",
            "agenda_item__meeting__committee",
            "agenda_item__board_decision",
            "scheme",
            "submitted_by",
            "decided_by",
        )
        .get(pk=pk)
    )


def next_meetings_by_committee(trust_id: int, now: dt.datetime | None = None) -> dict[int, list[dt.date]]:
    """Dates of every scheduled meeting from now on, per committee: one query."""
    now = now or timezone.now()
    dates: dict[int, list[dt.date]] = {}
    for committee_id, starts_at in (
        Meeting.objects.filter(
            committee__trust_id=trust_id, status=MeetingStatus.SCHEDULED, starts_at__gte=now
        )
        .order_by("starts_at")
        .values_list("committee_id", "starts_at")
    ):
        dates.setdefault(committee_id, []).append(timezone.localtime(starts_at).date())
    return dates


@dataclass(frozen=True)
class CaseRow:
    case: BusinessCase
    holder: str
    timing: timeliness.Timeliness
    next_meeting: dt.date | None


NEEDS_MEETING = {CaseStatus.SUBMITTED, CaseStatus.SCRUTINY, CaseStatus.DEFERRED, CaseStatus.ON_AGENDA}


def holder(case: BusinessCase) -> str:
    """Who holds the case now, in words (PBC-4)."""
    status = case.status
    if status in {CaseStatus.SUBMITTED, CaseStatus.SCRUTINY}:
        return "Governance lead and scrutineers"
    if status == CaseStatus.RETURNED:
        return str(case.submitter)
    if status == CaseStatus.WITH_DIRECTOR:
        return "The executive director"
    if status == CaseStatus.ON_AGENDA and case.agenda_item is not None:
        return str(case.agenda_item.meeting)
    if status == CaseStatus.DEFERRED:
        return str(case.committee)
    if status == CaseStatus.RECOMMENDED:
        return "The Board"
    return "Closed"


def case_row(case: BusinessCase, upcoming: dict[int, list[dt.date]], today: dt.date) -> CaseRow:
    scheduled_for = None
    if case.status == CaseStatus.ON_AGENDA and case.agenda_item is not None:
        scheduled_for = timezone.localtime(case.agenda_item.meeting.starts_at).date()
    dates = upcoming.get(case.committee_id or 0, [])
    next_meeting = dates[0] if dates else None
    timing = timeliness.assess(
        submitted_on=case.submitted_on,
        target_date=case.target_date,
        today=today,
        decided_on=case.decided_on if case.status in CLOSED else None,
        needs_meeting=case.committee_id is not None and case.status in NEEDS_MEETING,
        scheduled_for=scheduled_for,
        next_meeting=next_meeting,
        committee=str(case.committee) if case.committee else "the committee",
    )
    return CaseRow(case=case, holder=holder(case), timing=timing, next_meeting=next_meeting)


# What the pipeline shows (PBC-4, PBC-7): open cases by default; decided ones stay visible.
PIPELINE_STATES = {"open": "Open cases", "decided": "Decided cases", "all": "All cases"}
DECIDED = frozenset({CaseStatus.APPROVED, CaseStatus.REJECTED})


def pipeline(
    trust_id: int,
    *,
    status: str = "",
    decider: str = "",
    late_only: bool = False,
    state: str = "open",
    today: dt.date | None = None,
) -> list[CaseRow]:
    """Cases with their stage, holder and timeliness: two queries, however many cases. `state`
    is "open" (every case not yet closed), "decided" (approved or rejected) or "all"."""
    today = today or timezone.localdate()
    cases = (
        BusinessCase.objects.filter(trust_id=trust_id)
        .select_related("submitter", "committee", "agenda_item__meeting__committee")
        .order_by("target_date", "id")
    )
    if state == "decided":
        cases = cases.filter(status__in=DECIDED)
    elif state != "all":
        cases = cases.exclude(status__in=CLOSED)
    if status:
        cases = cases.filter(status=status)
    if decider:
        cases = cases.filter(decider=decider)
    if late_only:
        cases = cases.filter(target_date__lt=today)
    upcoming = next_meetings_by_committee(trust_id)
    return [case_row(case, upcoming, today) for case in cases]


def waiting_for_a_meeting(trust_id: int) -> list[CaseRow]:
    """Open cases a committee's meeting still has to decide (MTG-6). A case the PEC has
    recommended waits for the Board's own decision, not for a meeting (PBC-2)."""
    return [
        row
        for row in pipeline(trust_id)
        if row.case.committee_id is not None and row.case.status != CaseStatus.RECOMMENDED
    ]


@dataclass(frozen=True)
class PipelineSummary:
    """The line at the top of the pipeline (PBC-4, MTG-6)."""

    open: int
    late: int
    no_meeting_in_time: int  # cases no meeting can decide before their target date


def pipeline_summary(rows: list[CaseRow]) -> PipelineSummary:
    return PipelineSummary(
        open=len(rows),
        late=sum(1 for row in rows if row.timing.late),
        no_meeting_in_time=sum(1 for row in rows if row.timing.warning),
    )


def case_list(user: Any, trust_id: int, *, status: str = "", search: str = "") -> QuerySet[BusinessCase]:
    cases = visible_cases(user, trust_id).select_related("submitter", "committee")
    if status == "open":
        cases = cases.exclude(status__in=CLOSED)
    elif status == "closed":
        cases = cases.filter(status__in=CLOSED)
    elif status:
        cases = cases.filter(status=status)
    if search:
        cases = cases.filter(Q(title__icontains=search) | Q(reference__icontains=search))
    return cases


@dataclass(frozen=True)
class ScrutinyGrid:
    rows: list[tuple[str, dict[str, Scrutiny | None]]]  # criterion label, {aspect: row}
    complete: bool  # every aspect and criterion assessed in the current round
    since: dt.datetime | None = None  # the current round began (the last resubmission)

    def stale(self, row: Scrutiny) -> bool:
        """Assessed before the case was last resubmitted: it must be assessed again (PBC-3)."""
        return self.since is not None and row.recorded_at < self.since


def scrutiny_grid(
    case: BusinessCase, criteria: list[Criterion], since: dt.datetime | None = None
) -> ScrutinyGrid:
    """`criteria` are those the trust's policy asks for (scrutiny.criteria_for); `since` is
    scrutiny.scrutiny_since(case): rows recorded before it no longer count."""
    found = {
        (s.aspect, s.criterion): s for s in Scrutiny.objects.filter(case=case).select_related("assessor")
    }
    rows = [
        (criterion.label, {aspect.value: found.get((aspect.value, criterion.value)) for aspect in Aspect})
        for criterion in criteria
    ]
    codes = {criterion.value for criterion in criteria}
    current = [
        s for s in found.values() if s.criterion in codes and (since is None or s.recorded_at >= since)
    ]
    return ScrutinyGrid(rows=rows, complete=len(current) == len(Aspect) * len(criteria), since=since)


def documents(case: BusinessCase) -> list[CaseDocument]:
    return list(
        CaseDocument.objects.filter(case=case).select_related("uploaded_by").order_by("uploaded_at", "id")
    )


def document_in_view(user: Any, trust_id: int, pk: int) -> CaseDocument:
    """The document if the user may see its case; otherwise DoesNotExist (the page answers 404)."""
    return CaseDocument.objects.select_related("case").get(pk=pk, case__in=visible_cases(user, trust_id))


def board_decision(case: BusinessCase) -> BoardDecision | None:
    """The Board's decision on the PEC's recommendation, if any (loaded by case_in_view)."""
    if case.agenda_item is None:
        return None
    return getattr(case.agenda_item, "board_decision", None)


def timeline(case: BusinessCase) -> list[dict[str, Any]]:
    """Each change of status, from the case's history: one query."""
    entries = []
    last = None
    for record in case.history.order_by("history_date", "history_id").select_related("history_user"):
        if record.status != last:
            entries.append(
                {
                    "when": record.history_date,
                    "status": CaseStatus(record.status).label,
                    "who": str(record.history_user) if record.history_user else "System",
                    "reason": record.history_change_reason or "",
                }
            )
            last = record.status
    return entries
