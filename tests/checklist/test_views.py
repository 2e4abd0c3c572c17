"""The checklist pages (EFF-1): the plan, the lead's edits, refusals that change nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from pecgov.audit.models import AuditEvent
from pecgov.checklist.models import Checklist, ChecklistAction
from tests.factories import World


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {f"{prefix}-day": str(day.day), f"{prefix}-month": str(day.month), f"{prefix}-year": str(day.year)}


def test_first_visit_by_the_lead_sets_the_checklist_up_once(world: World, lead_client: Any) -> None:
    """EFF-1: the lead's first visit creates the trust's checklist with the nine actions."""
    first = lead_client.get("/checklist/")
    second = lead_client.get("/checklist/")
    assert (first.status_code, second.status_code) == (200, 200)
    checklist = Checklist.objects.get(trust=world.trust)
    assert checklist.actions.count() == 9
    assert AuditEvent.objects.filter(action="checklist.setup").count() == 1
    body = first.content.decode()
    assert "Establish mechanisms to measure and feed back the effectiveness" in body
    assert body.count('data-overdue="yes"') == 9


def test_a_member_sees_the_plan_without_setting_it_up(world: World, client_for: Any) -> None:
    """EFF-1: everyone in the trust reads the plan; only the lead's visit writes."""
    response = client_for("member").get("/checklist/")
    assert response.status_code == 200
    assert Checklist.objects.filter(trust=world.trust).count() == 0
    assert "Edit<span" not in response.content.decode()


def test_lead_edits_an_action(world: World, lead_client: Any) -> None:
    """EFF-1: owner, due date, status and evidence, saved through the service with an event."""
    lead_client.get("/checklist/")
    action = ChecklistAction.objects.get(key="notice")
    due = timezone.localdate() + dt.timedelta(days=30)
    data = {
        "owner": world.people["chief_executive"].pk,
        **_date("due_date", due),
        "status": "in_progress",
        "evidence": "",
        "evidence_url": "",
    }
    response = lead_client.post(f"/checklist/actions/{action.pk}/", data)
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.owner_id, action.due_date, action.status) == (
        world.people["chief_executive"].pk,
        due,
        "in_progress",
    )
    assert AuditEvent.objects.filter(action="checklist.action").count() == 1
    page = lead_client.get("/checklist/").content.decode()
    assert 'id="action-notice" data-status="in_progress" data-overdue="no"' in page


def test_done_without_evidence_is_refused_and_changes_nothing(world: World, lead_client: Any) -> None:
    """EFF-1, X-4: done needs evidence; the page says so on the field and nothing is saved."""
    lead_client.get("/checklist/")
    action = ChecklistAction.objects.get(key="notice")
    data = {"owner": "", "status": "done", "evidence": " ", "evidence_url": ""}
    response = lead_client.post(f"/checklist/actions/{action.pk}/", data)
    assert response.status_code == 400
    assert "Enter the evidence that the action is done, or a link to it" in response.content.decode()
    action.refresh_from_db()
    assert action.status == "not_started"


def test_an_owner_from_another_trust_is_refused(world: World, other_world: World, lead_client: Any) -> None:
    lead_client.get("/checklist/")
    action = ChecklistAction.objects.get(key="notice")
    data = {"owner": other_world.people["member"].pk, "status": "in_progress"}
    response = lead_client.post(f"/checklist/actions/{action.pk}/", data)
    assert response.status_code == 400
    assert "Select a person in this trust" in response.content.decode()
    action.refresh_from_db()
    assert action.owner_id is None


def test_lead_sets_the_trusts_own_target_date(world: World, lead_client: Any) -> None:
    """EFF-1: the trust sets its own target; actions without a date become due then."""
    target = timezone.localdate() + dt.timedelta(days=90)
    response = lead_client.post("/checklist/target/", _date("target_date", target))
    assert response.status_code == 302
    assert Checklist.objects.get(trust=world.trust).target_date == target
    page = lead_client.get("/checklist/").content.decode()
    assert 'data-overdue="yes"' not in page


def test_checklist_api_matches_the_page(world: World, lead_client: Any) -> None:
    """EFF-1, PUB-2: the API answers the same state."""
    body = lead_client.get("/api/checklist").json()
    assert (body["total"], body["done"], body["overdue"]) == (9, 0, 9)
    assert body["target_date"] == "2007-10-01"
    assert body["actions"][0]["key"] == "roles"
