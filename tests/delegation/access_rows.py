"""Access-matrix rows for delegation (filled in with the pages)."""

from __future__ import annotations

from typing import Any

from tests.factories import World

ROWS: dict[str, dict[str, int]] = {}


def make_objects(world: World, other_world: World) -> dict[str, Any]:
    return {}


def kwargs(name: str, world: World, objects: dict[str, Any]) -> dict[str, int] | None:
    return {} if name in ROWS else None
