"""Measures of the PEC's effectiveness from the record (EFF-2, MTG-4, PBC-4; DH 3.1, Annex C).

Pure: plain facts in, plain results out, no Django. `effectiveness.queries.measures_for` reads
the record and feeds these functions; the page, the CSV, the API and the annual report all show
the one `Measures` it returns, so the numbers agree everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from pecgov.commissioning.turnaround import median, percentile, quarter

# The committee's contribution to an item (MTG-4), in the order the record's enum gives them.
DEBATED_CHANGED = "debated_changed"
DEBATED_REJECTED = "debated_rejected"
DEBATED_AGREED = "debated_agreed"
NOTED_ONLY = "noted_only"
CONTRIBUTIONS: tuple[str, ...] = (DEBATED_CHANGED, DEBATED_REJECTED, DEBATED_AGREED, NOTED_ONLY)


# Results -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    """One number with what it means and where it comes from (EFF-2)."""

    key: str
    label: str
    value: float | int | None  # None when there is nothing to count
    unit: str  # "%", "days", "meetings", "items"... ("%" values are 0..100)
    definition: str
    source: str
    link: str | None  # a page listing exactly the records counted, with filters


@dataclass(frozen=True)
class MemberAttendance:
    name: str
    expected: int  # meetings held while they held a seat
    attended: int
    rate: float | None  # attended / expected, 0..1; None when expected is 0


@dataclass(frozen=True)
class QuarterContribution:
    """What the committee did with its items in one NHS financial quarter (MTG-4)."""

    quarter: str  # "2007/08 Q1"
    debated_changed: int
    debated_rejected: int
    debated_agreed: int
    noted_only: int
    unrecorded: int  # items of held meetings with no contribution recorded yet
    rubber_stamp_ratio: float | None  # noted_only / recorded, 0..1; None with nothing recorded

    @property
    def recorded(self) -> int:
        return self.debated_changed + self.debated_rejected + self.debated_agreed + self.noted_only


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    count: int


@dataclass(frozen=True)
class BoardOutcomeCount:
    """The Board's decisions on the committee's recommendations, by outcome (MTG-3)."""

    outcome: str
    label: str
    count: int
    median_days: float | None  # from the committee's recommendation to the Board's decision


@dataclass(frozen=True)
class HandlingCount:
    handling: str
    label: str
    count: int


@dataclass(frozen=True)
class RouteTurnaround:
    """Business-case turnaround for one route (PBC-4), days from submission to decision."""

    route: str
    cases: int
    median: float
    p90: int
    target: int
    within_target: int  # cases decided within the target


@dataclass(frozen=True)
class CompositionSpan:
    """Consecutive days with the same composition result (POL-2)."""

    start: dt.date
    end: dt.date  # inclusive
    lawful: bool
    failing: tuple[str, ...]  # titles of the failed rules

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Composition:
    days_lawful: int | None  # None: the committee has no composition policy (not the PEC)
    days_in_period: int
    spans: tuple[CompositionSpan, ...]


@dataclass(frozen=True)
class Coverage:
    """Key function groups covered by a delegation or a lead on the period's last day (POL-3)."""

    groups: int
    covered: int
    uncovered: tuple[str, ...]


@dataclass(frozen=True)
class MinutesTimeliness:
    """Minutes of held meetings approved within the target days of the meeting (MTG-5)."""

    meetings: int  # held meetings whose minutes are due by the end of the period, or approved
    within_target: int
    target_days: int


@dataclass(frozen=True)
class Measures:
    """Everything EFF-2 measures for one committee and period: the single source for the page,
    the CSV, the API and the annual report."""

    start: dt.date
    end: dt.date
    committee: str
    committee_id: int
    measures: tuple[Measure, ...]
    attendance: tuple[MemberAttendance, ...]
    meetings_planned: int
    meetings_held: int
    items_by_kind: tuple[KindCount, ...]
    contributions: tuple[QuarterContribution, ...]  # by quarter, oldest first
    board_decisions: tuple[BoardOutcomeCount, ...]
    board_awaiting: int  # recommendations to the Board with no Board decision yet
    board_median_days: float | None  # from recommendation to the Board's decision, all outcomes
    conflicts_recorded: int
    conflicts_by_handling: tuple[HandlingCount, ...]
    concerns_raised: int
    declarations_overdue: int
    turnaround: tuple[RouteTurnaround, ...]
    composition: Composition
    coverage: Coverage | None  # None until the trust keeps a functions catalogue
    minutes: MinutesTimeliness

    def measure(self, key: str) -> Measure:
        for found in self.measures:
            if found.key == key:
                return found
        raise KeyError(key)

    @property
    def period(self) -> str:
        return f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"


# Facts -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HeldMeeting:
    """A meeting held in the period: who held a seat that day and who was present."""

    day: dt.date
    expected: frozenset[int]  # person ids
    present: frozenset[int]


@dataclass(frozen=True)
class ItemFact:
    """An agenda item of a meeting held in the period."""

    day: dt.date
    kind: str
    contribution: str  # one of CONTRIBUTIONS, or "" while not recorded


@dataclass(frozen=True)
class RecommendationFact:
    """A recommendation the committee sent to the Board, and the Board's decision if made."""

    recommended_on: dt.date
    board_outcome: str  # "" while the Board has not decided
    board_on: dt.date | None


@dataclass(frozen=True)
class MinutesFact:
    meeting_day: dt.date
    approved_on: dt.date | None  # the first approved version's day


# Engine ------------------------------------------------------------------------------------


def ratio(part: int, whole: int) -> float | None:
    """part / whole, or None when there is nothing to divide by."""
    return part / whole if whole else None


def percent(part: int, whole: int) -> float | None:
    found = ratio(part, whole)
    return None if found is None else round(found * 100, 1)


def attendance(meetings: Iterable[HeldMeeting], names: Mapping[int, str]) -> tuple[MemberAttendance, ...]:
    """Per member: meetings held while they held a seat, and how many of those they attended.
    Someone present without a seat (in attendance) is not counted: attendance is a member's."""
    expected: dict[int, int] = {}
    attended: dict[int, int] = {}
    for meeting in meetings:
        for person in meeting.expected:
            expected[person] = expected.get(person, 0) + 1
            if person in meeting.present:
                attended[person] = attended.get(person, 0) + 1
    rows = [
        MemberAttendance(
            name=names.get(person, ""),
            expected=count,
            attended=attended.get(person, 0),
            rate=ratio(attended.get(person, 0), count),
        )
        for person, count in expected.items()
    ]
    return tuple(sorted(rows, key=lambda row: (row.name, row.expected)))


def quarters_between(start: dt.date, end: dt.date) -> list[str]:
    """Every NHS financial quarter the period touches, oldest first."""
    found: list[str] = []
    day = start.replace(day=1)
    while day <= end:
        if quarter(day) not in found:
            found.append(quarter(day))
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return found


def contributions(
    items: Iterable[ItemFact], start: dt.date | None = None, end: dt.date | None = None
) -> tuple[QuarterContribution, ...]:
    """Items by what the committee did with them, per NHS financial quarter, oldest first (MTG-4).
    Given the period, every quarter it touches has a row, a quarter without items included."""
    blank = dict.fromkeys((*CONTRIBUTIONS, ""), 0)
    counts: dict[str, dict[str, int]] = {}
    if start is not None and end is not None:
        counts = {name: dict(blank) for name in quarters_between(start, end)}
    for item in items:
        row = counts.setdefault(quarter(item.day), dict(blank))
        row[item.contribution if item.contribution in CONTRIBUTIONS else ""] += 1
    return tuple(_quarter_row(name, row) for name, row in sorted(counts.items()))


def _quarter_row(name: str, row: Mapping[str, int]) -> QuarterContribution:
    recorded = sum(row[key] for key in CONTRIBUTIONS)
    return QuarterContribution(
        quarter=name,
        debated_changed=row[DEBATED_CHANGED],
        debated_rejected=row[DEBATED_REJECTED],
        debated_agreed=row[DEBATED_AGREED],
        noted_only=row[NOTED_ONLY],
        unrecorded=row[""],
        rubber_stamp_ratio=ratio(row[NOTED_ONLY], recorded),
    )


def total_contributions(quarters: Sequence[QuarterContribution]) -> QuarterContribution:
    """The whole period as one row."""
    row = {
        DEBATED_CHANGED: sum(q.debated_changed for q in quarters),
        DEBATED_REJECTED: sum(q.debated_rejected for q in quarters),
        DEBATED_AGREED: sum(q.debated_agreed for q in quarters),
        NOTED_ONLY: sum(q.noted_only for q in quarters),
        "": sum(q.unrecorded for q in quarters),
    }
    return _quarter_row("All", row)


def kinds(items: Iterable[ItemFact], labels: Mapping[str, str]) -> tuple[KindCount, ...]:
    """Items by kind, in the order of `labels`, every kind shown."""
    counts: dict[str, int] = dict.fromkeys(labels, 0)
    for item in items:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    return tuple(KindCount(kind, labels.get(kind, kind), count) for kind, count in counts.items())


def board(
    recommendations: Iterable[RecommendationFact], labels: Mapping[str, str]
) -> tuple[tuple[BoardOutcomeCount, ...], int]:
    """The Board's decisions by outcome (every outcome shown) with the median days from the
    committee's recommendation, and how many recommendations still await the Board (MTG-3)."""
    days: dict[str, list[int]] = {outcome: [] for outcome in labels}
    awaiting = 0
    for rec in recommendations:
        if not rec.board_outcome or rec.board_on is None:
            awaiting += 1
            continue
        days.setdefault(rec.board_outcome, []).append((rec.board_on - rec.recommended_on).days)
    rows = tuple(
        BoardOutcomeCount(
            outcome=outcome,
            label=labels.get(outcome, outcome),
            count=len(values),
            median_days=median(values) if values else None,
        )
        for outcome, values in days.items()
    )
    return rows, awaiting


def handlings(recorded: Iterable[str], labels: Mapping[str, str]) -> tuple[HandlingCount, ...]:
    counts: dict[str, int] = dict.fromkeys(labels, 0)
    for handling in recorded:
        counts[handling] = counts.get(handling, 0) + 1
    return tuple(HandlingCount(key, labels.get(key, key), count) for key, count in counts.items())


def board_median(recommendations: Iterable[RecommendationFact]) -> float | None:
    """Median days from the committee's recommendation to the Board's decision, all outcomes."""
    days = [(r.board_on - r.recommended_on).days for r in recommendations if r.board_outcome and r.board_on]
    return median(days) if days else None


def route_turnaround(decided: Iterable[tuple[str, int, int]], target: int) -> tuple[RouteTurnaround, ...]:
    """Median and nearest-rank 90th percentile days per route (commissioning.turnaround's own
    statistics) against the pack's target; `decided` gives each case's route, days taken and its
    own target days, fixed when it was submitted (PBC-4)."""
    groups: dict[str, list[int]] = {}
    within: dict[str, int] = {}
    for route, days, case_target in decided:
        groups.setdefault(route, []).append(days)
        within[route] = within.get(route, 0) + (1 if days <= case_target else 0)
    return tuple(
        RouteTurnaround(
            route=route,
            cases=len(days),
            median=median(days),
            p90=percentile(days, 90),
            target=target,
            within_target=within[route],
        )
        for route, days in sorted(groups.items())
    )


def composition(days: Iterable[tuple[dt.date, tuple[str, ...]]], start: dt.date, end: dt.date) -> Composition:
    """Sweep the period's days, each with the titles of the composition rules it failed, into
    spans of equal result. Days are given in order; a day not given is not counted as lawful."""
    spans: list[CompositionSpan] = []
    for day, failing in days:
        last = spans[-1] if spans else None
        if last is not None and last.failing == failing and last.end + dt.timedelta(days=1) == day:
            spans[-1] = CompositionSpan(last.start, day, last.lawful, failing)
        else:
            spans.append(CompositionSpan(day, day, not failing, failing))
    return Composition(
        days_lawful=sum(span.days for span in spans if span.lawful),
        days_in_period=(end - start).days + 1,
        spans=tuple(spans),
    )


def minutes_timeliness(facts: Iterable[MinutesFact], target_days: int, end: dt.date) -> MinutesTimeliness:
    """Minutes count once approved, or once their target day has passed by the period's end;
    minutes still inside their target time are not yet counted either way (MTG-5)."""
    due = 0
    within = 0
    for fact in facts:
        deadline = fact.meeting_day + dt.timedelta(days=target_days)
        if fact.approved_on is None and deadline > end:
            continue
        due += 1
        if fact.approved_on is not None and fact.approved_on <= deadline:
            within += 1
    return MinutesTimeliness(meetings=due, within_target=within, target_days=target_days)
