"""Access matrix rows for the agenda item page, conflict handling, votes, decisions, concerns,
the statement to the Board and the Board's decision (X-1, COI-3 to COI-6).

Trust users read the item and the statement; the committee's chair (or the governance lead)
records handling, votes and the decision, which are POST only; committee members raise
concerns; the governance lead records the Board's decision. Another trust's lead gets 404.
"""

from __future__ import annotations

from typing import Any

from tests.access_roles import LEAD, ROLES, TRUST_USERS, everyone, page
from tests.conflicts.helpers import decide
from tests.factories import World
from tests.meeting_factories import conflicted_item

# Who sits on the PEC in the test world: the member, the PEC chair and the executive director.
COMMITTEE_MEMBERS = {"member", "pec_chair", "executive_director"}


def _with_other_lead_404(expected: dict[str, int]) -> dict[str, int]:
    """The other trust's lead passes the role check but never finds this trust's item."""
    return expected | {"other_lead": 404}


ROWS: dict[str, dict[str, int]] = {
    "conflicts:item_detail": page(TRUST_USERS, object_level=True),
    "conflicts:conflict_record": everyone(405),  # POST only
    "conflicts:vote_record": everyone(405),  # POST only
    "conflicts:item_decide": everyone(405),  # POST only
    "conflicts:concern_create": _with_other_lead_404(page(COMMITTEE_MEMBERS, object_level=True)),
    "conflicts:statement": page(TRUST_USERS, object_level=True),
    "conflicts:statement_pdf": page(TRUST_USERS, object_level=True),
    "conflicts:board_decision": page(LEAD, object_level=True),
    "conflicts:statement_send": everyone(405),  # POST only
}
assert all(set(row) == set(ROLES) for row in ROWS.values())


def make_objects(world: World, other_world: World) -> dict[str, Any]:
    """A recommendation affecting the PEC chair's practice, every conflict handled, decided:
    so the statement and the Board decision pages have something to show."""
    _, item, chair = conflicted_item(world)
    # Other areas' objects may add conflicts on the same practice (a member's declaration): handle them all.
    decide(item)
    return {"conflicts_item": item, "conflicts_person": chair}


def kwargs(name: str, world: World, objects: dict[str, Any]) -> dict[str, int] | None:
    if name not in ROWS:
        return None
    found = {"pk": objects["conflicts_item"].pk}
    if name == "conflicts:conflict_record":
        found["person_pk"] = objects["conflicts_person"].pk
    return found
