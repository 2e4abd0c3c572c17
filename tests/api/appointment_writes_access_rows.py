"""The access matrix's rows (X-1, PUB-2, APP-7) for the API's remaining appointment writes (a
competency, notice, panel conflicts, the appointment and offer, the chair recommendation) and an
applicant's own applications, read by tests/test_access_matrix.py.

The matrix asks every URL with GET: each write has a path of its own, so it answers 405. An
applicant's own list answers everyone signed in (their own applications, often none); one
application answers only its applicant, everyone else 404 (APP-7). Who may write is tested per
operation in tests/api/test_appointment_panel_writes_api.py, test_appointment_decision_writes_api.py
and test_applicant_api.py.
"""

from __future__ import annotations

from typing import Any

from tests.access_roles import POST_ONLY, ROLES
from tests.factories import World

POST_ONLY_IDS = {
    "add_competency": {},
    "give_notice": {"step_id": 1},
    "declare_conflict": {"campaign_id": 1},
    "handle_conflict": {"seat_id": 1, "application_id": 1},
    "appoint": {"application_id": 1},
    "record_offer_answer": {"application_id": 1},
    "recommend_chair": {"campaign_id": 1},
    "apply": {"campaign_id": 1},
    "withdraw_application": {"application_id": 1},
    "answer_my_offer": {"application_id": 1},
}
SIGNED_IN = {role: 200 for role in ROLES} | {"anonymous": 401}
OWNER_ONLY = {role: 404 for role in ROLES} | {"anonymous": 401, "applicant": 200}
ROWS: dict[str, dict[str, int]] = {
    "api-1.0.0:list_my_applications": SIGNED_IN,
    "api-1.0.0:get_my_application": OWNER_ONLY,
} | {f"api-1.0.0:{name}": POST_ONLY for name in POST_ONLY_IDS}


def make_objects(world: World, other_world: World) -> dict[str, Any]:
    return {}  # the applicant's application is tests/appointments/applicant_access_rows.py's


def kwargs(name: str, world: World, objects: dict[str, Any]) -> dict[str, Any] | None:
    if name not in ROWS:
        return None
    short = name.removeprefix("api-1.0.0:")
    if short == "get_my_application":
        return {"application_id": objects["applicant_application"].pk}
    return POST_ONLY_IDS.get(short, {})
