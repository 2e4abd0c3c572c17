"""The SHA engagement pages and API (ORG-7): log, finding, CSV, refusals that change nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from pecgov.audit.models import AuditEvent
from pecgov.engagement.models import ShaAttendee, ShaEntry
from tests.engagement.helpers import log
from tests.factories import World

TODAY = timezone.localdate


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {f"{prefix}-day": str(day.day), f"{prefix}-month": str(day.month), f"{prefix}-year": str(day.year)}


def test_lead_logs_a_meeting_without_the_chair_and_the_page_names_it(world: World, lead_client: Any) -> None:
    """ORG-7: a high-level meeting logged without the PEC chair shows as a third-pin miss."""
    data = {
        **_date("held_on", TODAY()),
        "kind": "high_level",
        "subject": "Financial recovery plan",
        "attendees": [world.people["pct_chair"].pk, world.people["chief_executive"].pk],
        "sha_attendees": "Jo Bloggs, SHA chief executive",
        "notes": "",
    }
    response = lead_client.post("/engagement/new/", data)
    assert response.status_code == 302
    entry = ShaEntry.objects.get(trust=world.trust)
    assert ShaAttendee.objects.filter(entry=entry).count() == 2
    assert AuditEvent.objects.filter(action="sha_entry.create").count() == 1
    page = lead_client.get("/engagement/").content.decode()
    assert 'id="without-chair"' in page
    assert "Financial recovery plan (high-level meeting" in page
    assert 'data-chair-present="no"' in page


def test_a_bad_entry_is_refused_with_messages_and_nothing_saved(world: World, lead_client: Any) -> None:
    """ORG-7, X-4: a future date, or no subject: a clear message on the field, nothing saved."""
    future = {**_date("held_on", TODAY() + dt.timedelta(days=3)), "kind": "regular", "subject": "Quarterly"}
    response = lead_client.post("/engagement/new/", future)
    assert response.status_code == 400
    assert "The date must be today or in the past" in response.content.decode()
    blank = {**_date("held_on", TODAY()), "kind": "regular", "subject": ""}
    response = lead_client.post("/engagement/new/", blank)
    assert response.status_code == 400
    assert "Enter subject" in response.content.decode()
    assert ShaEntry.objects.count() == 0


def test_lead_corrects_the_attendees(world: World, lead_client: Any) -> None:
    """ORG-7: adding the PEC chair to the entry clears the miss, through the service."""
    entry = log(world, TODAY(), "high_level", [world.people["chief_executive"]], subject="Capital plan")
    data = {
        **_date("held_on", entry.held_on),
        "kind": "high_level",
        "subject": "Capital plan",
        "attendees": [world.people["chief_executive"].pk, world.people["pec_chair"].pk],
        "sha_attendees": entry.sha_attendees,
        "notes": "",
    }
    response = lead_client.post(f"/engagement/{entry.pk}/edit/", data)
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="sha_entry.update").count() == 1
    page = lead_client.get("/engagement/").content.decode()
    assert 'id="without-chair"' not in page
    assert 'data-chair-present="yes"' in page


def test_csv_of_the_log(world: World, lead_client: Any) -> None:
    """ORG-7, PUB-2: the log as CSV with whether the PEC chair was there."""
    log(world, TODAY(), "high_level", [world.people["chief_executive"]], subject="Capital plan")
    response = lead_client.get("/engagement/?download=csv")
    lines = response.content.decode().splitlines()
    assert (
        lines[0] == "date,kind,subject,attended,pec_chair,pec_chair_present,without_pec_chair,sha_attendees"
    )
    assert ",high_level,Capital plan," in lines[1]
    assert lines[1].endswith(",no,yes," + "Jo Bloggs, SHA director of commissioning".join(['"', '"']))


def test_a_member_reads_but_may_not_log(world: World, client_for: Any) -> None:
    member = client_for("member")
    assert member.get("/engagement/").status_code == 200
    assert member.get("/engagement/new/").status_code == 403


def test_api_write_and_read(world: World, lead_client: Any, client_for: Any) -> None:
    """ORG-7, PUB-2: 201 on a log, 422 with field messages and nothing saved, 403 for a member."""
    chair = world.people["pec_chair"].pk
    payload = {"held_on": str(TODAY()), "kind": "regular", "subject": "Quarterly", "attendee_ids": [chair]}
    created = lead_client.post("/api/engagement/entries", payload, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["pec_chair_present"] is True
    bad = lead_client.post(
        "/api/engagement/entries", {**payload, "subject": " "}, content_type="application/json"
    )
    assert bad.status_code == 422
    assert "subject" in bad.json()["errors"]
    refused = client_for("member").post("/api/engagement/entries", payload, content_type="application/json")
    assert refused.status_code == 403
    assert ShaEntry.objects.count() == 1
    entry_id = created.json()["id"]
    changed = lead_client.put(
        f"/api/engagement/entries/{entry_id}",
        {**payload, "kind": "high_level", "attendee_ids": []},
        content_type="application/json",
    )
    assert changed.status_code == 200
    assert changed.json()["without_pec_chair"] is True
    summary = client_for("member").get("/api/engagement/summary").json()
    assert [e["subject"] for e in summary["without_pec_chair"]] == ["Quarterly"]
    assert summary["finding"]["status"] == "fail"
