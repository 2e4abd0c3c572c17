"""Turnaround across decided cases (PBC-4, PBC-7; DH 5.8 "timely"): the median and 90th
percentile days from submission to decision, by route and by quarter. Pure: no Django."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Decided:
    """One decided case: the route that decided it, when, and how many days it took."""

    route: str
    decided_on: dt.date
    days: int


@dataclass(frozen=True)
class Turnaround:
    group: str  # the route's name, or the quarter
    cases: int
    median: float
    p90: int


def median(values: list[int]) -> float:
    """The middle value; the mean of the middle two for an even count. ValueError if empty."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def percentile(values: list[int], percent: int) -> int:
    """The nearest-rank percentile: the smallest value with at least `percent`% of the values at
    or below it, so it is always a turnaround some case actually had. ValueError if empty."""
    if not values:
        raise ValueError("no values")
    if not 0 < percent <= 100:
        raise ValueError("percent must be from 1 to 100")
    ordered = sorted(values)
    return ordered[math.ceil(percent / 100 * len(ordered)) - 1]


def quarter(day: dt.date) -> str:
    """The NHS financial quarter a day falls in, as "2007/08 Q1" (April to June is Q1)."""
    start = day.year if day.month >= 4 else day.year - 1
    number = (day.month - 4) % 12 // 3 + 1
    return f"{start}/{(start + 1) % 100:02d} Q{number}"


def _summarise(rows: Iterable[Decided], key: Callable[[Decided], str]) -> list[Turnaround]:
    groups: dict[str, list[int]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row.days)
    return [
        Turnaround(group=name, cases=len(days), median=median(days), p90=percentile(days, 90))
        for name, days in sorted(groups.items())
    ]


def by_route(rows: Iterable[Decided]) -> list[Turnaround]:
    """Turnaround per route (who decided), in name order."""
    return _summarise(rows, lambda row: row.route)


def by_quarter(rows: Iterable[Decided]) -> list[Turnaround]:
    """Turnaround per financial quarter of the decision, oldest first."""
    return _summarise(rows, lambda row: quarter(row.decided_on))
