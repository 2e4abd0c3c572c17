"""Access matrix rows for the register of interests pages and the public site (X-1).

Members keep their own declarations (the matrix uses the member's own person and declaration),
the governance lead keeps everyone's; the public pages are open to everyone.
"""

from __future__ import annotations

from typing import Any

from tests.factories import World
from tests.meeting_factories import declare

# The matrix's roles, repeated rather than imported: tests.test_access_matrix imports this module.
ROLES = [
    "anonymous",
    "applicant",
    "member",
    "pec_chair",
    "pct_chair",
    "chief_executive",
    "executive_director",
    "practice_lead",
    "governance_lead",
    "other_lead",
]
TRUST_USERS = set(ROLES) - {"anonymous", "applicant"}
LEAD = {"governance_lead", "other_lead"}
SELF_OR_LEAD = {"member"} | LEAD


def page(allowed: set[str], *, object_level: bool) -> dict[str, int]:
    """Signed-in pages: anonymous to sign-in, outsiders 403, another trust's object 404."""
    expected = {}
    for role in ROLES:
        if role == "anonymous":
            expected[role] = 302
        elif role == "other_lead" and object_level:
            expected[role] = 404
        else:
            expected[role] = 200 if role in allowed else 403
    return expected


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


ROWS: dict[str, dict[str, int]] = {
    "interests:my_declarations": page(TRUST_USERS, object_level=False),
    "interests:register": page(TRUST_USERS, object_level=False),
    "interests:overdue": page(LEAD, object_level=False),
    "interests:person_interests": page(TRUST_USERS, object_level=True),
    "interests:declaration_create": page(SELF_OR_LEAD, object_level=True),
    "interests:declaration_edit": page(SELF_OR_LEAD, object_level=True),
    "interests:declaration_withhold": page(LEAD, object_level=True),
    "interests:interest_return": everyone(405),  # POST only
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
