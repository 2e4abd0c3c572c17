"""The API's rows of the access matrix (X-1, PUB-2) for the operations added with the complete
API and the versioned base path, read by tests/test_access_matrix.py.

Every operation is asked with GET, as every row of the matrix is: an operation that shares its
path with a list or a record answers as that read does; a write on a path of its own answers
405 to GET. Anonymous is 401, a user outside any trust 403, another trust's object 404.
"""

from __future__ import annotations

import atexit
import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from pecgov.interests import services as interests
from pecgov.meetings import services as ms
from tests.access_roles import POST_ONLY, ROLES, TRUST_USERS
from tests.appointment_factories import make_round, score_all, shortlist, sift_all
from tests.factories import SYSTEM, World
from tests.meeting_factories import make_item, make_meeting

AUDIT = {"governance_lead", "pct_chair", "chief_executive", "other_lead"}
LEADS = {"governance_lead", "other_lead"}
PANEL = {"chief_executive", "pct_chair"}  # the round's panel (tests/appointment_factories.dh_panel)


def api(*, object_level: bool, allowed: set[str] = TRUST_USERS) -> dict[str, int]:
    expected = {role: (200 if role in allowed else 403) for role in ROLES}
    expected["anonymous"] = 401
    if object_level:
        expected["other_lead"] = 404
    return expected


def hidden(allowed: set[str]) -> dict[str, int]:
    """A campaign or an application: those who may not see it get 404, never learning it exists
    (APP-7); roles outside the trust get 403."""
    return api(object_level=True) | {role: 404 for role in TRUST_USERS - allowed - {"other_lead"}}


PDF = (
    b"%PDF-1.4 api\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\nxref\n0 1\n"
    b"0000000000 65535 f \ntrailer\n<< /Root 1 0 R >>\nstartxref\n9\n%%EOF\n"
)
READ = api(object_level=False)
OBJECT = api(object_level=True)

ROWS: dict[str, dict[str, int]] = {
    "api_v1": READ,  # /api/v1/people: the versioned base path answers as /api/people does
    "api-1.0.0:get_membership": OBJECT,
    "api-1.0.0:create_membership": OBJECT,  # same path as list_committee_memberships
    "api-1.0.0:end_membership": POST_ONLY,
    "api-1.0.0:get_policy": READ,
    "api-1.0.0:list_policy_overrides": READ,
    "api-1.0.0:create_meeting": READ,  # same path as list_meetings
    "api-1.0.0:list_items": OBJECT,
    "api-1.0.0:create_item": OBJECT,
    "api-1.0.0:record_conflict": OBJECT,  # same path as get_item_conflicts
    "api-1.0.0:get_item": OBJECT,
    "api-1.0.0:list_item_papers": OBJECT,
    "api-1.0.0:get_paper": OBJECT,
    "api-1.0.0:download_paper": OBJECT,
    "api-1.0.0:list_attendance": OBJECT,
    "api-1.0.0:set_attendance": OBJECT,
    "api-1.0.0:list_votes": OBJECT,
    "api-1.0.0:record_vote": OBJECT,
    "api-1.0.0:list_minutes": OBJECT,
    "api-1.0.0:draft_minutes": OBJECT,
    "api-1.0.0:get_minutes": OBJECT,
    "api-1.0.0:edit_minutes": OBJECT,
    "api-1.0.0:list_actions": READ,
    "api-1.0.0:list_board_decisions": READ,
    "api-1.0.0:decide_item": POST_ONLY,
    "api-1.0.0:record_board_decision": POST_ONLY,
    "api-1.0.0:approve_minutes": POST_ONLY,
    "api-1.0.0:create_action": POST_ONLY,
    "api-1.0.0:complete_action": POST_ONLY,
    "api-1.0.0:get_declaration": OBJECT,
    "api-1.0.0:create_declaration": READ,  # same path as list_declarations
    "api-1.0.0:list_returns": READ,
    "api-1.0.0:create_return": READ,
    "api-1.0.0:list_lead_areas": READ,
    "api-1.0.0:list_delegations": READ,
    "api-1.0.0:list_appointment_plans": api(object_level=False, allowed=LEADS),
    "api-1.0.0:list_appointment_posts": api(object_level=False, allowed=LEADS),
    "api-1.0.0:list_campaigns": api(object_level=False, allowed=LEADS | PANEL),
    "api-1.0.0:get_campaign": hidden({"governance_lead"} | PANEL),
    "api-1.0.0:list_applications": hidden({"governance_lead"} | PANEL),
    "api-1.0.0:list_application_scores": hidden({"governance_lead"} | PANEL),
    "api-1.0.0:list_pbc_groups": READ,
    "api-1.0.0:list_audit_events": api(object_level=False, allowed=AUDIT),
}


def make_objects(world: World, other_world: World) -> dict[str, Any]:
    """A past PEC meeting with an item, a paper, minutes and an action; a declaration; an
    appointment round sifted, shortlisted and scored."""
    meeting = make_meeting(world.pec, days=-14)
    item = make_item(meeting, kind="decision", title="API matrix item")
    paper = ms.paper_add(
        actor=SYSTEM,
        item=item,
        title="API matrix paper",
        upload=SimpleUploadedFile("api.pdf", PDF, content_type="application/pdf"),
    )
    atexit.register(paper.file.storage.delete, paper.file.name)
    minutes = ms.minutes_draft(actor=SYSTEM, meeting=meeting)
    action = ms.action_add(
        actor=SYSTEM,
        meeting=meeting,
        description="API matrix action",
        owner=world.people["member"],
        due_date=dt.date.today() + dt.timedelta(days=30),
    )
    declaration = interests.declaration_create(
        actor=SYSTEM,
        person=world.people["member"],
        category="financial",
        description="API matrix interest",
        start_date=dt.date(2024, 1, 1),
        organisation=world.practice,
    )
    rnd = make_round(world)
    sift_all(rnd)
    shortlist(rnd)
    score_all(rnd)
    return {
        "api_meeting": meeting,
        "api_item2": item,
        "api_paper": paper,
        "api_minutes": minutes,
        "api_action": action,
        "api_declaration": declaration,
        "api_campaign": rnd.campaign,
        "api_application": rnd.applications[0],
        "api_membership": world.pec.memberships.first(),
    }


# Which object fills each URL's parameter.
ARG_OF = {
    "get_membership": ("membership_id", "api_membership"),
    "end_membership": ("membership_id", "api_membership"),
    "list_items": ("meeting_id", "api_meeting"),
    "create_item": ("meeting_id", "api_meeting"),
    "list_attendance": ("meeting_id", "api_meeting"),
    "set_attendance": ("meeting_id", "api_meeting"),
    "list_minutes": ("meeting_id", "api_meeting"),
    "draft_minutes": ("meeting_id", "api_meeting"),
    "create_action": ("meeting_id", "api_meeting"),
    "record_conflict": ("item_id", "api_item2"),
    "get_item": ("item_id", "api_item2"),
    "list_item_papers": ("item_id", "api_item2"),
    "list_votes": ("item_id", "api_item2"),
    "record_vote": ("item_id", "api_item2"),
    "decide_item": ("item_id", "api_item2"),
    "record_board_decision": ("item_id", "api_item2"),
    "get_paper": ("paper_id", "api_paper"),
    "download_paper": ("paper_id", "api_paper"),
    "get_minutes": ("minutes_id", "api_minutes"),
    "edit_minutes": ("minutes_id", "api_minutes"),
    "approve_minutes": ("minutes_id", "api_minutes"),
    "complete_action": ("action_id", "api_action"),
    "get_declaration": ("declaration_id", "api_declaration"),
    "get_campaign": ("campaign_id", "api_campaign"),
    "list_applications": ("campaign_id", "api_campaign"),
    "list_application_scores": ("application_id", "api_application"),
}


def kwargs(name: str, world: World, objects: dict[str, Any]) -> dict[str, Any] | None:
    if name not in ROWS:
        return None
    if name == "api_v1":
        return {"rest": "people"}
    if name == "api-1.0.0:create_membership":
        return {"committee_id": world.pec.pk}
    short = name.removeprefix("api-1.0.0:")
    if short not in ARG_OF:
        return {}
    arg, key = ARG_OF[short]
    return {arg: objects[key].pk}
