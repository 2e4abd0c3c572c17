"""Turnaround across decided cases (PBC-4, PBC-7): median and 90th percentile by route and by
quarter, as table tests over the pure functions."""

from __future__ import annotations

import datetime as dt

import pytest

from pecgov.commissioning import turnaround
from pecgov.commissioning.turnaround import Decided, Turnaround


@pytest.mark.parametrize(
    ("values", "expected"),
    [([7], 7.0), ([3, 1, 2], 2.0), ([1, 2, 3, 4], 2.5), ([10, 10], 10.0), ([0, 100, 50, 49], 49.5)],
)
def test_median(values: list[int], expected: float) -> None:
    assert turnaround.median(values) == expected


@pytest.mark.parametrize(
    ("values", "percent", "expected"),
    [
        ([5], 90, 5),
        (list(range(1, 11)), 90, 9),  # nearest rank: 0.9 * 10 = 9th value
        (list(range(1, 12)), 90, 10),  # 0.9 * 11 = 9.9: the 10th value
        ([40, 10, 30, 20], 90, 40),
        ([40, 10, 30, 20], 50, 20),
        ([40, 10, 30, 20], 100, 40),
        ([3, 3, 3], 90, 3),
    ],
)
def test_percentile_nearest_rank(values: list[int], percent: int, expected: int) -> None:
    assert turnaround.percentile(values, percent) == expected


@pytest.mark.parametrize(("values", "percent"), [([], 90), ([1], 0), ([1], 101)])
def test_percentile_refuses_nothing_to_measure(values: list[int], percent: int) -> None:
    with pytest.raises(ValueError):
        turnaround.percentile(values, percent)


def test_median_of_nothing_refused() -> None:
    with pytest.raises(ValueError):
        turnaround.median([])


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2007, 4, 1), "2007/08 Q1"),
        (dt.date(2007, 6, 30), "2007/08 Q1"),
        (dt.date(2007, 7, 1), "2007/08 Q2"),
        (dt.date(2007, 12, 31), "2007/08 Q3"),
        (dt.date(2008, 1, 1), "2007/08 Q4"),
        (dt.date(2008, 3, 31), "2007/08 Q4"),
        (dt.date(1999, 5, 1), "1999/00 Q1"),
    ],
)
def test_quarter_is_the_nhs_financial_quarter(day: dt.date, expected: str) -> None:
    assert turnaround.quarter(day) == expected


ROWS = [
    Decided("An executive director", dt.date(2007, 5, 1), 10),
    Decided("An executive director", dt.date(2007, 5, 20), 20),
    Decided("An executive director", dt.date(2007, 8, 1), 30),
    Decided("PBC approvals committee", dt.date(2007, 8, 2), 40),
    Decided("PBC approvals committee", dt.date(2008, 2, 2), 61),
]


def test_by_route() -> None:
    assert turnaround.by_route(ROWS) == [
        Turnaround("An executive director", 3, 20.0, 30),
        Turnaround("PBC approvals committee", 2, 50.5, 61),
    ]


def test_by_quarter_oldest_first() -> None:
    assert turnaround.by_quarter(ROWS) == [
        Turnaround("2007/08 Q1", 2, 15.0, 20),
        Turnaround("2007/08 Q2", 2, 35.0, 40),
        Turnaround("2007/08 Q4", 1, 61.0, 61),
    ]


def test_nothing_decided_gives_no_groups() -> None:
    assert turnaround.by_route([]) == turnaround.by_quarter([]) == []
