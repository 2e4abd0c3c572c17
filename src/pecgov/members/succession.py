"""Succession warnings (PERF-5): a pure rule over plain data, no Django.

DH Annex A asks the PEC to lead "succession planning for clinical leadership". For each seat or
lead area: who holds it, when their tenure or intention ends, and who could follow. Two warnings:
a seat with no successor whose holder's tenure ends within the planning horizon, and one person
who is the only successor for several seats (if they move up, the others are left empty).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

NO_SUCCESSOR = "no_successor"
SOLE_SUCCESSOR = "sole_successor"


@dataclass(frozen=True)
class Seat:
    """A PEC seat or a lead area, its holder, when their tenure ends and the named successors."""

    key: str
    label: str
    holder: str
    ends_on: dt.date | None
    successors: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Warning:
    kind: str
    text: str
    seats: tuple[str, ...]
    person: str = ""


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def warnings(seats: Iterable[Seat], *, on: dt.date, horizon_months: int) -> list[Warning]:
    """Every warning for `seats` as they stand on `on`, seats in the order given, then people by
    name. A seat with no end date never warns of its end; a successor named twice for one seat
    counts once."""
    seats = list(seats)
    horizon = add_months(on, horizon_months)
    found: list[Warning] = []
    for seat in seats:
        if not seat.successors and seat.ends_on is not None and seat.ends_on <= horizon:
            found.append(
                Warning(
                    NO_SUCCESSOR,
                    f"{seat.label}: {seat.holder}'s tenure ends on {seat.ends_on:%-d %B %Y} "
                    f"and no one is named to follow",
                    (seat.key,),
                )
            )
    sole: dict[str, list[Seat]] = defaultdict(list)
    for seat in seats:
        names = set(seat.successors)
        if len(names) == 1:
            sole[next(iter(names))].append(seat)
    for person in sorted(sole):
        covered = sole[person]
        if len(covered) > 1:
            labels = ", ".join(seat.label for seat in covered)
            found.append(
                Warning(
                    SOLE_SUCCESSOR,
                    f"{person} is the only successor for {len(covered)} seats: {labels}",
                    tuple(seat.key for seat in covered),
                    person,
                )
            )
    return found
