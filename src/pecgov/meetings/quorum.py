"""Quorum as a pure function (MTG-2): re-checked per item after conflicted members step out."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class QuorumResult:
    quorate: bool
    able: int
    needed: int
    clinicians_able: int
    clinicians_needed: int | None
    explanation: str


def needed_for(members: int, percent: int) -> int:
    """More than `percent`% of the members: the smallest whole number above it."""
    return members * percent // 100 + 1


def check_quorum(
    *,
    members: int,
    present: set[int],
    excluded: set[int],
    clinicians: set[int],
    percent: int,
    min_clinicians: int | None,
) -> QuorumResult:
    """`present` and `excluded` are person ids of voting members; `clinicians` those who are clinicians."""
    able = present - excluded
    needed = needed_for(members, percent)
    clinicians_able = len(able & clinicians)
    parts = [f"{len(able)} of {members} members present and able to decide; {needed} needed"]
    ok = len(able) >= needed
    if min_clinicians is not None:
        parts.append(f"{clinicians_able} clinicians able to decide; {min_clinicians} needed")
        ok = ok and clinicians_able >= min_clinicians
    if excluded & present:
        parts.append(f"{len(excluded & present)} excluded because of a conflict of interest")
    return QuorumResult(ok, len(able), needed, clinicians_able, min_clinicians, "; ".join(parts) + ".")
