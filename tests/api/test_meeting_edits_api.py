"""The meeting pages' edit forms over the API (PUB-2; MTG-1, MTG-5, X-4, X-5): edit a meeting
and an item, upload a paper, edit and correct minutes.

Each write is the page's service with the page's permission: the lead succeeds, a member is 403
and nothing changes; bad input is 422 with a field map and nothing changes; an If-Match from an
older read is 412 saying what changed and nothing changes.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pecgov.audit.models import AuditEvent
from pecgov.meetings import services as ms
from pecgov.meetings.enums import MinutesStatus
from pecgov.meetings.models import AgendaItem, Meeting, Minutes, Paper
from pecgov.search.models import SearchDocument
from tests.api.access_rows import PDF
from tests.factories import SYSTEM, World
from tests.meeting_factories import make_item, make_meeting


def patch(client: Any, path: str, body: dict[str, Any], **headers: str) -> Any:
    return client.patch(path, body, content_type="application/json", **headers)


def post(client: Any, path: str, body: dict[str, Any], **headers: str) -> Any:
    return client.post(path, body, content_type="application/json", **headers)


@pytest.fixture
def meeting(world: World) -> Meeting:
    return make_meeting(world.pec, days=10)


@pytest.fixture
def item(meeting: Meeting) -> AgendaItem:
    return make_item(meeting, kind="decision", title="Community pharmacy pilot")


# Meetings (MTG-1) ---------------------------------------------------------------------------


def test_the_lead_edits_a_meeting_and_gets_its_new_etag(lead_client: Any, meeting: Meeting) -> None:
    """MTG-1, X-5: only the fields sent change; the answer carries the new ETag."""
    read = lead_client.get(f"/api/meetings/{meeting.pk}")
    events = AuditEvent.objects.count()

    response = patch(
        lead_client, f"/api/meetings/{meeting.pk}", {"location": "Room 4"}, HTTP_IF_MATCH=read["ETag"]
    )

    meeting.refresh_from_db()
    assert response.status_code == 200 and response.json()["location"] == "Room 4"
    assert meeting.location == "Room 4" and meeting.public is True
    assert response["ETag"] != read["ETag"] and AuditEvent.objects.count() == events + 1


def test_a_member_cannot_edit_a_meeting(client_for: Any, meeting: Meeting) -> None:
    """X-1: the page's permission (governance lead): 403 and nothing changes."""
    response = patch(client_for("member"), f"/api/meetings/{meeting.pk}", {"location": "Room 4"})

    meeting.refresh_from_db()
    assert response.status_code == 403 and meeting.location != "Room 4"


def test_a_meeting_edit_with_bad_input_names_the_fields(lead_client: Any, meeting: Meeting) -> None:
    """X-4: the service's own messages, under the fields sent; nothing changes."""
    before = (meeting.location, meeting.starts_at)

    blank = patch(lead_client, f"/api/meetings/{meeting.pk}", {"location": "  "})
    far = patch(lead_client, f"/api/meetings/{meeting.pk}", {"starts_at": "2999-01-01T10:00:00"})
    status = patch(lead_client, f"/api/meetings/{meeting.pk}", {"status": "postponed-forever"})

    meeting.refresh_from_db()
    assert blank.status_code == far.status_code == status.status_code == 422
    assert blank.json()["errors"] == {"location": ["Enter where the meeting is held"]}
    assert list(far.json()["errors"]) == ["starts_at"]
    assert status.json()["errors"] == {"status": ["Select the meeting's status"]}
    assert (meeting.location, meeting.starts_at) == before


def test_a_meeting_edit_from_an_older_read_is_refused(lead_client: Any, meeting: Meeting) -> None:
    """X-5: someone moved the meeting since this client read it: 412 says what changed."""
    read = lead_client.get(f"/api/meetings/{meeting.pk}")["ETag"]
    ms.meeting_update(actor=SYSTEM, meeting=meeting, location="Board room")

    response = patch(lead_client, f"/api/meetings/{meeting.pk}", {"public": False}, HTTP_IF_MATCH=read)

    meeting.refresh_from_db()
    assert response.status_code == 412
    assert response.json()["errors"] == {
        "location": ["where the meeting is held Boardroom, Trust HQ → Board room"]
    }
    assert "Nothing has been saved" in response.json()["detail"]
    assert meeting.public is True


def test_an_if_match_that_is_not_an_etag_is_refused(lead_client: Any, meeting: Meeting) -> None:
    """X-5: a forged or garbled If-Match never saves."""
    response = patch(
        lead_client, f"/api/meetings/{meeting.pk}", {"location": "Room 9"}, HTTP_IF_MATCH='"not-a-tag"'
    )

    meeting.refresh_from_db()
    assert response.status_code == 412 and list(response.json()["errors"]) == ["If-Match"]
    assert meeting.location != "Room 9"


# Items (MTG-1, PUB-1) -----------------------------------------------------------------------


def test_the_lead_edits_an_item(lead_client: Any, world: World, item: AgendaItem) -> None:
    """MTG-1, PUB-1: an item taken in private with its reason, and the organisations it affects."""
    etag = lead_client.get(f"/api/items/{item.pk}")["ETag"]
    body = {
        "confidential": True,
        "confidential_reason": "Commercial terms",
        "affected_ids": [world.practice.pk],
    }

    response = patch(lead_client, f"/api/items/{item.pk}", body, HTTP_IF_MATCH=etag)

    item.refresh_from_db()
    assert response.status_code == 200, response.json()
    assert response.json()["affected_ids"] == [world.practice.pk]
    assert item.confidential and item.confidential_reason == "Commercial terms"
    assert item.title == "Community pharmacy pilot"


def test_a_member_cannot_edit_an_item(client_for: Any, item: AgendaItem) -> None:
    """X-1: 403 and nothing changes."""
    response = patch(client_for("member"), f"/api/items/{item.pk}", {"title": "Renamed"})

    item.refresh_from_db()
    assert response.status_code == 403 and item.title == "Community pharmacy pilot"


def test_an_item_edit_with_bad_input_names_the_fields(
    lead_client: Any, other_world: World, item: AgendaItem
) -> None:
    """X-4, PUB-1: private without a reason, a blank title, another trust's organisation: 422."""
    private = patch(lead_client, f"/api/items/{item.pk}", {"confidential": True})
    title = patch(lead_client, f"/api/items/{item.pk}", {"title": " "})
    elsewhere = patch(lead_client, f"/api/items/{item.pk}", {"affected_ids": [other_world.practice.pk]})

    item.refresh_from_db()
    assert private.json()["errors"] == {"confidential_reason": ["Enter why the item is taken in private"]}
    assert title.json()["errors"] == {"title": ["Enter the item's title"]}
    assert list(elsewhere.json()["errors"]) == ["affected_ids"]
    assert {private.status_code, title.status_code, elsewhere.status_code} == {422}
    assert not item.confidential and item.title == "Community pharmacy pilot"
    assert not item.affected.exists()


def test_an_item_edit_from_an_older_read_is_refused(lead_client: Any, item: AgendaItem) -> None:
    """X-5: the title changed since the read: 412 names it, and nothing is saved."""
    etag = lead_client.get(f"/api/items/{item.pk}")["ETag"]
    ms.item_update(actor=SYSTEM, item=item, title="Pharmacy pilot, phase 2")

    response = patch(lead_client, f"/api/items/{item.pk}", {"description": "Mine"}, HTTP_IF_MATCH=etag)

    item.refresh_from_db()
    assert response.status_code == 412
    assert response.json()["errors"] == {
        "title": ["title Community pharmacy pilot → Pharmacy pilot, phase 2"]
    }
    assert item.description == ""


# Papers (MTG-1) -----------------------------------------------------------------------------


def upload(client: Any, item: AgendaItem, name: str, content: bytes, title: str = "", **headers: str) -> Any:
    data = {"upload": SimpleUploadedFile(name, content, "application/pdf"), "title": title}
    return client.post(f"/api/items/{item.pk}/papers", data, **headers)


def test_the_lead_uploads_a_paper_and_its_text_is_searchable(
    lead_client: Any, item: AgendaItem, django_capture_on_commit_callbacks: Any
) -> None:
    """MTG-1, PUB-2: multipart upload; the paper is saved with its title, and indexed."""
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(lead_client, item, "pilot.pdf", PDF, title="Pilot case")
    assert response.status_code == 201, response.json()

    paper = Paper.objects.get()
    assert response.status_code == 201 and response.json()["title"] == "Pilot case"
    assert response.json()["download"] == f"/api/papers/{paper.pk}/download"
    assert paper.item == item and paper.size == len(PDF)
    assert SearchDocument.objects.filter(kind="paper", object_id=paper.pk).exists()


def test_a_member_cannot_upload_a_paper(client_for: Any, item: AgendaItem) -> None:
    """X-1: 403 and no paper."""
    assert upload(client_for("member"), item, "p.pdf", PDF).status_code == 403
    assert not Paper.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ...", "The paper must be one of these file types"),
        ("empty.pdf", b"", "The submitted file is empty"),  # the page form's own words
        ("fake.pdf", b"<html><script>alert(1)</script></html>", "The paper "),
    ],
)
def test_a_paper_the_policy_refuses_is_422(
    lead_client: Any, item: AgendaItem, name: str, content: bytes, message: str
) -> None:
    """X-4, MTG-1: the page's checks of type, size and content, under `upload`; nothing saved."""
    response = upload(lead_client, item, name, content)

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["upload"]
    assert response.json()["errors"]["upload"][0].startswith(message)
    assert not Paper.objects.exists()


def test_a_paper_without_a_file_or_with_a_long_title_is_422(lead_client: Any, item: AgendaItem) -> None:
    """X-4: the page form's parse (title at most 200 characters) and the service's "select a file"."""
    missing = lead_client.post(f"/api/items/{item.pk}/papers", {"title": "No file"})
    long_title = upload(lead_client, item, "p.pdf", PDF, title="x" * 201)

    assert missing.status_code == long_title.status_code == 422
    assert missing.json()["errors"] == {"upload": ["Select a file to upload"]}
    assert list(long_title.json()["errors"]) == ["title"]
    assert not Paper.objects.exists()


def test_a_repeated_upload_with_its_key_saves_one_paper(lead_client: Any, item: AgendaItem) -> None:
    """X-5: the same Idempotency-Key answers the first response and saves once."""
    first = upload(lead_client, item, "p.pdf", PDF, HTTP_IDEMPOTENCY_KEY="paper-1")
    again = upload(lead_client, item, "p.pdf", PDF, HTTP_IDEMPOTENCY_KEY="paper-1")

    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true" and Paper.objects.count() == 1


def test_a_paper_bigger_than_the_memory_limit_is_keyed_and_saved_once(
    lead_client: Any, settings: Any, item: AgendaItem
) -> None:
    """X-5, MTG-1: a 3 MB paper (over Django's in-memory body limit) with an Idempotency-Key is
    read as its fields and file, not as one body: saved once, then replayed."""
    big = PDF.replace(b"%%EOF", b"%" + b"a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 400_000) + b"\n%%EOF")

    first = upload(lead_client, item, "big.pdf", big, HTTP_IDEMPOTENCY_KEY="big-1")
    again = upload(lead_client, item, "big.pdf", big, HTTP_IDEMPOTENCY_KEY="big-1")

    assert first.status_code == 201, first.content[:300]
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert Paper.objects.get().size == len(big)


# Minutes (MTG-5) ----------------------------------------------------------------------------


@pytest.fixture
def approved(world: World) -> Minutes:
    meeting = make_meeting(world.pec, days=-30)
    later = make_meeting(world.pec, days=-2)
    minutes = ms.minutes_draft(actor=SYSTEM, meeting=meeting)
    return ms.minutes_approve(actor=SYSTEM, minutes=minutes, at_meeting=later)


def test_the_lead_corrects_approved_minutes(lead_client: Any, approved: Minutes) -> None:
    """MTG-5: a new draft version with its reason; the approved version stays as it was."""
    etag = lead_client.get(f"/api/minutes/{approved.pk}")["ETag"]
    body = {"text": "Corrected text.", "correction_note": "The vote count was wrong"}

    response = post(lead_client, f"/api/minutes/{approved.pk}/correct", body, HTTP_IF_MATCH=etag)

    approved.refresh_from_db()
    assert response.status_code == 201, response.json()
    assert response.json()["version"] == 2 and response.json()["status"] == MinutesStatus.DRAFT
    assert response.json()["correction_note"] == "The vote count was wrong"
    assert approved.status == MinutesStatus.APPROVED and approved.text != "Corrected text."


def test_a_member_cannot_correct_minutes(client_for: Any, approved: Minutes) -> None:
    """X-1: 403 and no new version."""
    body = {"text": "Corrected.", "correction_note": "Typo"}

    assert post(client_for("member"), f"/api/minutes/{approved.pk}/correct", body).status_code == 403
    assert Minutes.objects.count() == 1


def test_a_correction_without_its_reason_is_422(lead_client: Any, approved: Minutes) -> None:
    """X-4, MTG-5: a correction says what is corrected and why; nothing saved."""
    response = post(lead_client, f"/api/minutes/{approved.pk}/correct", {"text": "Corrected."})

    assert response.status_code == 422
    assert response.json()["errors"] == {"correction_note": ["Say what is corrected and why"]}
    assert Minutes.objects.count() == 1


def test_a_correction_of_an_older_read_is_refused(lead_client: Any, approved: Minutes) -> None:
    """X-5: someone drafted a correction since this client read version 1: 412 says so."""
    etag = lead_client.get(f"/api/minutes/{approved.pk}")["ETag"]
    ms.minutes_correct(actor=SYSTEM, minutes=approved, text="Theirs.", correction_note="Their fix")
    ms.minutes_edit(actor=SYSTEM, minutes=Minutes.objects.get(version=2), text="Theirs, edited.")
    body = {"text": "Mine.", "correction_note": "My fix"}

    response = post(lead_client, f"/api/minutes/{approved.pk}/correct", body, HTTP_IF_MATCH=etag)

    assert response.status_code == 412
    assert response.json()["errors"] == {"latest_version": ["latest version 1 → 2"]}
    assert Minutes.objects.count() == 2


def test_a_draft_edit_of_an_older_read_is_refused(lead_client: Any, world: World) -> None:
    """X-5, MTG-5: the draft's text changed since the read: 412, and this edit is not saved."""
    draft = ms.minutes_draft(actor=SYSTEM, meeting=make_meeting(world.pec, days=-3))
    etag = lead_client.get(f"/api/minutes/{draft.pk}")["ETag"]
    ms.minutes_edit(actor=SYSTEM, minutes=draft, text="Someone else's wording.")

    stale = post(lead_client, f"/api/minutes/{draft.pk}", {"text": "Mine."}, HTTP_IF_MATCH=etag)
    fresh_tag = lead_client.get(f"/api/minutes/{draft.pk}")["ETag"]
    fresh = post(lead_client, f"/api/minutes/{draft.pk}", {"text": "Mine."}, HTTP_IF_MATCH=fresh_tag)

    assert stale.status_code == 412
    assert stale.json()["errors"] == {"text": ["minutes Mine. → Someone else's wording."]} or stale.json()[
        "errors"
    ]["text"][0].startswith("minutes ")
    assert fresh.status_code == 200 and fresh.json()["text"] == "Mine."


def test_the_openapi_document_lists_412_where_if_match_is_taken(client: Any, db: Any) -> None:
    """X-4: the edits that take If-Match document 412; a write that does not, does not."""
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert "412" in paths["/api/v1/meetings/{meeting_id}"]["patch"]["responses"]
    assert "412" in paths["/api/v1/items/{item_id}"]["patch"]["responses"]
    assert "412" in paths["/api/v1/minutes/{minutes_id}/correct"]["post"]["responses"]
    assert "412" not in paths["/api/v1/items/{item_id}/papers"]["post"]["responses"]
