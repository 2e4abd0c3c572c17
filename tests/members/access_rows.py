"""The members pages' and API's rows of the access matrix (X-1), read by tests/test_access_matrix.py.

Appraisals (PERF-3) answer 404 to everyone but the member and their appraiser, whatever their
role; claims (REM-1) are seen by the member and the lead, who approves them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pecgov.members.services import pay
from tests.access_roles import LEAD, POST_ONLY, ROLES, TRUST_USERS, page
from tests.factories import World
from tests.members.helpers import TODAY, agreed_objective, pec_seat, signed_appraisal

VIEW = {
    "member",
    "pec_chair",
    "pct_chair",
    "chief_executive",
    "executive_director",
    "governance_lead",
    "other_lead",
}
OVERSEE = {"pec_chair", "pct_chair", "chief_executive", "governance_lead", "other_lead"}
SEAT_OWNERS = {"member", "pec_chair", "executive_director"}


def confidential(readers: set[str]) -> dict[str, int]:
    """PERF-3: 404 to everyone who may use the members pages but is not a reader."""
    expected = page(VIEW, object_level=True)
    return expected | {role: (200 if role in readers else 404) for role in VIEW}


def in_view(allowed: set[str]) -> dict[str, int]:
    """An object page among the members pages: 404 for another trust, 403 for a role of this
    trust that may see the members pages but not act on this object."""
    return page(allowed | {"other_lead"}, object_level=True) | {
        role: 403 for role in VIEW - allowed - {"other_lead"}
    }


def api(perm_roles: set[str]) -> dict[str, int]:
    expected = {role: (200 if role in perm_roles else 403) for role in ROLES}
    expected["anonymous"] = 401
    return expected


API_VIEW = (TRUST_USERS - {"practice_lead"}) & VIEW

ROWS: dict[str, dict[str, int]] = {
    "members:overview": page(VIEW, object_level=False),
    "members:member_year": in_view(
        {"member", "pec_chair", "pct_chair", "chief_executive", "governance_lead"}
    ),
    "members:objective_create": in_view({"member", "pec_chair"}),
    "members:objective_sign": POST_ONLY,
    "members:objective_progress": in_view({"member", "pec_chair"}),
    "members:review_create": in_view({"pec_chair"}),
    "members:appraisal_list": page(VIEW, object_level=False),
    "members:appraisal_start": in_view({"pec_chair"}),
    "members:appraisal_detail": confidential({"member", "pec_chair"}),
    "members:appraisal_self": confidential({"member", "pec_chair"}) | {"pec_chair": 403},
    "members:appraisal_assess": confidential({"member", "pec_chair"}) | {"member": 403},
    "members:pdp_add": confidential({"member", "pec_chair"}),
    "members:appraisal_sign": POST_ONLY,
    "members:appraisal_pdf": confidential({"member", "pec_chair"}),
    "members:induction_tick": page(LEAD, object_level=True),
    "members:mentor": page(LEAD, object_level=True),
    "members:training_create": in_view({"member", "governance_lead"}),
    "members:succession": page(OVERSEE, object_level=False),
    "members:successor_create": page(LEAD, object_level=False),
    "members:pay": page(OVERSEE, object_level=False),
    "members:pay_rate_create": page(LEAD, object_level=False),
    "members:commitment": page(LEAD, object_level=True),
    "members:claim_list": page(VIEW, object_level=False),
    "members:claim_create": page(SEAT_OWNERS, object_level=False),
    "members:claim_approve": POST_ONLY,
    "members:claim_return": page(LEAD, object_level=True),
    "members:claim_csv": page(LEAD, object_level=False),
    "api-1.0.0:list_member_objectives": api(API_VIEW),
    "api-1.0.0:list_member_reviews": api(API_VIEW),
    "api-1.0.0:get_member_development": api(API_VIEW),
    "api-1.0.0:list_pay_framework": api(API_VIEW),
    "api-1.0.0:list_member_claims": api(API_VIEW),
    "api-1.0.0:create_member_claim": api(API_VIEW),  # same path as list_member_claims: GET lists
    "api-1.0.0:get_pay_equity": api(OVERSEE),
}


def make_objects(world: World, other_world: World) -> dict[str, Any]:
    claim = pay.claim_submit(
        actor=world.users["member"],
        membership=pec_seat(world),
        month=TODAY().replace(day=1),
        sessions=Decimal(4),
    )
    return {
        "mb_objective": agreed_objective(world),
        "mb_appraisal": signed_appraisal(world),
        "mb_claim": claim,
    }


def kwargs(name: str, world: World, objects: dict[str, Any]) -> dict[str, Any] | None:
    if not name.startswith("members:"):
        return {} if name in ROWS else None
    if name.startswith("members:objective_") and name != "members:objective_create":
        return {"pk": objects["mb_objective"].pk}
    if name.startswith("members:appraisal_") and name not in (
        "members:appraisal_list",
        "members:appraisal_start",
    ):
        return {"pk": objects["mb_appraisal"].pk}
    if name == "members:pdp_add":
        return {"pk": objects["mb_appraisal"].pk}
    if name in ("members:claim_approve", "members:claim_return"):
        return {"pk": objects["mb_claim"].pk}
    if name in (
        "members:member_year",
        "members:objective_create",
        "members:review_create",
        "members:appraisal_start",
        "members:induction_tick",
        "members:mentor",
        "members:training_create",
        "members:commitment",
    ):
        return {"pk": pec_seat(world).pk}
    return {}
