"""One convention for lost updates over the API (X-5, PUB-2): every editable record's read
answers an ETag, every edit of it (PATCH or POST) takes it back as If-Match, and a stale one is
412 with what changed in the page's words, nothing saved. The POST edits also take the same
token as `read_version` in the body, with the same 412. The OpenAPI document says so."""

from __future__ import annotations

from typing import Any

from pecgov.appointments import services as aps
from pecgov.appointments.models import PlanStep
from pecgov.audit.models import AuditEvent
from pecgov.engagement.models import ShaEntry
from tests.engagement.helpers import log
from tests.factories import START, SYSTEM, World

JSON = "application/json"
V1 = "/api/v1"
# Each edit, and the read whose ETag it takes.
EDITS = {
    ("patch", "/meetings/{meeting_id}"): "/meetings/{meeting_id}",
    ("patch", "/items/{item_id}"): "/items/{item_id}",
    ("post", "/minutes/{minutes_id}"): "/minutes/{minutes_id}",
    ("post", "/minutes/{minutes_id}/correct"): "/minutes/{minutes_id}",
    ("patch", "/declarations/{declaration_id}"): "/declarations/{declaration_id}",
    ("post", "/functions/{function_id}"): "/functions/{function_id}",
    ("post", "/appointments/posts/{post_id}"): "/appointments/posts/{post_id}",
    ("post", "/appointments/campaigns/{campaign_id}"): "/appointments/campaigns/{campaign_id}",
    ("post", "/appointments/plans/steps/{step_id}"): "/appointments/plans/steps/{step_id}",
    ("put", "/engagement/entries/{entry_id}"): "/engagement/entries/{entry_id}",
}
# The POST edits that also take the version in the body.
BODY_VERSION = {
    "/functions/{function_id}",
    "/appointments/posts/{post_id}",
    "/appointments/campaigns/{campaign_id}",
    "/appointments/plans/steps/{step_id}",
}


def _step(world: World) -> PlanStep:
    plan = aps.plan_create(actor=SYSTEM, trust=world.trust, title="New PEC", target_date=START)
    step = plan.steps.order_by("position").first()
    assert step is not None
    return step


def _edit(client: Any, step: PlanStep, body: dict[str, Any], **headers: str) -> Any:
    return client.post(f"/api/appointments/plans/steps/{step.pk}", body, content_type=JSON, headers=headers)


def test_a_plan_step_answers_its_etag_and_a_stale_one_is_412(lead_client: Any, world: World) -> None:
    """X-5, APP-1: the step's read answers an ETag, the same token as its `read_version`; an
    edit sent with it after someone else changed the step is 412 with what changed in the
    page's words, by If-Match or by the body alike, and saves nothing; the fresh one saves."""
    step = _step(world)
    read = lead_client.get(f"/api/appointments/plans/steps/{step.pk}")
    assert read.status_code == 200 and read["ETag"] == f'"{read.json()["read_version"]}"'
    PlanStep.objects.filter(pk=step.pk).update(note="Ask the Board first")
    events = AuditEvent.objects.count()

    by_header = _edit(lead_client, step, {"note": "Mine"}, **{"If-Match": read["ETag"]})
    by_body = _edit(lead_client, step, {"note": "Mine", "read_version": read.json()["read_version"]})

    assert by_header.status_code == by_body.status_code == 412
    assert by_header.json() == by_body.json()
    assert by_body.json()["errors"] == {"note": ["note blank → Ask the Board first"]}
    assert "Nothing has been saved" in by_body.json()["detail"]
    assert PlanStep.objects.get(pk=step.pk).note == "Ask the Board first"
    assert AuditEvent.objects.count() == events
    fresh = lead_client.get(f"/api/appointments/plans/steps/{step.pk}")["ETag"]
    saved = _edit(lead_client, step, {"note": "Mine", "due_date": "2030-05-01"}, **{"If-Match": fresh})
    assert saved.status_code == 200, saved.content
    assert PlanStep.objects.get(pk=step.pk).note == "Mine"
    # A changed owner is named, not given by id.
    owner = world.people["member"]
    read = lead_client.get(f"/api/appointments/plans/steps/{step.pk}")
    PlanStep.objects.filter(pk=step.pk).update(owner=owner)
    stale = _edit(lead_client, step, {"note": "Again"}, **{"If-Match": read["ETag"]})
    assert stale.status_code == 412
    assert stale.json()["errors"] == {"owner_id": [f"owner nobody → {owner.name}"]}


def test_both_versions_sent_must_both_be_current(lead_client: Any, world: World) -> None:
    """X-5: an If-Match that is current does not let a stale `read_version` through; a version
    this site did not give is 412 under the name it came by; none at all asks for no check, as
    a page's form without its read version."""
    step = _step(world)
    old = lead_client.get(f"/api/appointments/plans/steps/{step.pk}").json()["read_version"]
    PlanStep.objects.filter(pk=step.pk).update(note="Changed")
    now = lead_client.get(f"/api/appointments/plans/steps/{step.pk}")["ETag"]

    mixed = _edit(lead_client, step, {"note": "Mine", "read_version": old}, **{"If-Match": now})
    forged = _edit(lead_client, step, {"note": "Mine"}, **{"If-Match": '"made-up"'})
    unchecked = _edit(lead_client, step, {"note": "Mine"})

    assert mixed.status_code == 412 and list(mixed.json()["errors"]) == ["note"]
    assert forged.status_code == 412 and list(forged.json()["errors"]) == ["If-Match"]
    assert unchecked.status_code == 200 and PlanStep.objects.get(pk=step.pk).note == "Mine"


def test_another_trusts_step_is_404_and_a_member_is_refused(
    client_for: Any, lead_client: Any, world: World, other_world: World
) -> None:
    """X-1: the step's read is the governance lead's, within the trust."""
    mine, theirs = _step(world), _step(other_world)

    assert lead_client.get(f"/api/appointments/plans/steps/{theirs.pk}").status_code == 404
    assert client_for("member").get(f"/api/appointments/plans/steps/{mine.pk}").status_code == 403


def test_the_openapi_document_states_the_one_convention(client: Any, db: Any) -> None:
    """PUB-2, X-5: each edit documents If-Match and 412 (and the body's `read_version` on the
    POST edits); each read it follows documents its ETag header; every PATCH and PUT takes
    If-Match."""
    document = client.get(f"{V1}/openapi.json").json()
    paths = document["paths"]
    schemas = document["components"]["schemas"]
    problems = []
    for (method, path), read_path in EDITS.items():
        operation = paths[V1 + path][method]
        if "If-Match" not in {p["name"] for p in operation.get("parameters", []) if p["in"] == "header"}:
            problems.append(f"{method} {path}: no If-Match")
        if "412" not in operation["responses"]:
            problems.append(f"{method} {path}: no 412")
        if path in BODY_VERSION:
            ref = operation["requestBody"]["content"][JSON]["schema"]["$ref"].rsplit("/", 1)[-1]
            if "read_version" not in schemas[ref]["properties"]:
                problems.append(f"{method} {path}: no read_version in the body")
        headers = paths[V1 + read_path]["get"]["responses"]["200"].get("headers", {})
        if "ETag" not in headers:
            problems.append(f"GET {read_path}: no ETag documented")
    for path, operations in paths.items():
        for method in ("patch", "put"):
            if method in operations and "412" not in operations[method]["responses"]:
                problems.append(f"{method} {path}: no If-Match")
    assert problems == []
    assert "409" not in document["info"]["description"]


def test_an_sha_entry_corrected_from_an_older_read_is_412(lead_client: Any, world: World) -> None:
    """X-5, ORG-7: the entry's read answers an ETag; a correction sent with it after someone
    else changed who attended is 412 naming it, and nothing is saved; the fresh one saves."""
    entry = log(world, START, subject="Financial recovery")
    path = f"/api/engagement/entries/{entry.pk}"
    read = lead_client.get(path)
    assert read.status_code == 200 and read.json()["subject"] == "Financial recovery"
    entry.attendance.all().delete()  # someone else corrected who attended
    body = {"held_on": str(START), "kind": entry.kind, "subject": "Mine", "attendee_ids": []}

    stale = lead_client.put(path, body, content_type=JSON, headers={"If-Match": read["ETag"]})

    assert stale.status_code == 412
    assert list(stale.json()["errors"]) == ["attendee_ids"]
    # Named as the page names them, not by id.
    chair = world.people["pct_chair"].name
    assert stale.json()["errors"]["attendee_ids"] == [f"who from the trust attended {chair} → nobody"]
    assert ShaEntry.objects.get(pk=entry.pk).subject == "Financial recovery"
    fresh = lead_client.get(path)["ETag"]
    saved = lead_client.put(path, body, content_type=JSON, headers={"If-Match": fresh})
    assert saved.status_code == 200 and saved.json()["subject"] == "Mine"
    assert saved["ETag"] != fresh
