"""The "third pin" (ORG-7): was the PEC chair at the SHA's table? Pure rules, no Django.

DH 4.3 asks SHAs to include PEC chairs "in all high level PCT meetings and communications with
the SHA", to hold "regular meetings between PEC chairs and senior SHA staff", and to give the PEC
a part in "the performance management of PCTs". The Alliance ("Links to SHAs") puts it as a plug:
"no more meetings limited to PCT chairs and chief executives, excluding the clinical chair - the
third pin of the plug".

Plain data in (entries, the PEC chair's spells in the chair, the period, the pack's frequency),
plain findings out: each high-level meeting or communication without the PEC chair, named, and
each gap in the regular meetings longer than the pack allows.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from itertools import pairwise

HIGH_LEVEL = "high_level"
COMMUNICATION = "communication"
REGULAR = "regular"
PERFORMANCE = "performance"
# DH 4.3: "all high level PCT meetings and communications" include the PEC chair.
CHAIR_EXPECTED = frozenset({HIGH_LEVEL, COMMUNICATION})


@dataclass(frozen=True)
class ChairSpell:
    """A person in the PEC's chair from `start` to `end` (None while they still are)."""

    person_id: int
    name: str
    start: dt.date
    end: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Entry:
    """One logged meeting or communication with the SHA."""

    id: int
    held_on: dt.date
    kind: str
    subject: str
    attendee_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Judged:
    """An entry with who chaired the PEC that day and whether they were there."""

    entry: Entry
    chair_name: str  # "" when the PEC had no chair that day
    chair_present: bool

    @property
    def missed_chair(self) -> bool:
        return self.entry.kind in CHAIR_EXPECTED and not self.chair_present


@dataclass(frozen=True)
class Gap:
    """Longer than the pack allows without a regular meeting of the PEC chair and the SHA:
    from `start` (the last meeting, or the start of the period) to `end` (the next, or the end)."""

    start: dt.date
    end: dt.date
    after_meeting: bool  # `start` is a meeting, not the start of the period
    before_meeting: bool  # `end` is a meeting, not the end of the period

    @property
    def days(self) -> int:
        return (self.end - self.start).days


@dataclass(frozen=True)
class Outcome:
    judged: tuple[Judged, ...]
    without_chair: tuple[Judged, ...]
    gaps: tuple[Gap, ...]
    performance: tuple[Judged, ...]
    regular_held: int


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved on by whole months, on the month's last day where the day does not exist."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def chair_on(spells: tuple[ChairSpell, ...] | list[ChairSpell], day: dt.date) -> list[ChairSpell]:
    return [spell for spell in spells if spell.covers(day)]


def judge(entry: Entry, spells: tuple[ChairSpell, ...] | list[ChairSpell]) -> Judged:
    """Whether the person chairing the PEC on the entry's date attended: derived from the
    chair's membership on that date, never a box ticked on the entry."""
    chairs = chair_on(spells, entry.held_on)
    present = any(spell.person_id in entry.attendee_ids for spell in chairs)
    return Judged(entry=entry, chair_name=" and ".join(s.name for s in chairs), chair_present=present)


def regular_gaps(
    meetings: list[dt.date], *, start: dt.date, end: dt.date, months: int, before: dt.date | None = None
) -> list[Gap]:
    """Gaps longer than `months` between regular meetings in [start, end]. `before` is the last
    regular meeting before the period: the clock at the start runs from it, not from `start`."""
    days = sorted(d for d in meetings if start <= d <= end)
    points: list[tuple[dt.date, bool]] = [(before, True) if before is not None else (start, False)]
    points += [(d, True) for d in days]
    gaps: list[Gap] = []
    for (left, left_meeting), (right, _) in pairwise(points):
        if right > add_months(left, months):
            gaps.append(Gap(max(left, start), right, after_meeting=left_meeting, before_meeting=True))
    last, last_meeting = points[-1]
    if end > add_months(last, months):
        gaps.append(Gap(max(last, start), end, after_meeting=last_meeting, before_meeting=False))
    return gaps


def assess(
    entries: list[Entry],
    spells: list[ChairSpell],
    *,
    start: dt.date,
    end: dt.date,
    months: int,
    regular_before: dt.date | None = None,
) -> Outcome:
    """Judge each entry in [start, end]; find the third-pin misses and the regular-meeting gaps.

    A regular meeting counts only when the PEC chair of the day was there: a "PEC chair and SHA"
    meeting without the chair is not one."""
    judged = tuple(judge(e, spells) for e in sorted(entries, key=lambda e: (e.held_on, e.id)))
    judged = tuple(j for j in judged if start <= j.entry.held_on <= end)
    regular = [j.entry.held_on for j in judged if j.entry.kind == REGULAR and j.chair_present]
    return Outcome(
        judged=judged,
        without_chair=tuple(j for j in judged if j.missed_chair),
        gaps=tuple(regular_gaps(regular, start=start, end=end, months=months, before=regular_before)),
        performance=tuple(j for j in judged if j.entry.kind == PERFORMANCE),
        regular_held=len(regular),
    )
