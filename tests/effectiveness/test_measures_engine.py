"""The pure measures engine (EFF-2, MTG-4, PBC-4): tables of cases and hypothesis properties,
no database."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from pecgov.effectiveness import measuring as me
from pecgov.effectiveness.definitions import measure_list

PROPERTY = settings(max_examples=200, deadline=None, database=None)
DAY = dt.date(2007, 4, 2)
people = st.frozensets(st.integers(min_value=1, max_value=12), max_size=12)
meetings = st.lists(st.tuples(people, people), max_size=15).map(
    lambda pairs: [me.HeldMeeting(DAY, expected, present) for expected, present in pairs]
)
contributions = st.sampled_from([*me.CONTRIBUTIONS, ""])
days = st.dates(min_value=dt.date(2006, 1, 1), max_value=dt.date(2009, 12, 31))
items = st.lists(
    st.builds(me.ItemFact, day=days, kind=st.just("decision"), contribution=contributions), max_size=40
)


@PROPERTY
@given(meetings)
def test_attendance_is_never_above_100_percent(held: list[me.HeldMeeting]) -> None:
    """MTG-2, EFF-2: someone present without a seat does not lift a member's rate."""
    for row in me.attendance(held, {}):
        assert 0 <= row.attended <= row.expected
        assert row.rate is not None and 0.0 <= row.rate <= 1.0


@PROPERTY
@given(meetings)
def test_attendance_counts_every_seat_once(held: list[me.HeldMeeting]) -> None:
    """EFF-2: the members' expected meetings add up to the seats held at the meetings."""
    assert sum(r.expected for r in me.attendance(held, {})) == sum(len(m.expected) for m in held)


@PROPERTY
@given(items)
def test_rubber_stamp_ratio_is_between_0_and_1(found: list[me.ItemFact]) -> None:
    """MTG-4: the ratio is a share of the recorded items, or None with nothing recorded."""
    for q in (*me.contributions(found), me.total_contributions(me.contributions(found))):
        if q.recorded == 0:
            assert q.rubber_stamp_ratio is None
        else:
            assert q.rubber_stamp_ratio is not None and 0.0 <= q.rubber_stamp_ratio <= 1.0


@PROPERTY
@given(items)
def test_quarters_add_up_to_every_item(found: list[me.ItemFact]) -> None:
    """MTG-4: every item falls in exactly one quarter, recorded or not; quarters oldest first."""
    quarters = me.contributions(found)
    assert sum(q.recorded + q.unrecorded for q in quarters) == len(found)
    assert [q.quarter for q in quarters] == sorted(q.quarter for q in quarters)


def test_rubber_stamp_ratio_by_quarter_table() -> None:
    """MTG-4, DH 3.1: April 2007 is 2007/08 Q1; March 2008 is 2007/08 Q4."""
    found = me.contributions(
        [
            me.ItemFact(dt.date(2007, 4, 2), "decision", me.NOTED_ONLY),
            me.ItemFact(dt.date(2007, 5, 2), "decision", me.NOTED_ONLY),
            me.ItemFact(dt.date(2007, 6, 2), "decision", me.DEBATED_CHANGED),
            me.ItemFact(dt.date(2007, 6, 3), "decision", ""),
            me.ItemFact(dt.date(2008, 3, 2), "decision", me.DEBATED_REJECTED),
        ]
    )
    assert [(q.quarter, q.recorded, q.unrecorded, q.rubber_stamp_ratio) for q in found] == [
        ("2007/08 Q1", 3, 1, 2 / 3),
        ("2007/08 Q4", 1, 0, 0.0),
    ]


def test_board_outcomes_and_awaiting() -> None:
    """MTG-3: every outcome shown; days from recommendation to the Board's decision."""
    labels = {"accepted": "Accepted", "rejected": "Rejected"}
    rows, awaiting = me.board(
        [
            me.RecommendationFact(DAY, "accepted", DAY + dt.timedelta(days=30)),
            me.RecommendationFact(DAY, "accepted", DAY + dt.timedelta(days=10)),
            me.RecommendationFact(DAY, "", None),
        ],
        labels,
    )
    assert [(r.outcome, r.count, r.median_days) for r in rows] == [
        ("accepted", 2, 20.0),
        ("rejected", 0, None),
    ]
    assert awaiting == 1


def test_route_turnaround_uses_each_cases_own_target() -> None:
    """PBC-4: a case submitted under an older, shorter target is late by its own target."""
    (row,) = me.route_turnaround([("Director", 30, 28), ("Director", 20, 42), ("Director", 50, 42)], 42)
    assert (row.cases, row.median, row.p90, row.target, row.within_target) == (3, 30.0, 50, 42, 1)


@PROPERTY
@given(
    st.lists(
        st.frozensets(st.sampled_from(["size", "chair", "majority"]), max_size=3), min_size=1, max_size=60
    )
)
def test_composition_spans_cover_every_day(failing: list[frozenset[str]]) -> None:
    """POL-2: spans are consecutive, cover the period, and lawful days are the days failing nothing."""
    start = dt.date(2007, 4, 1)
    results = [(start + dt.timedelta(days=i), tuple(sorted(f))) for i, f in enumerate(failing)]
    end = results[-1][0]
    found = me.composition(results, start, end)
    assert sum(s.days for s in found.spans) == found.days_in_period == len(failing)
    assert found.days_lawful == sum(1 for f in failing if not f)
    for before, after in zip(found.spans, found.spans[1:], strict=False):
        assert after.start == before.end + dt.timedelta(days=1) and after.failing != before.failing


def test_minutes_inside_their_target_are_not_yet_counted() -> None:
    """MTG-5: approved in time, approved late, overdue, and not yet due."""
    end = dt.date(2008, 3, 31)
    found = me.minutes_timeliness(
        [
            me.MinutesFact(dt.date(2007, 5, 1), dt.date(2007, 6, 1)),
            me.MinutesFact(dt.date(2007, 7, 1), dt.date(2007, 10, 1)),
            me.MinutesFact(dt.date(2007, 11, 1), None),
            me.MinutesFact(dt.date(2008, 3, 1), None),
        ],
        60,
        end,
    )
    assert (found.meetings, found.within_target) == (3, 1)


def test_nothing_to_count_is_none_not_zero() -> None:
    """EFF-2: an empty period has no shares to show, only zero counts."""
    empty = me.Measures(
        start=DAY,
        end=DAY,
        committee="PEC",
        committee_id=1,
        measures=(),
        attendance=(),
        meetings_planned=0,
        meetings_held=0,
        items_by_kind=(),
        contributions=(),
        board_decisions=(),
        board_awaiting=0,
        board_median_days=None,
        conflicts_recorded=0,
        conflicts_by_handling=(),
        concerns_raised=0,
        declarations_overdue=0,
        turnaround=(),
        composition=me.Composition(days_lawful=None, days_in_period=1, spans=()),
        coverage=None,
        minutes=me.MinutesTimeliness(meetings=0, within_target=0, target_days=60),
    )
    values = {m.key: m.value for m in measure_list(empty, lambda key: None)}
    shares = [
        "attendance",
        "rubber_stamp_ratio",
        "cases_within_target",
        "minutes_within_target",
        "function_coverage",
    ]
    assert [values[key] for key in shares] == [None] * 5
    assert values["items"] == values["meetings_held"] == 0


def test_every_quarter_of_the_period_has_a_row() -> None:
    """MTG-4: a trend shows the quarters without items too (nothing recorded, not 0%)."""
    found = me.contributions(
        [me.ItemFact(dt.date(2007, 5, 1), "decision", me.NOTED_ONLY)],
        dt.date(2007, 3, 15),
        dt.date(2007, 12, 1),
    )
    assert [(q.quarter, q.recorded, q.rubber_stamp_ratio) for q in found] == [
        ("2006/07 Q4", 0, None),
        ("2007/08 Q1", 1, 1.0),
        ("2007/08 Q2", 0, None),
        ("2007/08 Q3", 0, None),
    ]
