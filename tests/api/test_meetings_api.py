"""Meetings over the API (PUB-2): the record's reads and the forms' writes, with the pages'
permissions (X-1) and the services' validation (X-4, X-5).

Another trust's meeting, item, paper, minutes or action is 404; a member without the role is
403 and nothing is saved; bad input is 422 with a field map and nothing is saved; a repeat with
the same Idempotency-Key, or a repeated set, leaves one record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pecgov.audit.models import AuditEvent
from pecgov.meetings import services as ms
from pecgov.meetings.models import Action, AgendaItem, Attendance, ItemConflict, Meeting, Minutes, Vote
from pecgov.trust.models import Person
from tests.api.access_rows import PDF
from tests.downloads import close_download
from tests.factories import SYSTEM, World
from tests.meeting_factories import attend_all, make_item, make_meeting, pec_people


@dataclass
class Record:
    meeting: Meeting
    item: AgendaItem
    later: Meeting
    minutes: Minutes
    action: Action
    paper: Any


@pytest.fixture
def rec(world: World) -> Record:
    meeting = make_meeting(world.pec, days=-1)
    later = make_meeting(world.pec, days=20)
    item = make_item(meeting, kind="decision", title="Community pharmacy pilot")
    attend_all(meeting, pec_people(world))
    paper = ms.paper_add(
        actor=SYSTEM,
        item=item,
        title="Pilot case",
        upload=SimpleUploadedFile("p.pdf", PDF, "application/pdf"),
    )
    minutes = ms.minutes_draft(actor=SYSTEM, meeting=meeting)
    action = ms.action_add(
        actor=SYSTEM,
        meeting=meeting,
        description="Write to the practices",
        owner=world.people["member"],
        due_date=dt.date.today() + dt.timedelta(days=10),
    )
    return Record(meeting, item, later, minutes, action, paper)


def post(client: Any, path: str, body: dict[str, Any], **headers: str) -> Any:
    return client.post(path, body, content_type="application/json", **headers)


def paths(rec: Record) -> dict[str, str]:
    return {
        "meeting_items": f"/api/meetings/{rec.meeting.pk}/items",
        "item": f"/api/items/{rec.item.pk}",
        "papers": f"/api/items/{rec.item.pk}/papers",
        "paper": f"/api/papers/{rec.paper.pk}",
        "attendance": f"/api/meetings/{rec.meeting.pk}/attendance",
        "votes": f"/api/items/{rec.item.pk}/votes",
        "minutes_list": f"/api/meetings/{rec.meeting.pk}/minutes",
        "minutes": f"/api/minutes/{rec.minutes.pk}",
    }


# Reads ----------------------------------------------------------------------------------


def test_meeting_reads_answer_with_the_record(lead_client: Any, world: World, rec: Record) -> None:
    """PUB-2, MTG-1, MTG-2, MTG-5: the item, its papers, attendance, minutes and actions."""
    p = paths(rec)
    item = lead_client.get(p["item"]).json()
    papers = lead_client.get(p["papers"]).json()
    attendance = lead_client.get(p["attendance"]).json()
    minutes = lead_client.get(p["minutes_list"]).json()
    actions = lead_client.get("/api/actions", {"meeting": rec.meeting.pk}).json()

    assert item["title"] == "Community pharmacy pilot" and item["paper_ids"] == [rec.paper.pk]
    assert [x["title"] for x in papers] == ["Pilot case"]
    assert papers[0]["download"] == f"/api/papers/{rec.paper.pk}/download"
    assert {a["person_id"] for a in attendance} == {p.pk for p in pec_people(world)}
    assert [m["status"] for m in minutes] == ["draft"] and "Community pharmacy pilot" in minutes[0]["text"]
    assert actions["count"] == 1 and actions["items"][0]["owner"] == world.people["member"].name


def test_a_paper_downloads_its_file(lead_client: Any, rec: Record) -> None:
    """PUB-2: the paper's file, as the page serves it."""
    response = lead_client.get(f"/api/papers/{rec.paper.pk}/download")

    body = b"".join(response.streaming_content)
    close_download(response)
    assert response.status_code == 200 and body == PDF
    assert response["Content-Type"] == "application/pdf"


def test_actions_filter_and_order(lead_client: Any, world: World, rec: Record) -> None:
    """PUB-2: one way to filter and order a list; an unknown ordering is 422 naming the choices."""
    ms.action_complete(actor=SYSTEM, action=rec.action)
    ms.action_add(
        actor=SYSTEM,
        meeting=rec.meeting,
        description="Later one",
        owner=world.people["pec_chair"],
        due_date=dt.date.today() + dt.timedelta(days=40),
    )
    open_only = lead_client.get("/api/actions", {"open": "true"}).json()
    newest_first = lead_client.get("/api/actions", {"ordering": "-due_date"}).json()
    bad = lead_client.get("/api/actions", {"ordering": "secret"})

    assert [a["description"] for a in open_only["items"]] == ["Later one"]
    assert [a["description"] for a in newest_first["items"]] == ["Later one", "Write to the practices"]
    assert bad.status_code == 422 and "due_date" in bad.json()["errors"]["ordering"][0]


READS = ["meeting_items", "item", "papers", "paper", "attendance", "votes", "minutes_list", "minutes"]


@pytest.mark.parametrize("name", READS)
def test_another_trusts_meeting_records_are_not_found(
    name: str, world: World, other_world: World, rec: Record, client: Any
) -> None:
    """X-1: another trust's lead gets 404 for each record, never learning it exists."""
    client.force_login(other_world.users["governance_lead"])

    response = client.get(paths(rec)[name])

    assert response.status_code == 404


@pytest.mark.parametrize("name", READS)
def test_meeting_records_refuse_a_user_outside_the_trust(name: str, client_for: Any, rec: Record) -> None:
    """X-1: an applicant (no trust role) is 403 everywhere; anonymous is 401."""
    assert client_for("applicant").get(paths(rec)[name]).status_code == 403
    assert client_for("anonymous").get(paths(rec)[name]).status_code == 401


# Writes: permissions --------------------------------------------------------------------


def writes(world: World, rec: Record) -> list[tuple[str, dict[str, Any]]]:
    """Each write with a body that would succeed for the governance lead."""
    person = world.people["member"].pk
    soon = (dt.datetime.now(dt.UTC) + dt.timedelta(days=5)).isoformat()
    return [
        ("/api/meetings", {"committee_id": world.pec.pk, "starts_at": soon, "location": "Room 1"}),
        (f"/api/meetings/{rec.meeting.pk}/items", {"title": "New", "kind": "discussion"}),
        (f"/api/meetings/{rec.meeting.pk}/attendance", {"person_id": person, "status": "apologies"}),
        (
            f"/api/meetings/{rec.meeting.pk}/actions",
            {"description": "x", "owner_id": person, "due_date": "2030-01-01"},
        ),
        (
            f"/api/items/{rec.item.pk}/decision",
            {"outcome": "noted", "contribution": "noted_only", "reasons": "r"},
        ),
        (f"/api/minutes/{rec.minutes.pk}", {"text": "Edited"}),
        (f"/api/minutes/{rec.minutes.pk}/approve", {"at_meeting_id": rec.later.pk}),
        (f"/api/items/{rec.item.pk}/votes", {"person_id": person, "choice": "for"}),
        (
            f"/api/items/{rec.item.pk}/conflicts",
            {"person_id": person, "handling": "no_action", "interest": "x", "reason": "r"},
        ),
    ]


def test_a_member_without_the_role_is_refused_every_write(client_for: Any, world: World, rec: Record) -> None:
    """X-1: a committee member who is not its chair nor the lead: 403 with a message, nothing saved."""
    member = client_for("member")
    before = AuditEvent.objects.count()

    statuses = {path: post(member, path, body).status_code for path, body in writes(world, rec)}

    assert statuses == dict.fromkeys(statuses, 403)
    assert AuditEvent.objects.count() == before


def test_another_trusts_lead_gets_not_found_on_every_write(
    client: Any, world: World, other_world: World, rec: Record
) -> None:
    """X-1: the records are 404 to another trust's lead, and their body's ids name nothing of theirs."""
    client.force_login(other_world.users["governance_lead"])
    before = AuditEvent.objects.count()

    statuses = {path: post(client, path, body).status_code for path, body in writes(world, rec)[1:]}
    meeting = post(client, *writes(world, rec)[0])

    assert statuses == dict.fromkeys(statuses, 404)
    assert meeting.status_code == 422 and "committee_id" in meeting.json()["errors"]
    assert AuditEvent.objects.count() == before


# Writes: validation and repeats ----------------------------------------------------------


def test_scheduling_a_meeting_with_bad_input_saves_nothing(lead_client: Any, world: World) -> None:
    """MTG-1, X-4: each field's message, nothing saved."""
    before = Meeting.objects.count()

    response = post(
        lead_client, "/api/meetings", {"committee_id": world.pec.pk, "starts_at": "2999-01-01T10:00:00Z"}
    )

    assert response.status_code == 422
    assert "starts_at" in response.json()["errors"]
    assert Meeting.objects.count() == before


def test_scheduling_a_meeting_twice_with_one_key_makes_one(lead_client: Any, world: World) -> None:
    """X-5: a repeat with the same Idempotency-Key is answered once; /api/v1/ is the same API."""
    soon = (dt.datetime.now(dt.UTC) + dt.timedelta(days=5)).isoformat()
    body = {"committee_id": world.pec.pk, "starts_at": soon, "location": "Room 2"}
    before = Meeting.objects.count()

    first = post(lead_client, "/api/v1/meetings", body, HTTP_IDEMPOTENCY_KEY="m-1")
    again = post(lead_client, "/api/v1/meetings", body, HTTP_IDEMPOTENCY_KEY="m-1")

    assert first.status_code == again.status_code == 201
    assert first.json() == again.json() and again["Idempotent-Replayed"] == "true"
    assert Meeting.objects.count() == before + 1


def test_adding_a_private_item_needs_a_reason(lead_client: Any, rec: Record) -> None:
    """PUB-1, MTG-1: an item taken in private says why; without it nothing is saved."""
    path = f"/api/meetings/{rec.meeting.pk}/items"
    before = AgendaItem.objects.count()

    bad_kind = post(lead_client, path, {"title": "X", "kind": "gossip"})
    no_reason = post(lead_client, path, {"title": "X", "kind": "discussion", "confidential": True})
    made = post(
        lead_client,
        path,
        {"title": "Estates", "kind": "discussion", "confidential": True, "confidential_reason": "Commercial"},
    )

    assert bad_kind.status_code == 422 and "kind" in bad_kind.json()["errors"]
    assert no_reason.status_code == 422 and "confidential_reason" in no_reason.json()["errors"]
    assert made.status_code == 201 and made.json()["confidential"] is True
    assert AgendaItem.objects.count() == before + 1


def test_attendance_is_set_once(lead_client: Any, world: World, rec: Record) -> None:
    """MTG-2, X-5: a bad status is 422; setting the same attendance twice leaves one record."""
    path = f"/api/meetings/{rec.meeting.pk}/attendance"
    visitor = Person.objects.create(trust=world.trust, name="Visiting Pharmacist", profession="pharmacist")

    bad = post(lead_client, path, {"person_id": visitor.pk, "status": "asleep"})
    first = post(lead_client, path, {"person_id": visitor.pk, "status": "present", "kind": "in_attendance"})
    again = post(lead_client, path, {"person_id": visitor.pk, "status": "present", "kind": "in_attendance"})

    assert bad.status_code == 422 and "status" in bad.json()["errors"]
    assert first.status_code == again.status_code == 200
    assert Attendance.objects.filter(meeting=rec.meeting, person=visitor).count() == 1


def test_votes_and_the_decision(lead_client: Any, world: World, rec: Record) -> None:
    """COI-3, MTG-3: a vote for someone absent is refused on person_id; a vote recorded twice is
    one vote; the decision is recorded once and a second is refused."""
    votes = f"/api/items/{rec.item.pk}/votes"
    decide = f"/api/items/{rec.item.pk}/decision"
    outsider = Person.objects.create(trust=world.trust, name="Not Present", profession="gp")
    voter = world.people["member"].pk

    absent = post(lead_client, votes, {"person_id": outsider.pk, "choice": "for"})
    post(lead_client, votes, {"person_id": voter, "choice": "for"})
    post(lead_client, votes, {"person_id": voter, "choice": "against"})
    empty = post(lead_client, decide, {})
    decided = post(
        lead_client, decide, {"outcome": "approved", "contribution": "debated_agreed", "reasons": "Evidence"}
    )
    again = post(
        lead_client, decide, {"outcome": "rejected", "contribution": "debated_rejected", "reasons": "No"}
    )

    assert absent.status_code == 422 and "person_id" in absent.json()["errors"]
    assert list(Vote.objects.filter(item=rec.item).values_list("choice", flat=True)) == ["against"]
    assert empty.status_code == 422 and "outcome" in empty.json()["errors"]
    assert decided.status_code == 200 and decided.json()["outcome"] == "approved"
    assert again.status_code == 422
    rec.item.refresh_from_db()
    assert rec.item.outcome == "approved"


def test_conflict_handling_needs_a_reason_for_no_action(lead_client: Any, world: World, rec: Record) -> None:
    """COI-3: "no action" says why; recording the handling twice keeps one record."""
    path = f"/api/items/{rec.item.pk}/conflicts"
    body = {"person_id": world.people["member"].pk, "handling": "no_action", "interest": "Shares"}

    bad = post(lead_client, path, body)
    post(lead_client, path, body | {"reason": "Dormant"})
    post(lead_client, path, body | {"reason": "Dormant since 2020"})

    assert bad.status_code == 422 and "reason" in bad.json()["errors"]
    assert list(ItemConflict.objects.filter(item=rec.item).values_list("reason", flat=True)) == [
        "Dormant since 2020"
    ]


def test_minutes_draft_edit_and_approve(lead_client: Any, rec: Record) -> None:
    """MTG-5: one draft at a time; empty text refused; approval at a later meeting locks them."""
    second = post(lead_client, f"/api/meetings/{rec.meeting.pk}/minutes", {})
    empty = post(lead_client, f"/api/minutes/{rec.minutes.pk}", {"text": "  "})
    edited = post(lead_client, f"/api/minutes/{rec.minutes.pk}", {"text": "Agreed."})
    wrong = post(lead_client, f"/api/minutes/{rec.minutes.pk}/approve", {"at_meeting_id": rec.meeting.pk})
    approved = post(lead_client, f"/api/minutes/{rec.minutes.pk}/approve", {"at_meeting_id": rec.later.pk})
    locked = post(lead_client, f"/api/minutes/{rec.minutes.pk}", {"text": "Changed"})

    assert second.status_code == 422 and Minutes.objects.filter(meeting=rec.meeting).count() == 1
    assert empty.status_code == 422 and "text" in empty.json()["errors"]
    assert edited.status_code == 200 and edited.json()["text"] == "Agreed."
    assert wrong.status_code == 422 and "at_meeting_id" in wrong.json()["errors"]
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert locked.status_code == 422
    rec.minutes.refresh_from_db()
    assert rec.minutes.text == "Agreed."


def test_actions_are_added_and_completed_by_their_owner(client_for: Any, world: World, rec: Record) -> None:
    """MTG-5: an action needs an owner; its owner completes it once; someone else is 403."""
    lead = client_for("governance_lead")
    before = Action.objects.count()

    no_owner = post(
        lead, f"/api/meetings/{rec.meeting.pk}/actions", {"description": "Chase", "due_date": "2030-01-01"}
    )
    other = post(client_for("pec_chair"), f"/api/actions/{rec.action.pk}/complete", {})
    done = post(client_for("member"), f"/api/actions/{rec.action.pk}/complete", {})
    again = post(client_for("member"), f"/api/actions/{rec.action.pk}/complete", {})

    assert no_owner.status_code == 422 and "owner_id" in no_owner.json()["errors"]
    assert Action.objects.count() == before
    assert other.status_code == 403
    assert done.status_code == 200 and done.json()["done_on"] == dt.date.today().isoformat()
    assert again.status_code == 422


def test_a_board_decision_is_only_for_a_recommendation(lead_client: Any, rec: Record) -> None:
    """COI-5: a decision item has no Board decision; nothing saved."""
    response = post(
        lead_client,
        f"/api/items/{rec.item.pk}/board-decision",
        {"decided_on": dt.date.today().isoformat(), "outcome": "accepted", "conflicts_considered": True},
    )

    assert response.status_code == 422
    assert lead_client.get("/api/board-decisions").json()["count"] == 0
