"""PBC-6 taper rule, pure: support to a PBC group is developmental and withdraws as the group
matures (DH 5.4). Plain data in, warnings out; no database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from pecgov.commissioning.enums import Maturity, SupportIntensity

# Higher is more mature / more intensive. Unknown values rank 0 (no support, not assessed).
MATURITY_RANK: dict[str, int] = {level: i + 1 for i, level in enumerate(Maturity.values)}
INTENSITY_RANK: dict[str, int] = {
    SupportIntensity.LIGHT: 1,
    SupportIntensity.REGULAR: 2,
    SupportIntensity.INTENSIVE: 3,
}
MATURE_LEVELS = frozenset({Maturity.ESTABLISHED, Maturity.MATURE})


@dataclass(frozen=True)
class Assessed:
    level: str
    assessed_on: dt.date


@dataclass(frozen=True)
class Supported:
    intensity: str
    start_date: dt.date
    end_date: dt.date | None = None

    def is_current(self, on: dt.date) -> bool:
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)


@dataclass(frozen=True)
class TaperWarning:
    code: str  # "intensive_when_mature" or "support_rose_with_maturity"
    message: str


def short_label(level: str) -> str:
    """'Established' rather than the whole description, for tables."""
    try:
        return str(Maturity(level).label).split(":", 1)[0]
    except ValueError:
        return "Not assessed"


def intensity_on(support: Sequence[Supported], on: dt.date) -> str:
    """The most intensive support current on `on`, or "" when there is none."""
    current = [s.intensity for s in support if s.is_current(on)]
    return max(current, key=lambda i: INTENSITY_RANK.get(i, 0), default="")


def latest_two(assessments: Sequence[Assessed]) -> tuple[Assessed | None, Assessed | None]:
    """The newest assessment and the one before it (by date; on a tie, the later in the list)."""
    ordered = sorted(enumerate(assessments), key=lambda p: (p[1].assessed_on, p[0]), reverse=True)
    newest = ordered[0][1] if ordered else None
    previous = ordered[1][1] if len(ordered) > 1 else None
    return newest, previous


def taper_warnings(
    assessments: Sequence[Assessed], support: Sequence[Supported], today: dt.date
) -> list[TaperWarning]:
    """Where support is not tapering as the group matures (PBC-6, DH 5.4).

    1. The group is assessed established or mature but still has intensive support today.
    2. The group's maturity went up at its latest assessment, yet the support it has today is
       more intensive than the support it had at the assessment before.
    """
    newest, previous = latest_two(assessments)
    if newest is None:
        return []
    warnings: list[TaperWarning] = []
    now = intensity_on(support, today)
    if newest.level in MATURE_LEVELS and now == SupportIntensity.INTENSIVE:
        warnings.append(
            TaperWarning(
                "intensive_when_mature",
                f"Assessed as {short_label(newest.level).lower()} but still has intensive support: "
                "support should withdraw as the group matures. Review whether it is still needed.",
            )
        )
    if previous is not None and MATURITY_RANK.get(newest.level, 0) > MATURITY_RANK.get(previous.level, 0):
        before = intensity_on(support, previous.assessed_on)
        if INTENSITY_RANK.get(now, 0) > INTENSITY_RANK.get(before, 0):
            was = SupportIntensity(before).label.lower() if before else "none"
            warnings.append(
                TaperWarning(
                    "support_rose_with_maturity",
                    f"Maturity went up from {short_label(previous.level).lower()} to "
                    f"{short_label(newest.level).lower()}, but support went up too "
                    f"(from {was} to {SupportIntensity(now).label.lower()}): "
                    "support should taper as the group matures.",
                )
            )
    return warnings
