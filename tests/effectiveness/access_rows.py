"""The measures pages' and API's rows of the access matrix (X-1), read by tests/test_access_matrix.py:
the governance lead, PEC members and Board members see the measures (EFF-2)."""

from __future__ import annotations

from typing import Any

from tests.access_roles import ROLES, TRUST_USERS, page
from tests.factories import World

VIEW = {
    "member",
    "pec_chair",
    "pct_chair",
    "chief_executive",
    "executive_director",
    "governance_lead",
    "other_lead",
}


def _api() -> dict[str, int]:
    expected = {role: (200 if role in VIEW else 403) for role in ROLES}
    expected["anonymous"] = 401
    return expected


ROWS: dict[str, dict[str, int]] = {
    # The section's index: everyone working in a trust, each seeing the pages they may open.
    "effectiveness:index": page(TRUST_USERS, object_level=False),
    "effectiveness:measures": page(VIEW, object_level=False),
    # Without a measure named, the records page sends the user to the measures page to choose one.
    "effectiveness:measure_records": page(VIEW, object_level=False) | dict.fromkeys(VIEW, 302),
    "api-1.0.0:get_measures": _api(),
}


def make_objects(world: World, other_world: World) -> dict[str, Any]:
    return {}


def kwargs(name: str, world: World, objects: dict[str, Any]) -> dict[str, Any] | None:
    return {} if name in ROWS else None
