"""The import pages' rows of the access matrix (X-1, ADM-2), read by tests/test_access_matrix.py:
only a governance lead, and another trust's lead never sees this trust's uploads (404)."""

from __future__ import annotations

from typing import Any

from pecgov.imports.services import import_upload
from tests.access_roles import LEAD, POST_ONLY, page
from tests.factories import SYSTEM, World

ROWS: dict[str, dict[str, int]] = {
    "imports:start": page(LEAD, object_level=False),
    "imports:run": page(LEAD, object_level=True),
    "imports:confirm": POST_ONLY,
}


def make_objects(world: World, other_world: World) -> dict[str, Any]:
    content = b"email,name,profession\nmatrix@example.org,Matrix Person,gp\n"
    run = import_upload(
        actor=SYSTEM, trust=world.trust, kind="people", filename="people.csv", content=content
    )
    return {"import_run": run}


def kwargs(name: str, world: World, objects: dict[str, Any]) -> dict[str, Any] | None:
    if name in {"imports:run", "imports:confirm"}:
        return {"pk": objects["import_run"].pk}
    return {} if name.startswith("imports:") else None
