"""The agenda packs' rows of the access matrix (X-1, PUB-2), read by tests/test_access_matrix.py:
the full pack for people of the trust; the public pack of a public meeting for anyone."""

from __future__ import annotations

from typing import Any

from pecgov.meetings.packs import services as packs
from tests.access_roles import TRUST_USERS, everyone, page_hidden_from_other_trust
from tests.factories import World
from tests.meeting_factories import make_item, make_meeting
from tests.packs.helpers import add_paper

ROWS: dict[str, dict[str, int]] = {
    "meetings:agenda_pack": page_hidden_from_other_trust(TRUST_USERS, object_level=True),
    "meetings:agenda_pack_public": everyone(200),
}


def make_objects(world: World, other_world: World) -> dict[str, Any]:
    meeting = make_meeting(world.pec, days=12)
    add_paper(make_item(meeting, title="Matrix pack item"), "Matrix pack paper", "Matrix pack text")
    packs.build_packs(meeting.pk)
    return {"pack_meeting": meeting}


def kwargs(name: str, world: World, objects: dict[str, Any]) -> dict[str, int] | None:
    return {"pk": objects["pack_meeting"].pk} if name in ROWS else None
