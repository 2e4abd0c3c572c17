"""Pay equity across professions (REM-2): a pure rule over plain data, no Django.

The Alliance ("The Structure") asks for "clearly defined salaries ... paid as clinical leaders ...
not on the basis of their historic professional background". Members holding the same role are
compared on the same footing: the rate per session for sessional pay, the annual allowance for an
allowance. A role is flagged when two members of different professions differ by more than the
tolerance (a percentage of the higher rate); the flag names every member concerned.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

WEEKS_A_YEAR = 52


@dataclass(frozen=True)
class Pay:
    """What one member is paid in one role."""

    member: str
    profession: str
    role: str
    basis: str  # "sessional" or "allowance"
    rate: Decimal  # per session, or the annual allowance
    sessions_per_week: Decimal = Decimal(0)

    @property
    def annualised(self) -> Decimal:
        if self.basis == "allowance":
            return self.rate
        return self.rate * self.sessions_per_week * WEEKS_A_YEAR


@dataclass(frozen=True)
class Inequity:
    role: str
    basis: str
    lowest: Decimal
    highest: Decimal
    members: tuple[str, ...]

    @property
    def difference(self) -> Decimal:
        return self.highest - self.lowest


def _beyond(a: Decimal, b: Decimal, tolerance_percent: Decimal) -> bool:
    return abs(a - b) * 100 > max(a, b) * tolerance_percent


def inequities(pay: Iterable[Pay], *, tolerance_percent: int | Decimal) -> list[Inequity]:
    """One finding per (role, basis) where members of different professions are paid differently
    beyond the tolerance, naming every member in a pair that differs, ordered by role."""
    tolerance = Decimal(tolerance_percent)
    groups: dict[tuple[str, str], list[Pay]] = defaultdict(list)
    for row in pay:
        groups[(row.role, row.basis)].append(row)
    found: list[Inequity] = []
    for (role, basis), rows in sorted(groups.items()):
        concerned: set[int] = set()
        for i, a in enumerate(rows):
            for j in range(i + 1, len(rows)):
                b = rows[j]
                if a.profession != b.profession and _beyond(a.rate, b.rate, tolerance):
                    concerned |= {i, j}
        if concerned:
            named = [rows[i] for i in sorted(concerned)]
            found.append(
                Inequity(
                    role=role,
                    basis=basis,
                    lowest=min(r.rate for r in named),
                    highest=max(r.rate for r in named),
                    members=tuple(sorted(r.member for r in named)),
                )
            )
    return found
