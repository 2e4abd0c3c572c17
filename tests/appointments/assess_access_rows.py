"""The assessment pages' rows of the access matrix (X-1, APP-3 to APP-7), read by
tests/test_access_matrix.py.

Applications and scores are confidential to the campaign's panel and the governance lead (APP-7):
anyone else in the trust gets 404, whatever else they sit on, so they cannot learn who applied;
someone who sees the round but may not do this to it gets 403. make_objects puts the chief
executive (chairing) and the PCT chair on the panel of a round taken to an offer, and builds an
Alliance-model chair round (the trust's `appointment.chair_model` overridden) for the
recommendation page, where PEC members may look without sitting on the panel.
"""

from __future__ import annotations

from typing import Any

from pecgov.appointments.enums import PostKind
from pecgov.policy.services import policy_override
from tests.access_roles import ROLES
from tests.appointment_factories import appoint_first, make_round, score_all, shortlist, sift_all
from tests.factories import SYSTEM, World

PANEL = {"chief_executive", "pct_chair"}  # the chief executive chairs the panel
LEAD = "governance_lead"


def panel_page(allowed: set[str]) -> dict[str, int]:
    """Signed in: `allowed` 200; the campaign's panel and the lead 403 if not allowed; everyone
    else in the trust, and another trust's lead, 404; no trust role (an applicant) 403."""
    expected = {}
    for role in ROLES:
        if role == "anonymous":
            expected[role] = 302
        elif role == "applicant":
            expected[role] = 403
        elif role in allowed:
            expected[role] = 200
        elif role in PANEL or role == LEAD:
            expected[role] = 403
        else:
            expected[role] = 404
    return expected


SEES_ROUND = PANEL | {LEAD}
# appointments.recommend (the lead, PEC members, the PCT chair) or a seat on this panel.
RECOMMEND = {"member", "pec_chair", "executive_director", "pct_chair", "chief_executive", LEAD}

ROWS: dict[str, dict[str, int]] = {
    "appointments:applications": panel_page(SEES_ROUND),
    "appointments:application_detail": panel_page(SEES_ROUND),
    "appointments:application_cv": panel_page(SEES_ROUND),
    "appointments:sift": panel_page(PANEL),
    "appointments:sift_overview": panel_page(SEES_ROUND),
    "appointments:interview": panel_page(PANEL),
    "appointments:results": panel_page(SEES_ROUND),
    "appointments:score_sheet": panel_page(SEES_ROUND),
    "appointments:appoint": panel_page({"chief_executive", LEAD}),
    "appointments:offer_response": panel_page({LEAD}),
    "appointments:recommend": {role: 200 if role in RECOMMEND else 403 for role in ROLES}
    | {"anonymous": 302, "other_lead": 404},
}


def make_objects(world: World, other_world: World) -> dict[str, Any]:
    rnd = make_round(world)
    sift_all(rnd)
    shortlist(rnd)
    score_all(rnd)
    appoint_first(rnd)
    policy_override(
        actor=SYSTEM,
        trust=world.trust,
        key="appointment.chair_model",
        value="membership_recommends",
        reason="Matrix: the Alliance model for the chair",
    )
    chair_round = make_round(world, applicants=2, kind=PostKind.CHAIR)
    sift_all(chair_round)
    shortlist(chair_round)
    return {
        "as_campaign": rnd.campaign,
        "as_application": rnd.applications[1],
        "as_offered": rnd.applications[0],
        "as_scorer": rnd.former,
        "as_chair_campaign": chair_round.campaign,
    }


# Which object each URL's pk names.
PK_OF = {
    "appointments:applications": "as_campaign",
    "appointments:application_detail": "as_application",
    "appointments:application_cv": "as_application",
    "appointments:sift": "as_application",
    "appointments:sift_overview": "as_campaign",
    "appointments:interview": "as_application",
    "appointments:results": "as_campaign",
    "appointments:score_sheet": "as_application",
    "appointments:appoint": "as_application",
    "appointments:offer_response": "as_offered",
    "appointments:recommend": "as_chair_campaign",
}


def kwargs(name: str, world: World, objects: dict[str, Any]) -> dict[str, Any] | None:
    if name not in ROWS:
        return None
    found: dict[str, Any] = {"pk": objects[PK_OF[name]].pk}
    if name == "appointments:score_sheet":
        found["scorer"] = objects["as_scorer"].pk
    return found
