"""Reads the record for the measures of effectiveness (EFF-2, MTG-4, PBC-4) in a fixed number of
queries, however many meetings, items, cases and days, and feeds the pure engine
(`effectiveness.measuring`). `measures_for` is the single source of the page, the CSV, the API
and the annual report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from pecgov.commissioning import register
from pecgov.delegation.queries import catalogue_started, coverage_findings
from pecgov.effectiveness import measuring
from pecgov.effectiveness.definitions import measure_list
from pecgov.interests import queries as interests
from pecgov.interests.enums import Handling
from pecgov.meetings.enums import AttendanceStatus, BoardOutcome, ItemKind, MeetingStatus, MinutesStatus
from pecgov.meetings.models import AgendaItem, Attendance, ConflictConcern, ItemConflict, Meeting, Minutes
from pecgov.meetings.queries import meeting_day
from pecgov.policy import engine as policy_engine
from pecgov.policy.services import EffectivePolicy, committee_facts_by_day, effective_policy
from pecgov.trust.enums import CommitteeKind
from pecgov.trust.models import Committee, Membership, Organisation

# Measures listed on the committee's own page rather than the records page.
ON_COMMITTEE_PAGE = frozenset({"lawful_days", "function_coverage"})


@dataclass(frozen=True)
class Scope:
    """One committee's meetings in the period: read once, shared by the measures and the
    records pages."""

    committee: Committee
    start: dt.date
    end: dt.date
    planned: list[Meeting]
    held: list[Meeting]


def default_period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The last twelve months, ending today."""
    end = today or timezone.localdate()
    try:
        start = end.replace(year=end.year - 1) + dt.timedelta(days=1)
    except ValueError:  # 29 February
        start = end.replace(year=end.year - 1, day=28) + dt.timedelta(days=1)
    return start, end


def year_from(start: dt.date) -> dt.date:
    """The last day of the twelve months starting on `start`."""
    try:
        return start.replace(year=start.year + 1) - dt.timedelta(days=1)
    except ValueError:  # 29 February
        return start.replace(year=start.year + 1, day=28)


def default_committee(trust: Organisation) -> Committee | None:
    """The trust's PEC, or its first committee by name when it has none."""
    found = Committee.objects.filter(trust=trust).order_by("name", "id")
    return found.filter(kind=CommitteeKind.PEC).first() or found.first()


def scope(committee: Committee, start: dt.date, end: dt.date) -> Scope:
    """The committee's meetings dated in the period (one query)."""
    planned = list(
        Meeting.objects.filter(
            committee=committee, starts_at__date__gte=start, starts_at__date__lte=end
        ).order_by("starts_at", "id")
    )
    held = [m for m in planned if m.state == MeetingStatus.HELD]
    return Scope(committee, start, end, planned, held)


def measures_for(
    *, trust: Organisation, committee: Committee, start: dt.date, end: dt.date
) -> measuring.Measures:
    """Every EFF-2 measure of `committee` from `start` to `end` (both included)."""
    found = scope(committee, start, end)
    policy = effective_policy(trust)
    items = items_of(found)
    recommendations = [item for item in items if item.went_to_board]
    board_rows, awaiting = measuring.board(
        (_recommendation(item) for item in recommendations), dict(BoardOutcome.choices)
    )
    item_ids = [item.pk for item in items]
    handling = list(ItemConflict.objects.filter(item_id__in=item_ids).values_list("handling", flat=True))
    months = policy["interests.review_months"]
    target = policy["pbc.target_days"]
    assert isinstance(months, int) and isinstance(target, int)
    parts = measuring.Measures(
        start=start,
        end=end,
        committee=committee.name,
        committee_id=committee.pk,
        measures=(),
        attendance=measuring.attendance(*_attendance(found)),
        meetings_planned=len(found.planned),
        meetings_held=len(found.held),
        items_by_kind=measuring.kinds((_item_fact(i) for i in items), dict(ItemKind.choices)),
        contributions=measuring.contributions((_item_fact(i) for i in items), start, end),
        board_decisions=board_rows,
        board_awaiting=awaiting,
        board_median_days=measuring.board_median(_recommendation(item) for item in recommendations),
        conflicts_recorded=len(handling),
        conflicts_by_handling=measuring.handlings(handling, dict(Handling.choices)),
        concerns_raised=ConflictConcern.objects.filter(item_id__in=item_ids).count(),
        declarations_overdue=len(interests.overdue(trust.pk, months, on=end)),
        turnaround=measuring.route_turnaround(_decided(trust, start, end), target),
        composition=_composition(committee, start, end, policy),
        coverage=_coverage(trust, end, policy),
        minutes=measuring.minutes_timeliness(_minutes(found), minutes_target(policy), end),
    )
    return replace(parts, measures=measure_list(parts, _linker(trust, committee, start, end)))


def _linker(
    trust: Organisation, committee: Committee, start: dt.date, end: dt.date
) -> Callable[[str], str | None]:
    def link(key: str) -> str | None:
        if key == "declarations_overdue":
            return reverse("interests:overdue")
        if key in ON_COMMITTEE_PAGE:
            return reverse("trust:committee_detail", args=[committee.pk])
        query = urlencode(
            {"measure": key, "committee": committee.pk, "from": start.isoformat(), "to": end.isoformat()}
        )
        return f"{reverse('effectiveness:measure_records')}?{query}"

    return link


def items_of(found: Scope) -> list[AgendaItem]:
    """The items of the held meetings, with the Board's decision on each (one query)."""
    return list(
        AgendaItem.objects.filter(meeting__in=[m.pk for m in found.held])
        .select_related("meeting", "board_decision")
        .order_by("meeting__starts_at", "number")
    )


def _item_fact(item: AgendaItem) -> measuring.ItemFact:
    return measuring.ItemFact(day=meeting_day(item.meeting), kind=item.kind, contribution=item.contribution)


def _recommendation(item: AgendaItem) -> measuring.RecommendationFact:
    board = getattr(item, "board_decision", None)
    return measuring.RecommendationFact(
        recommended_on=item.decided_on or meeting_day(item.meeting),
        board_outcome=board.outcome if board is not None else "",
        board_on=board.decided_on if board is not None else None,
    )


def seats(committee: Committee, start: dt.date, end: dt.date) -> list[Membership]:
    """The committee's seats that overlap the period, with their people (one query)."""
    return list(
        Membership.objects.filter(committee=committee, start_date__lte=end)
        .exclude(end_date__lt=start)
        .select_related("person")
    )


def _attendance(found: Scope) -> tuple[list[measuring.HeldMeeting], dict[int, str]]:
    """Who held a seat on each held meeting's day (co-opted members included, as the attendance
    form lists them) and who was recorded present: two queries."""
    held_seats = seats(found.committee, found.start, found.end)
    present: dict[int, set[int]] = {}
    for meeting_id, person_id in Attendance.objects.filter(
        meeting__in=[m.pk for m in found.held], status=AttendanceStatus.PRESENT
    ).values_list("meeting_id", "person_id"):
        present.setdefault(meeting_id, set()).add(person_id)
    meetings = []
    for meeting in found.held:
        day = meeting_day(meeting)
        expected = frozenset(s.person_id for s in held_seats if s.is_current(day))
        meetings.append(measuring.HeldMeeting(day, expected, frozenset(present.get(meeting.pk, set()))))
    return meetings, {s.person_id: s.person.name for s in held_seats}


def decided_in(trust: Organisation, start: dt.date, end: dt.date) -> list[register.DecisionRow]:
    """The decisions register's rows decided in the period (PBC-7)."""
    return [row for row in register.decisions(trust.pk) if start <= row.decided_on <= end]


def _decided(trust: Organisation, start: dt.date, end: dt.date) -> Iterable[tuple[str, int, int]]:
    for row in decided_in(trust, start, end):
        yield row.route, row.days, (row.case.target_date - row.case.submitted_on).days


def _composition(
    committee: Committee, start: dt.date, end: dt.date, policy: EffectivePolicy
) -> measuring.Composition:
    """The composition rules the committee page runs, checked on every day of the period over the
    dated memberships (two queries). Only the PEC has a composition policy."""
    if committee.kind != CommitteeKind.PEC:
        return measuring.Composition(days_lawful=None, days_in_period=(end - start).days + 1, spans=())
    days = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
    facts = committee_facts_by_day(committee, days)
    values, sources = policy.values(), policy.sources()
    results = []
    for day in days:
        failing = tuple(
            f.title
            for f in policy_engine.check_composition(facts[day], values, sources)
            if f.status == policy_engine.Status.FAIL
        )
        results.append((day, failing))
    return measuring.composition(results, start, end)


def _coverage(trust: Organisation, end: dt.date, policy: EffectivePolicy) -> measuring.Coverage | None:
    if not catalogue_started(trust.pk):
        return None
    findings = coverage_findings(trust, on=end, policy=policy)
    uncovered = tuple(f.title for f in findings if f.status != policy_engine.Status.PASS)
    return measuring.Coverage(
        groups=len(findings), covered=len(findings) - len(uncovered), uncovered=uncovered
    )


def minutes_target(policy: EffectivePolicy) -> int:
    target = policy["meetings.minutes_approval_days"]
    assert isinstance(target, int)
    return target


def first_approvals(meetings: Sequence[Meeting]) -> dict[int, dt.date]:
    """The day each meeting's minutes were first approved (one query)."""
    found: dict[int, dt.date] = {}
    for meeting_id, approved_on in (
        Minutes.objects.filter(meeting__in=[m.pk for m in meetings], status=MinutesStatus.APPROVED)
        .exclude(approved_on=None)
        .order_by("approved_on")
        .values_list("meeting_id", "approved_on")
    ):
        if approved_on is not None:
            found.setdefault(meeting_id, approved_on)
    return found


def _minutes(found: Scope) -> list[measuring.MinutesFact]:
    approved = first_approvals(found.held)
    return [measuring.MinutesFact(meeting_day(m), approved.get(m.pk)) for m in found.held]
