"""The PBC group pages' rows of the access matrix (X-1, ORG-6, PBC-5, PBC-6), read by
tests/test_access_matrix.py.

ROWS says who gets what for each URL name; make_objects builds what the URLs point at (in
`world`, so another trust's lead gets 404); kwargs fills each URL. The roles and the expected
statuses per role come from tests/access_roles.py.
"""

from __future__ import annotations

from typing import Any

from pecgov.commissioning.enums import LinkModel, Maturity, SupportIntensity
from pecgov.commissioning.pbc import services as ps
from pecgov.trust.enums import OrganisationKind
from tests.access_roles import LEAD, TRUST_USERS, page_hidden_from_other_trust
from tests.factories import START, SYSTEM, World, make_org

# commissioning.view_pipeline: the governance lead and anyone with a committee seat; a practice
# lead sees only their own cases, so not this page (PBC-5).
PIPELINE = TRUST_USERS - {"practice_lead"}


ROWS: dict[str, dict[str, int]] = {
    "pbc:overview": page_hidden_from_other_trust(TRUST_USERS, object_level=False),
    "pbc:plans": page_hidden_from_other_trust(PIPELINE, object_level=False),
    "pbc:group": page_hidden_from_other_trust(TRUST_USERS, object_level=True),
    "pbc:maturity_new": page_hidden_from_other_trust(LEAD, object_level=True),
    "pbc:support_new": page_hidden_from_other_trust(LEAD, object_level=True),
    "pbc:support_end": page_hidden_from_other_trust(LEAD, object_level=True),
    "pbc:link_new": page_hidden_from_other_trust(LEAD, object_level=False),
    "pbc:link_end": page_hidden_from_other_trust(LEAD, object_level=True),
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
