"""Access matrix rows for the register of interests pages and the public site (X-1).

Members keep their own declarations (the matrix uses the member's own person and declaration),
the governance lead keeps everyone's; the public pages are open to everyone.
"""

from __future__ import annotations

from typing import Any

from tests.access_roles import (
    LEAD,
    POST_ONLY,
    ROLES,
    TRUST_USERS,
    everyone,
    page_hidden_from_other_trust,
)
from tests.factories import World
from tests.meeting_factories import declare

SELF_OR_LEAD = {"member"} | LEAD


ROWS: dict[str, dict[str, int]] = {
    "interests:my_declarations": page_hidden_from_other_trust(TRUST_USERS, object_level=False),
    "interests:register": page_hidden_from_other_trust(TRUST_USERS, object_level=False),
    "interests:overdue": page_hidden_from_other_trust(LEAD, object_level=False),
    "interests:person_interests": page_hidden_from_other_trust(TRUST_USERS, object_level=True),
    "interests:declaration_create": page_hidden_from_other_trust(SELF_OR_LEAD, object_level=True),
    "interests:declaration_edit": page_hidden_from_other_trust(SELF_OR_LEAD, object_level=True),
    "interests:declaration_withhold": page_hidden_from_other_trust(LEAD, object_level=True),
    "interests:interest_return": POST_ONLY,
    "public:public_home": everyone(200),
    "public:public_register": everyone(200),
    "public:public_register_csv": everyone(200),
}
assert all(set(row) == set(ROLES) for row in ROWS.values())

PERSON_PAGES = {
    "interests:person_interests",
    "interests:declaration_create",
    "interests:interest_return",
}
DECLARATION_PAGES = {"interests:declaration_edit", "interests:declaration_withhold"}


def make_objects(world: World, other_world: World) -> dict[str, Any]:
    return {"declaration": declare(world.people["member"], world.practice, description="Matrix interest")}


def kwargs(name: str, world: World, objects: dict[str, Any]) -> dict[str, int] | None:
    if name not in ROWS:
        return None
    if name in PERSON_PAGES:
        return {"pk": world.people["member"].pk}
    if name in DECLARATION_PAGES:
        return {"pk": objects["declaration"].pk}
    return {}
