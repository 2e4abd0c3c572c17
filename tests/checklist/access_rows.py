"""The implementation checklist's rows of the access matrix (X-1), read by tests/test_access_matrix.py."""

from __future__ import annotations

from typing import Any

from pecgov.checklist.services import checklist_setup
from tests.access_roles import LEAD, ROLES, TRUST_USERS, page
from tests.factories import SYSTEM, World


def api_read() -> dict[str, int]:
    expected = {role: (200 if role in TRUST_USERS else 403) for role in ROLES}
    expected["anonymous"] = 401
    return expected


ROWS: dict[str, dict[str, int]] = {
    "checklist:index": page(TRUST_USERS, object_level=False),  # EFF-1: everyone in the trust reads it
    "checklist:target_edit": page(LEAD, object_level=False),
    "checklist:action_edit": page(LEAD, object_level=True),
    "api-1.0.0:get_checklist": api_read(),
}


def make_objects(world: World, other_world: World) -> dict[str, Any]:
    checklist = checklist_setup(actor=SYSTEM, trust=world.trust)
    return {"checklist_action": checklist.actions.get(key="notice")}


def kwargs(name: str, world: World, objects: dict[str, Any]) -> dict[str, Any] | None:
    if name == "checklist:action_edit":
        return {"pk": objects["checklist_action"].pk}
    return {} if name.startswith("checklist:") or name == "api-1.0.0:get_checklist" else None
