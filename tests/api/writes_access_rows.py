"""The access matrix's rows (X-1, PUB-2) for the API's policy, delegation and appointment writes
and the reads added beside them (the function catalogue, one post, one plan step), read by
tests/test_access_matrix.py.

The matrix asks every URL with GET: a write that shares its path with a read answers as that
read does; a write on a path of its own answers 405. Who may write is tested per operation in
tests/api/test_policy_delegation_writes.py and tests/api/test_appointments_writes.py.
"""

from __future__ import annotations

from typing import Any

from pecgov.appointments.services import plan_create
from tests.access_roles import POST_ONLY
from tests.api.access_rows import LEADS, PANEL, READ, api, hidden
from tests.appointment_factories import make_post
from tests.delegation.helpers import local
from tests.factories import START, SYSTEM, World

OBJECT = api(object_level=True)
LEAD_OBJECT = api(object_level=True, allowed=LEADS)
POST_ONLY_NAMES = [
    "choose_policy_pack",
    "withdraw_policy_override",
    "seed_functions",
    "retire_function",
    "create_delegation",
    "end_delegation",
    "end_lead_area",
    "adopt_default_scheme",
    "adopt_scheme",
    "create_campaign",
    "advertise_campaign",
    "complete_campaign",
    "add_panel_seat",
    "remove_panel_seat",
    "record_sift",
    "record_interview",
    "record_shortlist",
]
ROWS: dict[str, dict[str, int]] = {
    "api-1.0.0:create_policy_override": READ,  # same path as list_policy_overrides
    "api-1.0.0:list_functions": READ,
    "api-1.0.0:create_function": READ,  # same path as list_functions
    "api-1.0.0:get_function": OBJECT,
    "api-1.0.0:edit_function": OBJECT,  # same path as get_function
    "api-1.0.0:create_lead_area": READ,  # same path as list_lead_areas
    "api-1.0.0:create_plan": api(object_level=False, allowed=LEADS),  # as list_appointment_plans
    "api-1.0.0:create_post": api(object_level=False, allowed=LEADS),  # as list_appointment_posts
    "api-1.0.0:get_appointment_post": LEAD_OBJECT,
    "api-1.0.0:edit_post": LEAD_OBJECT,  # same path as get_appointment_post
    "api-1.0.0:edit_campaign": hidden({"governance_lead"} | PANEL),  # same path as get_campaign
    "api-1.0.0:get_plan_step": LEAD_OBJECT,
    "api-1.0.0:edit_plan_step": LEAD_OBJECT,  # same path as get_plan_step
} | {f"api-1.0.0:{name}": POST_ONLY for name in POST_ONLY_NAMES}


def make_objects(world: World, other_world: World) -> dict[str, Any]:
    plan = plan_create(actor=SYSTEM, trust=world.trust, title="API matrix plan", target_date=START)
    return {
        "apiw_function": local(world, name="API matrix function"),
        "apiw_post": make_post(world),
        "apiw_step": plan.steps.order_by("position").first(),
    }


ARG_OF = {
    "get_function": ("function_id", "apiw_function"),
    "edit_function": ("function_id", "apiw_function"),
    "retire_function": ("function_id", "apiw_function"),
    "create_delegation": ("function_id", "apiw_function"),
    "get_appointment_post": ("post_id", "apiw_post"),
    "edit_post": ("post_id", "apiw_post"),
    "create_campaign": ("post_id", "apiw_post"),
    "edit_campaign": ("campaign_id", "api_campaign"),
    "get_plan_step": ("step_id", "apiw_step"),
    "edit_plan_step": ("step_id", "apiw_step"),
}
# A path of its own answers 405 to GET before it looks anything up: any id fills it.
ANY_ID = {
    "withdraw_policy_override": "override_id",
    "end_delegation": "delegation_id",
    "end_lead_area": "lead_area_id",
    "advertise_campaign": "campaign_id",
    "complete_campaign": "campaign_id",
    "add_panel_seat": "campaign_id",
    "record_shortlist": "campaign_id",
    "remove_panel_seat": "seat_id",
    "record_sift": "application_id",
    "record_interview": "application_id",
}


def kwargs(name: str, world: World, objects: dict[str, Any]) -> dict[str, Any] | None:
    if name not in ROWS:
        return None
    short = name.removeprefix("api-1.0.0:")
    if short == "adopt_scheme":
        return {"kind": "business_case"}
    if short in ANY_ID:
        return {ANY_ID[short]: 1}
    if short in ARG_OF:
        arg, key = ARG_OF[short]
        return {arg: objects[key].pk}
    return {}
