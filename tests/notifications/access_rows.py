"""The notification pages' rows of the access matrix (X-1), read by tests/test_access_matrix.py."""

from __future__ import annotations

from typing import Any

from pecgov.notifications import services
from pecgov.notifications.enums import Kind
from pecgov.notifications.models import OutboxMessage
from tests.access_roles import LEAD, POST_ONLY, ROLES, page
from tests.factories import World

SIGNED_IN = {role: 200 for role in ROLES} | {"anonymous": 302}

ROWS: dict[str, dict[str, int]] = {
    "notifications:list": SIGNED_IN,
    "notifications:open": POST_ONLY,
    "notifications:read_all": POST_ONLY,
    "notifications:preferences": SIGNED_IN,
    "notifications:deliveries": page(LEAD, object_level=False),
    "notifications:delivery_retry": POST_ONLY,
    "notifications:task_retry": POST_ONLY,
}


def make_objects(world: World, other_world: World) -> dict[str, Any]:
    member = world.users["member"]
    member.email = "member@example.org"
    member.save(update_fields=["email"])
    (note,) = services.notify(
        users=[member],
        kind=Kind.ACTION_ASSIGNED,
        title="Matrix",
        url="/",
        key="matrix",
        trust_id=world.trust.pk,
    )
    return {"notification": note, "outbox": OutboxMessage.objects.get(key=f"n:{note.pk}")}


def kwargs(name: str, world: World, objects: dict[str, Any]) -> dict[str, Any] | None:
    if name == "notifications:open":
        return {"pk": objects["notification"].pk}
    if name == "notifications:delivery_retry":
        return {"pk": objects["outbox"].pk}
    if name == "notifications:task_retry":
        return {"pk": "matrix"}
    return {} if name.startswith("notifications:") else None
