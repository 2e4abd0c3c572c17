"""The appointment set-up pages' rows of the access matrix (X-1, APP-1 to APP-4, APP-7), read by
tests/test_access_matrix.py.

ROWS says who gets what for each URL name; make_objects builds a round in `world` whose panel is
the chief executive (chairing), the PCT chair and a former PEC member, so those two see the
campaign's pages and another trust's lead gets 404; kwargs fills each URL. Who holds which
permission is src/pecgov/appointments/rules.py: appointments.manage is the governance lead,
appointments.view the lead or anyone with a panel seat.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pecgov.appointments import services as aps
from tests.access_roles import LEAD, POST_ONLY, page
from tests.appointment_factories import make_round
from tests.factories import SYSTEM, World

# appointments.view: the lead, and the people the matrix round seats on its panel.
PANEL = LEAD | {"chief_executive", "pct_chair"}
# The panel's chair (the chief executive) or the lead records how a conflict is handled (COI-3).
HANDLERS = LEAD | {"chief_executive"}

ROWS: dict[str, dict[str, int]] = {
    "appointments:index": page(PANEL, object_level=False),
    "appointments:plan_create": page(LEAD, object_level=False),
    "appointments:plan_detail": page(LEAD, object_level=True),
    "appointments:step_edit": page(LEAD, object_level=True),
    "appointments:notice_give": page(LEAD, object_level=True),
    "appointments:competencies": page(LEAD, object_level=False),
    "appointments:competency_add": page(LEAD, object_level=False),
    "appointments:post_create": page(LEAD, object_level=False),
    "appointments:post_detail": page(LEAD, object_level=True),
    "appointments:post_edit": page(LEAD, object_level=True),
    "appointments:campaign_create": page(LEAD, object_level=True),
    "appointments:campaign_detail": page(PANEL, object_level=True),
    "appointments:campaign_edit": page(LEAD, object_level=True),
    "appointments:campaign_advertise": POST_ONLY,
    "appointments:campaign_complete": page(LEAD, object_level=True),
    "appointments:panel": page(PANEL, object_level=True),
    "appointments:seat_add": page(LEAD, object_level=True),
    "appointments:seat_remove": POST_ONLY,
    "appointments:conflict_declare": page(PANEL, object_level=True),
    "appointments:conflict_handle": page(HANDLERS, object_level=True),
}


def make_objects(world: World, other_world: World) -> dict[str, Any]:
    """A closed round with two applicants, a plan, and the former PEC member's declared conflict
    with the first candidate (so the panel's chair may record its handling)."""
    rnd = make_round(world, applicants=2)
    plan = aps.plan_create(
        actor=SYSTEM, trust=world.trust, title="Matrix appointment plan", target_date=dt.date(2030, 10, 1)
    )
    former_seat = rnd.seats[2]
    aps.conflict_declare(
        actor=SYSTEM, seat=former_seat, application=rnd.applications[0], description="Matrix conflict"
    )
    return {
        "ap_setup_plan": plan,
        "ap_setup_step": plan.steps.order_by("position").first(),
        "ap_setup_notice_step": plan.steps.get(key="notice"),
        "ap_setup_post": rnd.post,
        "ap_setup_campaign": rnd.campaign,
        "ap_setup_seat": former_seat,
        "ap_setup_application": rnd.applications[0],
    }


# Which object each URL's pk names.
PK_OF = {
    "appointments:plan_detail": "ap_setup_plan",
    "appointments:step_edit": "ap_setup_step",
    "appointments:notice_give": "ap_setup_notice_step",
    "appointments:post_detail": "ap_setup_post",
    "appointments:post_edit": "ap_setup_post",
    "appointments:campaign_create": "ap_setup_post",
    "appointments:campaign_detail": "ap_setup_campaign",
    "appointments:campaign_edit": "ap_setup_campaign",
    "appointments:campaign_advertise": "ap_setup_campaign",
    "appointments:campaign_complete": "ap_setup_campaign",
    "appointments:panel": "ap_setup_campaign",
    "appointments:seat_add": "ap_setup_campaign",
    "appointments:conflict_declare": "ap_setup_campaign",
    "appointments:seat_remove": "ap_setup_seat",
    "appointments:conflict_handle": "ap_setup_seat",
}


def kwargs(name: str, world: World, objects: dict[str, Any]) -> dict[str, Any] | None:
    if name not in ROWS:
        return None
    if name not in PK_OF:
        return {}
    found: dict[str, Any] = {"pk": objects[PK_OF[name]].pk}
    if name == "appointments:conflict_handle":
        found["application_pk"] = objects["ap_setup_application"].pk
    return found
