"""The delegation pages' rows of the access matrix (X-1), read by tests/test_access_matrix.py.

ROWS says who gets what for each URL name; make_objects builds what the URLs point at (in
`world`, so another trust's lead gets 404); kwargs fills each URL. The roles and the expected
statuses per role come from tests/access_roles.py.
"""

from __future__ import annotations

from typing import Any

from pecgov.delegation import services as ds
from pecgov.delegation.enums import Authority, FunctionGroup
from tests.access_roles import LEAD, POST_ONLY, TRUST_USERS, page_hidden_from_other_trust
from tests.factories import START, SYSTEM, World

ROWS: dict[str, dict[str, int]] = {
    "delegation:catalogue": page_hidden_from_other_trust(TRUST_USERS, object_level=False),
    "delegation:catalogue_seed": POST_ONLY,
    "delegation:function_create": page_hidden_from_other_trust(LEAD, object_level=False),
    "delegation:function_edit": page_hidden_from_other_trust(LEAD, object_level=True),
    "delegation:function_retire": page_hidden_from_other_trust(LEAD, object_level=True),
    "delegation:delegation_create": page_hidden_from_other_trust(LEAD, object_level=True),
    "delegation:delegation_end": page_hidden_from_other_trust(LEAD, object_level=True),
    "delegation:lead_list": page_hidden_from_other_trust(TRUST_USERS, object_level=False),
    "delegation:lead_create": page_hidden_from_other_trust(LEAD, object_level=False),
    "delegation:lead_end": page_hidden_from_other_trust(LEAD, object_level=True),
    "delegation:scheme": page_hidden_from_other_trust(TRUST_USERS, object_level=False),
    "delegation:scheme_adopt_default": POST_ONLY,
    # The kind of decision is not a trust's object: another trust's lead edits their own scheme.
    "delegation:scheme_edit": page_hidden_from_other_trust(LEAD, object_level=False),
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
