"""Open data (PUB-2): Popolo JSON validated against the Popolo project's own schemas, CSV for each
public list, the public iCalendar feed of a committee and the private per-user feed."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

import pecgov.public
from pecgov.errors import NotPermitted
from pecgov.public import services
from pecgov.public.models import CalendarFeed
from tests.factories import World
from tests.public.helpers import MARKERS, Published, published

# Vendored with the app, whose OpenAPI document describes the Popolo answers with them.
SCHEMAS = Path(pecgov.public.__file__).parent / "popolo_schemas"
BASE = "http://www.popoloproject.com/schemas/"
COLLECTIONS = {
    "persons": "person",
    "organizations": "organization",
    "memberships": "membership",
    "vote_events": "vote_event",
    "events": "event",
}


def draft4(node: Any) -> Any:
    """The Popolo schemas are JSON Schema draft 3; the validator reads draft 4. The one difference
    they use: `"required": true` on a property becomes the object's `required` list."""
    if isinstance(node, list):
        return [draft4(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: draft4(v) for k, v in node.items() if not (k == "required" and isinstance(v, bool))}
    if "$schema" in out:
        out["$schema"] = "http://json-schema.org/draft-04/schema#"
    props = node.get("properties")
    if isinstance(props, dict):
        required = [k for k, v in props.items() if isinstance(v, dict) and v.get("required") is True]
        if required:
            out["required"] = required
    return out


def schema(name: str) -> dict[str, Any]:
    return draft4(json.loads((SCHEMAS / f"{name}.json").read_text()))  # type: ignore[no-any-return]


def retrieve(uri: str) -> dict[str, Any]:
    assert uri.startswith(BASE), uri
    return schema(uri.removeprefix(BASE).split("#")[0].removesuffix(".json"))


def validator(name: str) -> Any:
    return jsonschema_rs.Draft4Validator(schema(name), retriever=retrieve, validate_formats=True)


@pytest.fixture
def pub(world: World, settings: Any, tmp_path: Any) -> Published:
    settings.MEDIA_ROOT = tmp_path
    return published(world)


def popolo(pub: Published, collection: str) -> Any:
    response = Client().get(reverse(f"popolo:{collection}", kwargs={"trust": pub.key}))
    assert response.status_code == 200
    return response


def test_the_schema_check_can_fail() -> None:
    """PUB-2: the validator refuses what the Popolo schemas refuse (a required count value)."""
    assert not validator("vote_event").is_valid({"counts": [{"option": "yes"}]})
    assert not validator("membership").is_valid({"start_date": "1 April 2020"})
    assert validator("vote_event").is_valid({"counts": [{"option": "yes", "value": 1}]})


@pytest.mark.parametrize("collection", sorted(COLLECTIONS))
def test_popolo_output_validates_against_the_popolo_schema(pub: Published, collection: str) -> None:
    """PUB-2: every object of every Popolo list is valid under the vendored Popolo schema."""
    rows = popolo(pub, collection).json()[collection]
    assert rows, collection
    check = validator(COLLECTIONS[collection])
    errors = [f"{row.get('id')}: {e}" for row in rows for e in check.iter_errors(row)]
    assert errors == []


def test_vote_event_records_recused_with_the_conflict_and_its_handling(pub: Published) -> None:
    """PUB-2, COI-3: the excluded member's option is `recused`, linked to the conflict and how it was handled."""
    events = {e["id"]: e for e in popolo(pub, "vote_events").json()["vote_events"]}
    event = events[f"vote-event/item-{pub.decided.pk}"]
    chair = pub.world.people["pec_chair"]
    by_voter = {v["voter_id"]: v for v in event["votes"]}
    recused = by_voter[f"person/{chair.pk}"]
    assert recused["option"] == "recused"
    assert recused["conflict"]["handling"] == "Excluded from the decision, may give advice"
    assert recused["conflict"]["reason"] == "Financial interest in the practice"
    assert recused["conflict"]["ruled_by_id"] == f"person/{pub.world.people['member'].pk}"
    assert by_voter[f"person/{pub.world.people['member'].pk}"]["option"] == "yes"
    assert {c["option"]: c["value"] for c in event["counts"]} == {
        "yes": 1,
        "no": 0,
        "abstain": 0,
        "recused": 1,
    }
    assert event["result"] == "Approved with changes"
    assert f"vote-event/item-{pub.private.pk}" not in events


def test_events_carry_attendance_of_held_public_meetings_only(pub: Published) -> None:
    """PUB-2: attendance per meeting; a meeting not held in public is not there."""
    events = {e["id"]: e for e in popolo(pub, "events").json()["events"]}
    held = events[f"meeting/{pub.meeting.pk}"]
    assert {a["person_id"] for a in held["attendance"]} >= {f"person/{pub.world.people['member'].pk}"}
    assert all(a["status"] == "present" for a in held["attendance"])
    assert events[f"meeting/{pub.upcoming.pk}"]["attendance"] == []
    assert f"meeting/{pub.closed.pk}" not in events


def test_memberships_name_committee_and_role_with_dates(pub: Published) -> None:
    """PUB-2: memberships link a person to a committee with a role and dates."""
    rows = popolo(pub, "memberships").json()["memberships"]
    member = pub.world.people["member"]
    mine = [m for m in rows if m["person_id"] == f"person/{member.pk}"]
    assert mine == [
        {
            "id": mine[0]["id"],
            "person_id": f"person/{member.pk}",
            "organization_id": f"committee/{pub.world.pec.pk}",
            "role": "Clinical member",
            "label": "Clinical member, Professional Executive Committee",
            "start_date": "2020-04-01",
            "end_date": None,
            "co_opted_for": "",
        }
    ]


def test_popolo_json_is_publicly_cacheable(pub: Published) -> None:
    """PUB-1: open data is public like the pages, though it is under /api/."""
    assert popolo(pub, "persons")["Cache-Control"] == "public, max-age=300"


def rows_of(response: Any) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


@pytest.mark.parametrize(
    ("name", "kwargs", "header"),
    [
        ("meetings_csv", {}, "Committee"),
        ("decisions_csv", {}, "Date"),
        ("cases_csv", {}, "Reference"),
        ("members_csv", {"pk": "pec"}, "Name"),
        ("attendance_csv", {"pk": "meeting"}, "Name"),
    ],
)
def test_every_public_list_downloads_as_csv(
    pub: Published, name: str, kwargs: dict[str, str], header: str
) -> None:
    """PUB-2: CSV for every public list."""
    ids = {"pec": pub.world.pec.pk, "meeting": pub.meeting.pk}
    url = reverse(f"public:{name}", kwargs={"trust": pub.key, **{k: ids[v] for k, v in kwargs.items()}})
    response = Client().get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = rows_of(response)
    assert rows[0][0] == header
    assert len(rows) > 1 or name == "cases_csv"


def test_decisions_csv_names_who_was_excluded(pub: Published) -> None:
    """PUB-2: the decisions CSV says who stepped out of which decision and how."""
    rows = rows_of(Client().get(reverse("public:decisions_csv", kwargs={"trust": pub.key})))
    decided = next(r for r in rows if r[2].endswith("Business case: diabetes clinic"))
    chair = pub.world.people["pec_chair"].name
    assert (
        decided[8]
        == f"{chair}: Excluded from the decision, may give advice (Financial interest in the practice)"
    )


def test_committee_calendar_lists_public_meetings_without_private_titles(pub: Published) -> None:
    """PUB-2, MTG-7: each committee's public meetings as iCalendar; an item in private is only said."""
    url = reverse("public:committee_calendar", kwargs={"trust": pub.key, "pk": pub.world.pec.pk})
    response = Client().get(url)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    uids = {str(e["uid"]) for e in calendar.walk("VEVENT")}
    assert f"meeting-{pub.meeting.pk}@pec-governance" in uids
    assert f"meeting-{pub.closed.pk}@pec-governance" not in uids
    text = response.content.decode()
    assert "An item was taken in private" in text.replace("\r\n ", "")
    assert MARKERS["private_title"] not in text.replace("\r\n ", "")


def test_private_feed_has_my_meetings_and_actions_until_revoked(pub: Published) -> None:
    """PUB-2: a secret, revocable address with the user's own meetings and actions' due dates."""
    user = pub.world.users["member"]
    feed, key = services.feed_create(actor=user, user=user)
    url = reverse("public:private_feed", kwargs={"key": key})
    response = Client().get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    events = Calendar.from_ical(response.content).walk("VEVENT")
    uids = {str(e["uid"]) for e in events}
    assert f"meeting-{pub.meeting.pk}@pec-governance" in uids
    action = pub.private.actions.get()
    assert f"action-{action.pk}@pec-governance" in uids
    services.feed_revoke(actor=user, feed=feed)
    assert Client().get(url).status_code == 404


def test_new_feed_address_revokes_the_old_and_is_audited(pub: Published) -> None:
    """PUB-2, X-2: making a new address stops the old one; both are ledger events."""
    from pecgov.audit.models import AuditEvent

    user = pub.world.users["member"]
    first, first_key = services.feed_create(actor=user, user=user)
    _second, second_key = services.feed_create(actor=user, user=user)
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert Client().get(reverse("public:private_feed", kwargs={"key": first_key})).status_code == 404
    assert Client().get(reverse("public:private_feed", kwargs={"key": second_key})).status_code == 200
    assert AuditEvent.objects.filter(action="calendar_feed.create").count() == 2
    assert not CalendarFeed.objects.filter(key_hash=first_key).exists()  # only the digest is kept


def test_nobody_manages_another_users_feed(pub: Published, client_for: Any) -> None:
    """X-1: a feed is revoked only by its owner (404 for anyone else); the page makes one for yourself."""
    owner = pub.world.users["member"]
    feed, _key = services.feed_create(actor=owner, user=owner)
    other = client_for("pec_chair")
    assert other.post(reverse("public:feed_revoke", kwargs={"pk": feed.pk})).status_code == 404
    feed.refresh_from_db()
    assert feed.revoked_at is None
    page = client_for("member").post(reverse("public:feed_create"))
    assert page.status_code == 200
    assert "/public/calendar/" in page.content.decode()
    with pytest.raises(NotPermitted, match="your own"):
        services.feed_create(actor=pub.world.users["pec_chair"], user=owner)
