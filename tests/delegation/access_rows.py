"""The delegation pages' rows of the access matrix (X-1), read by tests/test_access_matrix.py.

ROWS says who gets what for each URL name; make_objects builds what the URLs point at (in
`world`, so another trust's lead gets 404); kwargs fills each URL. The role logic is copied
from test_access_matrix rather than imported: that module imports this one while it loads.
"""

from __future__ import annotations

from typing import Any

from pecgov.delegation import services as ds
from pecgov.delegation.enums import Authority, FunctionGroup
from tests.factories import START, SYSTEM, World

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


def _page(allowed: set[str], *, object_level: bool) -> dict[str, int]:
    """Anonymous to sign-in, outsiders 403, another trust's lead 404 for objects (200 for lists)."""
    expected = {}
    for role in ROLES:
        if role == "anonymous":
            expected[role] = 302
        elif role == "other_lead" and object_level:
            expected[role] = 404
        else:
            expected[role] = 200 if role in allowed else 403
    return expected


POST_ONLY = dict.fromkeys(ROLES, 405)

ROWS: dict[str, dict[str, int]] = {
    "delegation:catalogue": _page(TRUST_USERS, object_level=False),
    "delegation:catalogue_seed": POST_ONLY,
    "delegation:function_create": _page(LEAD, object_level=False),
    "delegation:function_edit": _page(LEAD, object_level=True),
    "delegation:function_retire": _page(LEAD, object_level=True),
    "delegation:delegation_create": _page(LEAD, object_level=True),
    "delegation:delegation_end": _page(LEAD, object_level=True),
    "delegation:lead_list": _page(TRUST_USERS, object_level=False),
    "delegation:lead_create": _page(LEAD, object_level=False),
    "delegation:lead_end": _page(LEAD, object_level=True),
    "delegation:scheme": _page(TRUST_USERS, object_level=False),
    "delegation:scheme_adopt_default": POST_ONLY,
    # The kind of decision is not a trust's object: another trust's lead edits their own scheme.
    "delegation:scheme_edit": _page(LEAD, object_level=False),
}


def make_objects(world: World, other_world: World) -> dict[str, Any]:
    """A local function delegated to the PEC, and a member's lead on it, in `world`."""
    function = ds.function_create(
        actor=SYSTEM, trust=world.trust, group=FunctionGroup.VISION, name="Matrix function"
    )
    delegation = ds.delegation_create(
        actor=SYSTEM, function=function, committee=world.pec, authority=Authority.DECIDE, start_date=START
    )
    lead = ds.lead_area_create(
        actor=SYSTEM, person=world.people["member"], function=function, area="", start_date=START
    )
    return {"tor_function": function, "tor_delegation": delegation, "tor_lead": lead}


# Which object each URL's pk names.
PK_OF = {
    "delegation:function_edit": "tor_function",
    "delegation:function_retire": "tor_function",
    "delegation:delegation_create": "tor_function",
    "delegation:delegation_end": "tor_delegation",
    "delegation:lead_end": "tor_lead",
}


def kwargs(name: str, world: World, objects: dict[str, Any]) -> dict[str, Any] | None:
    if name not in ROWS:
        return None
    if name == "delegation:scheme_edit":
        return {"kind": "business_case"}
    if name not in PK_OF:
        return {}
    return {"pk": objects[PK_OF[name]].pk}
