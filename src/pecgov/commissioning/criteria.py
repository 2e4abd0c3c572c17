"""Which stated criteria scrutiny covers (PBC-3, PBC-7; DH 1.7, 5.3): pure, no Django.

The policy pack lists each criterion as a parameter `pbc.criterion.<code>` (true: scrutiny
assesses it), with the guidance section it comes from, so a trust can see where each comes
from and record an override with a reason (POL-1). A criterion the pack does not name is
assessed: dropping one is a decision the pack or an override makes openly."""

from __future__ import annotations

from collections.abc import Mapping

from pecgov.commissioning.enums import Criterion

PREFIX = "pbc.criterion."


def key_for(criterion: Criterion) -> str:
    return f"{PREFIX}{criterion.value}"


def in_force(values: Mapping[str, object]) -> list[Criterion]:
    """The criteria the effective policy's `values` ask scrutiny to cover, in a fixed order."""
    return [criterion for criterion in Criterion if values.get(key_for(criterion), True) is not False]
