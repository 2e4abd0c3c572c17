"""The SHA engagement pages' and API's rows of the access matrix (X-1), read by
tests/test_access_matrix.py."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from tests.access_roles import LEAD, ROLES, TRUST_USERS, page
from tests.engagement.helpers import log
from tests.factories import World


def api_read() -> dict[str, int]:
    expected = {role: (200 if role in TRUST_USERS else 403) for role in ROLES}
    expected["anonymous"] = 401
    return expected


ROWS: dict[str, dict[str, int]] = {
    "engagement:index": page(TRUST_USERS, object_level=False),  # ORG-7: everyone in the trust reads it
    "engagement:entry_create": page(LEAD, object_level=False),
    "engagement:entry_edit": page(LEAD, object_level=True),
    "api-1.0.0:list_sha_entries": api_read(),
    "api-1.0.0:create_sha_entry": api_read(),  # same path as list_sha_entries: GET lists
    "api-1.0.0:get_sha_summary": api_read(),
    # One entry (X-5's ETag): the trust's users; another trust's entry is 404
    "api-1.0.0:get_sha_entry": api_read() | {"other_lead": 404},
    "api-1.0.0:update_sha_entry": api_read() | {"other_lead": 404},  # same path as get_sha_entry
}

API = {"api-1.0.0:list_sha_entries", "api-1.0.0:create_sha_entry", "api-1.0.0:get_sha_summary"}


def make_objects(world: World, other_world: World) -> dict[str, Any]:
    return {"sha_entry": log(world, timezone.localdate(), subject="Matrix")}


def kwargs(name: str, world: World, objects: dict[str, Any]) -> dict[str, Any] | None:
    if name in {"engagement:entry_edit"}:
        return {"pk": objects["sha_entry"].pk}
    if name in {"api-1.0.0:update_sha_entry", "api-1.0.0:get_sha_entry"}:
        return {"entry_id": objects["sha_entry"].pk}
    return {} if name.startswith("engagement:") or name in API else None
