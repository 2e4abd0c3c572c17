"""The scheme of delegation as pure functions (TOR-2, PBC-2, DH 5.8).

A scheme, for one kind of decision, is a list of value bands in whole pounds, each
naming who decides. `problems(bands)` says what is wrong with a scheme (a gap, an
overlap, a band with no decider); `route(bands, value)` names the one decider for
a value and why. No database: the services pass plain data in.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

DECIDER_NAMES = {
    "executive_director": "an executive director",
    "pbc_approvals": "the PBC approvals committee",
    "pec_recommends": "the PEC, recommending to the Board",
    "board": "the Board",
}


# The largest value a case can have: what the database holds (a signed 64-bit integer, on
# SQLite and PostgreSQL). Every value the scheme is asked about is checked against it (PBC-2).
MAX_VALUE = 2**63 - 1


def value_problem(value: object) -> str | None:
    """What is wrong with a case value in whole pounds, in words for the value field; None when
    it can be routed. The submission of a case and the "who decides?" question both ask this,
    so a value one refuses the other refuses too, with the same words (PBC-2)."""
    if value is None or value == "":
        return "Enter the value of the case in pounds"
    if isinstance(value, bool) or not isinstance(value, int):
        return "Enter the value in whole pounds, like 45000"
    if value < 0:
        return "The value cannot be negative: enter £0 or more"
    if value > MAX_VALUE:
        return "The value is too large: enter the value in whole pounds, like 45000"
    return None


@dataclass(frozen=True)
class Band:
    """Values from `lower` to `upper` pounds inclusive; `upper` None means no upper limit."""

    lower: int
    upper: int | None
    decider: str

    def holds(self, value: int) -> bool:
        return self.lower <= value and (self.upper is None or value <= self.upper)

    def describe(self) -> str:
        if self.upper is None:
            return f"{pounds(self.lower)} or more"
        if self.lower == 0:
            return f"up to {pounds(self.upper)}"
        return f"{pounds(self.lower)} to {pounds(self.upper)}"


def pounds(value: int) -> str:
    """£50,000; a negative amount as -£100, not £-100."""
    return f"-£{-value:,}" if value < 0 else f"£{value:,}"


@dataclass(frozen=True)
class Route:
    decider: str
    band: Band
    reason: str


class NoRoute(ValueError):
    """The value has no band: the scheme is broken or the value is invalid."""


def problems(bands: Sequence[Band]) -> list[str]:
    """Everything wrong with a scheme, in plain English; empty when it is sound.

    Sound means: at least one band; every band has a decider and a lower limit no
    higher than its upper; the first starts at £0; each next band starts £1 above
    the previous one's upper limit (no gap, no overlap); the last has no upper limit.
    """
    found: list[str] = []
    if not bands:
        return ["Add at least one band: every value needs someone to decide it"]
    for band in bands:
        if band.lower < 0 or (band.upper is not None and band.upper < 0):
            found.append(f"The band {band.describe()} has a negative limit: values start at £0")
        if band.decider not in DECIDER_NAMES:
            found.append(f"Choose who decides for the band {band.describe()}")
        if band.upper is not None and band.upper < band.lower:
            found.append(
                f"The band from {pounds(band.lower)} ends below where it starts ({pounds(band.upper)})"
            )
    ordered = sorted(bands, key=lambda b: b.lower)
    if ordered[0].lower > 0:
        found.append(
            f"Values below {pounds(ordered[0].lower)} have no decider: the first band must start at £0"
        )
    for before, after in itertools.pairwise(ordered):
        if before.upper is None:
            found.append(
                f"The band {before.describe()} has no upper limit, so it overlaps the band {after.describe()}"
            )
        elif after.lower <= before.upper:
            found.append(f"The bands {before.describe()} and {after.describe()} overlap")
        elif after.lower > before.upper + 1:
            found.append(
                f"Values from {pounds(before.upper + 1)} to {pounds(after.lower - 1)} have no decider: "
                "close the gap between the bands"
            )
    if ordered[-1].upper is not None:
        found.append(
            f"Values above {pounds(ordered[-1].upper)} have no decider: the last band must have no upper limit"
        )
    return found


def route(bands: Sequence[Band], value: int, *, kind_label: str = "business case") -> Route:
    """The one decider for `value` under a sound scheme, with the reason in words (PBC-2)."""
    if value < 0:
        raise NoRoute("A value cannot be negative")
    matches = [band for band in bands if band.holds(value)]
    if len(matches) != 1:
        raise NoRoute(
            f"The scheme of delegation gives {len(matches)} deciders for £{value:,}: "
            "the governance lead must correct the scheme"
        )
    band = matches[0]
    if band.decider not in DECIDER_NAMES:
        raise NoRoute(
            f"The band {band.describe()} names no decider: the governance lead must correct the scheme"
        )
    reason = (
        f"A {kind_label} of £{value:,} falls in the band {band.describe()}, "
        f"which the scheme of delegation gives to {DECIDER_NAMES[band.decider]}."
    )
    return Route(decider=band.decider, band=band, reason=reason)


def default_bands(executive_director_limit: int) -> list[Band]:
    """A starting scheme (DH 5.8): small cases to an executive director, then the approvals
    committee; large cases through the PEC to the Board. The lead can change every band."""
    limit = max(executive_director_limit, 0)
    return [
        Band(0, limit, "executive_director"),
        Band(limit + 1, max(limit + 1, 250_000), "pbc_approvals"),
        Band(max(limit + 2, 250_001), max(limit + 2, 1_000_000), "pec_recommends"),
        Band(max(limit + 3, 1_000_001), None, "board"),
    ]
