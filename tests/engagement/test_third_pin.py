"""The third-pin engine (ORG-7; DH 4.3, Alliance "Links to SHAs"): table tests, no database."""

from __future__ import annotations

import datetime as dt

import pytest

from pecgov.engagement.third_pin import (
    ChairSpell,
    Entry,
    Gap,
    add_months,
    assess,
    judge,
    regular_gaps,
)

D = dt.date
ANN = ChairSpell(1, "Dr Ann Chair", D(2020, 4, 1), D(2020, 9, 30))
BOB = ChairSpell(2, "Dr Bob Chair", D(2020, 10, 1), None)
SPELLS = [ANN, BOB]


def entry(day: dt.date, kind: str = "high_level", who: set[int] | None = None, pk: int = 1) -> Entry:
    return Entry(id=pk, held_on=day, kind=kind, subject=f"Meeting {pk}", attendee_ids=frozenset(who or set()))


@pytest.mark.parametrize(
    ("day", "who", "chair", "present"),
    [
        (D(2020, 5, 1), {1}, "Dr Ann Chair", True),  # the chair of the day attended
        (D(2020, 5, 1), {2, 3}, "Dr Ann Chair", False),  # next year's chair, not yet in the chair
        (D(2020, 9, 30), {1}, "Dr Ann Chair", True),  # the last day of a spell
        (D(2020, 10, 1), {1}, "Dr Bob Chair", False),  # the chair changed mid-year: Ann no longer counts
        (D(2020, 10, 1), {2}, "Dr Bob Chair", True),
        (D(2020, 3, 1), {1, 2}, "", False),  # no PEC chair on that day
    ],
)
def test_judge_chair_present_from_the_chair_of_the_day(
    day: dt.date, who: set[int], chair: str, present: bool
) -> None:
    """ORG-7: whether the PEC chair attended comes from who chaired the PEC on that date."""
    judged = judge(entry(day, who=who), SPELLS)
    assert (judged.chair_name, judged.chair_present) == (chair, present)


@pytest.mark.parametrize(
    ("kind", "present", "missed"),
    [
        ("high_level", False, True),
        ("high_level", True, False),
        ("communication", False, True),
        ("regular", False, False),  # a gap, not a third-pin miss
        ("performance", False, False),
    ],
)
def test_missed_chair_only_for_high_level_meetings_and_communications(
    kind: str, present: bool, missed: bool
) -> None:
    """DH 4.3: "all high level PCT meetings and communications with the SHA" include the chair."""
    judged = judge(entry(D(2020, 5, 1), kind=kind, who={1} if present else set()), SPELLS)
    assert judged.missed_chair is missed


@pytest.mark.parametrize(
    ("meetings", "before", "expected"),
    [
        # Every three months, starting at the start: no gap.
        ([D(2020, 4, 1), D(2020, 7, 1), D(2020, 10, 1), D(2021, 1, 1)], None, []),
        # Nothing at all: one gap over the whole period.
        ([], None, [Gap(D(2020, 4, 1), D(2021, 3, 31), False, False)]),
        # First meeting more than three months in: a gap at the start edge.
        (
            [D(2020, 7, 2), D(2020, 10, 1), D(2021, 1, 1)],
            None,
            [Gap(D(2020, 4, 1), D(2020, 7, 2), False, True)],
        ),
        # ... unless the last meeting before the period was recent enough.
        ([D(2020, 7, 2), D(2020, 10, 1), D(2021, 1, 1)], D(2020, 4, 15), []),
        # A gap in the middle between two meetings.
        (
            [D(2020, 4, 1), D(2020, 7, 1), D(2020, 11, 2), D(2021, 2, 1)],
            None,
            [Gap(D(2020, 7, 1), D(2020, 11, 2), True, True)],
        ),
        # The end edge: three months after the last meeting is not yet a gap; after September it is.
        (
            [D(2020, 4, 1), D(2020, 7, 1), D(2020, 10, 1), D(2020, 12, 31)],
            None,
            [],
        ),
        (
            [D(2020, 4, 1), D(2020, 7, 1), D(2020, 9, 30)],
            None,
            [Gap(D(2020, 9, 30), D(2021, 3, 31), True, False)],
        ),
        # Exactly three months apart is not a gap; a day more is.
        ([D(2020, 4, 1), D(2020, 7, 1), D(2020, 10, 1), D(2021, 1, 1), D(2021, 3, 31)], None, []),
        (
            [D(2020, 7, 2), D(2020, 10, 2), D(2021, 1, 2)],
            D(2020, 4, 1),
            [Gap(D(2020, 4, 1), D(2020, 7, 2), True, True)],
        ),
    ],
)
def test_regular_gaps_at_the_edges_and_between(
    meetings: list[dt.date], before: dt.date | None, expected: list[Gap]
) -> None:
    """ORG-7: gaps longer than the pack's frequency, counted from the period's edges."""
    gaps = regular_gaps(meetings, start=D(2020, 4, 1), end=D(2021, 3, 31), months=3, before=before)
    assert gaps == expected


def test_gap_days_counts_the_days_between() -> None:
    assert Gap(D(2020, 7, 1), D(2020, 11, 2), True, True).days == 124


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2020, 1, 31), 1, D(2020, 2, 29)),
        (D(2020, 11, 30), 3, D(2021, 2, 28)),
        (D(2020, 4, 1), 12, D(2021, 4, 1)),
    ],
)
def test_add_months_keeps_to_the_month_end(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


def test_assess_names_misses_counts_regular_with_chair_only() -> None:
    """ORG-7: a regular meeting the chair missed does not count; misses are named; entries outside
    the period are left out; performance entries are listed on their own."""
    entries = [
        entry(D(2020, 4, 2), "regular", {1}, pk=1),
        entry(D(2020, 6, 1), "high_level", {5}, pk=2),  # without Ann
        entry(D(2020, 7, 1), "regular", {5}, pk=3),  # the chair was not there: not a regular meeting
        entry(D(2020, 10, 5), "communication", {2}, pk=4),  # Bob included
        entry(D(2020, 11, 1), "performance", {2}, pk=5),
        entry(D(2021, 5, 1), "high_level", set(), pk=6),  # after the period
    ]
    outcome = assess(entries, SPELLS, start=D(2020, 4, 1), end=D(2021, 3, 31), months=3)
    assert [j.entry.id for j in outcome.without_chair] == [2]
    assert [j.entry.id for j in outcome.performance] == [5]
    assert outcome.regular_held == 1
    assert outcome.gaps == (Gap(D(2020, 4, 2), D(2021, 3, 31), True, False),)
    assert [j.entry.id for j in outcome.judged] == [1, 2, 3, 4, 5]
