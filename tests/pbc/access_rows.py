"""The PBC group pages' rows of the access matrix (X-1, ORG-6, PBC-5, PBC-6), read by
tests/test_access_matrix.py.

ROWS says who gets what for each URL name; make_objects builds what the URLs point at (in
`world`, so another trust's lead gets 404); kwargs fills each URL. The role logic is copied from
test_access_matrix rather than imported: that module imports this one while it loads.
"""

from __future__ import annotations

from typing import Any

from pecgov.commissioning import pbc_services as ps
from pecgov.commissioning.enums import LinkModel, Maturity, SupportIntensity
from pecgov.trust.enums import OrganisationKind
from tests.factories import START, SYSTEM, World, make_org

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
# commissioning.view_pipeline: the governance lead and anyone with a committee seat; a practice
# lead sees only their own cases, so not this page (PBC-5).
PIPELINE = TRUST_USERS - {"practice_lead"}


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


ROWS: dict[str, dict[str, int]] = {
    "pbc:overview": _page(TRUST_USERS, object_level=False),
    "pbc:plans": _page(PIPELINE, object_level=False),
    "pbc:group": _page(TRUST_USERS, object_level=True),
    "pbc:maturity_new": _page(LEAD, object_level=True),
    "pbc:support_new": _page(LEAD, object_level=True),
    "pbc:support_end": _page(LEAD, object_level=True),
    "pbc:link_new": _page(LEAD, object_level=False),
    "pbc:link_end": _page(LEAD, object_level=True),
}


def make_objects(world: World, other_world: World) -> dict[str, Any]:
    """A PBC group with a maturity assessment, current support and a link to the PEC."""
    group = make_org(world.trust, OrganisationKind.PBC_GROUP, "Access PBC Group")
    ps.maturity_record(actor=SYSTEM, group=group, level=Maturity.DEVELOPING, assessed_on=START)
    support = ps.support_add(
        actor=SYSTEM,
        group=group,
        description="Help with budget reports",
        intensity=SupportIntensity.REGULAR,
        start_date=START,
    )
    link = ps.link_create(
        actor=SYSTEM,
        trust=world.trust,
        model=LinkModel.GROUP_MEETS_PEC,
        group=group,
        arrangements="Quarterly",
        start_date=START,
    )
    return {"pbc_group": group, "pbc_support": support, "pbc_link": link}


# Which object each URL's pk names.
PK_OF = {
    "pbc:group": "pbc_group",
    "pbc:maturity_new": "pbc_group",
    "pbc:support_new": "pbc_group",
    "pbc:support_end": "pbc_support",
    "pbc:link_end": "pbc_link",
}


def kwargs(name: str, world: World, objects: dict[str, Any]) -> dict[str, int] | None:
    if name not in ROWS:
        return None
    if name not in PK_OF:
        return {}
    return {"pk": objects[PK_OF[name]].pk}
