"""The search pages' and endpoints' rows of the access matrix (X-1), read by tests/test_access_matrix.py.

The signed-in search is for everyone working in a trust; the public search answers everyone.
Asked with no words, the API answers 422 (what to search for is missing) once the role is let in."""

from __future__ import annotations

from typing import Any

from pecgov.public.queries import trust_key
from tests.access_roles import ROLES, TRUST_USERS, everyone, page
from tests.factories import World

ROWS: dict[str, dict[str, int]] = {
    "search:search": page(TRUST_USERS, object_level=False),
    "public_search:search": everyone(200),
    "api-1.0.0:search": {role: (422 if role in TRUST_USERS else 403) for role in ROLES} | {"anonymous": 401},
    "api-1.0.0:public_search": everyone(422),
}


def make_objects(world: World, other_world: World) -> dict[str, Any]:
    return {}


def kwargs(name: str, world: World, objects: dict[str, Any]) -> dict[str, Any] | None:
    if name == "public_search:search":
        return {"trust": trust_key(world.trust)}
    return {} if name in ROWS else None
