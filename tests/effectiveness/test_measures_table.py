"""Each measure of a small year checked by hand (EFF-2, MTG-4, PBC-4, MTG-3, COI-3, COI-4,
COI-1, POL-2, MTG-5): one assertion per measure. The year is `tests/effectiveness/year.py`; the
working is beside each assertion."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pecgov.effectiveness.measuring import Measures
from pecgov.effectiveness.queries import measures_for
from tests.effectiveness.year import END, START, build_year
from tests.factories import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def m(world: World) -> Measures:
    build_year(world)
    return measures_for(trust=world.trust, committee=world.pec, start=START, end=END)


def value(m: Measures, key: str) -> Any:
    return m.measure(key).value


def test_meetings_and_attendance(m: Measures) -> None:
    """MTG-1, MTG-2, MTG-5, EFF-2: meetings planned and held, attendance overall and per member, minutes approved within target."""
    # EFF-2: m1, m2, m3, m4 and the cancelled meeting; not 15 March 2023 nor 10 April 2024.
    assert value(m, "meetings_planned") == 5

    # EFF-2: m1 to m4.
    assert value(m, "meetings_held") == 4

    # MTG-2, EFF-2: seats 6 + 6 + 7 + 7 = 26; present 5 + 6 + 6 + 7 = 24; 24/26 = 92.3%.
    assert value(m, "attendance") == 92.3

    # EFF-2: the member sent apologies to m1, the director was absent from m3, the newcomer held a seat from 1 October 2023 (m3, m4) and came to both.
    rows = {row.name: (row.expected, row.attended, row.rate) for row in m.attendance}
    assert (
        rows["Member Testshire PCT"],
        rows["Executive_Director Testshire PCT"],
        rows["Nadia Newcomer"],
    ) == (
        (4, 3, 0.75),
        (4, 3, 0.75),
        (2, 2, 1.0),
    )

    # MTG-5: m1 approved at m2 after 41 days (within 60); m2 at m3 after 114 (late); m3 never approved and past its 60 days; m4 approved 10 April 2024 after 56 days (within): 2/4 = 50%.
    assert value(m, "minutes_within_target") == 50.0


def test_items_and_what_the_committee_did(m: Measures) -> None:
    """MTG-1, MTG-4, DH 3.1: items by kind and by contribution, the rubber-stamp ratio and its trend by quarter."""
    # MTG-1: 3 + 2 + 3 + 2 = 10 items.
    assert value(m, "items") == 10

    # MTG-1: decisions i3 i4 i7 i8; recommendations i6 i9 i10; discussion i2; information i1 i5.
    assert {k.kind: k.count for k in m.items_by_kind} == {
        "decision": 4,
        "recommendation": 3,
        "discussion": 1,
        "information": 2,
    }

    # MTG-4: i4, i9.
    assert value(m, "items_debated_changed") == 2

    # MTG-4: i7.
    assert value(m, "items_debated_rejected") == 1

    # MTG-4: i3, i6, i10.
    assert value(m, "items_debated_agreed") == 3

    # MTG-4: i1, i2, i5.
    assert value(m, "items_noted_only") == 3

    # MTG-4, DH 3.1: 3 only noted of 9 recorded (i8 is undecided) = 33.3%.
    assert value(m, "rubber_stamp_ratio") == 33.3

    # MTG-4: Q1 (m1, m2) 3 of 5 noted; no meeting in Q2; Q3 (m3) 0 of 2 with i8 unrecorded; Q4 (m4) 0 of 2.
    assert [
        (q.quarter, q.noted_only, q.recorded, q.unrecorded, q.rubber_stamp_ratio) for q in m.contributions
    ] == [
        ("2023/24 Q1", 3, 5, 0, 0.6),
        ("2023/24 Q2", 0, 0, 0, None),
        ("2023/24 Q3", 0, 2, 1, 0.0),
        ("2023/24 Q4", 0, 2, 0, 0.0),
    ]


def test_recommendations_and_the_board(m: Measures) -> None:
    """MTG-3: recommendations to the Board, the Board's decisions by outcome and the days they took."""
    # MTG-3: i6, i9, i10.
    assert value(m, "recommendations") == 3

    # MTG-3: i6 accepted, i10 rejected.
    assert value(m, "board_decided") == 2

    # MTG-3: i9.
    assert value(m, "board_awaiting") == 1

    # MTG-3: i6 12 October to 1 November = 20 days; i10 14 to 24 February = 10; median 15.
    assert value(m, "board_days") == 15.0

    # MTG-3: one accepted after 20 days, one rejected after 10, none changed or deferred.
    assert {b.outcome: (b.count, b.median_days) for b in m.board_decisions} == {
        "accepted": (1, 20.0),
        "accepted_with_changes": (0, None),
        "rejected": (1, 10.0),
        "deferred": (0, None),
    }


def test_conflicts_and_concerns(m: Measures) -> None:
    """COI-3, COI-4: conflicts recorded by handling, and concerns raised."""
    # COI-3: the member on i6 and on i9.
    assert value(m, "conflicts") == 2

    # COI-3: i6.
    assert value(m, "conflicts_exclude_decision") == 1

    # COI-3: none.
    assert value(m, "conflicts_exclude_debate") == 0

    # COI-3: i9, with its reason.
    assert value(m, "conflicts_no_action") == 1

    # COI-4: the director's concern on i6.
    assert value(m, "concerns") == 1


def test_business_cases(m: Measures) -> None:
    """PBC-4, PBC-7: cases decided in the period, within target, and turnaround by route."""
    # PBC-7: three cases decided 21 June 2023, 30 September 2023, 20 January 2024; the one decided 1 February 2023 is outside.
    assert value(m, "cases_decided") == 3

    # PBC-4: 20 and 10 days are within 42, 60 is not: 2/3 = 66.7%.
    assert value(m, "cases_within_target") == 66.7

    # PBC-4: days 10, 20, 60: median 20, nearest-rank 90th percentile 60, target 42.
    assert [(t.route, t.cases, t.median, t.p90, t.target, t.within_target) for t in m.turnaround] == [
        ("An executive director", 3, 20.0, 60, 42, 2)
    ]


def test_standing_of_the_committee(m: Measures) -> None:
    """COI-1, POL-2, POL-3, EFF-2: declarations overdue, days constituted lawfully, function coverage, and each measure's definition, source and link."""
    # COI-1: seated on 31 March 2024: the PCT chair, chief executive, director, PEC chair (still on the PEC), member, three PEC members, the newcomer and the approvals committee's pharmacist = 10; only the member has declared: 9.
    assert value(m, "declarations_overdue") == 9

    # POL-2: 366 days (2024 is a leap year) less 1 February to 31 March 2024 (29 + 31 = 60), when the PEC's chair no longer sat on the Board: 306.
    assert value(m, "lawful_days") == 306

    # POL-2: one lawful span, then the failing one naming the rule.
    assert [(s.start, s.end, s.lawful, s.failing) for s in m.composition.spans] == [
        (dt.date(2023, 4, 1), dt.date(2024, 1, 31), True, ()),
        (dt.date(2024, 2, 1), dt.date(2024, 3, 31), False, ("Chair sits on the PCT Board",)),
    ]

    # POL-3: the trust keeps no functions catalogue, so there is nothing to count.
    assert value(m, "function_coverage") is None

    # EFF-2: a definition and a source for each, and a link for each but none.
    assert [x.key for x in m.measures if not (x.definition and x.source and x.link)] == []
