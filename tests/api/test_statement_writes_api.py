"""Concerns and sending the statement to the Board over the API (PUB-2; COI-4, COI-5, X-1,
X-4): the item page's services with its permissions."""

from __future__ import annotations

from typing import Any

from pecgov.meetings.models import ConflictConcern, StatementVersion
from tests.conflicts.test_statement_versions import decided_recommendation
from tests.factories import World
from tests.meeting_factories import make_item, make_meeting


def post(client: Any, path: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(path, body or {}, content_type="application/json")


def test_a_committee_member_raises_a_concern(client_for: Any, world: World) -> None:
    """COI-4: recorded with the member's name; someone not on the committee is 403; a blank
    concern is 422 on text; nothing else saved."""
    item = decided_recommendation(world)
    path = f"/api/items/{item.pk}/concerns"

    made = post(client_for("executive_director"), path, {"text": "The chair should have left the room."})
    outsider = post(client_for("practice_lead"), path, {"text": "Not mine to say"})
    blank = post(client_for("executive_director"), path, {"text": "  "})

    assert made.status_code == 201, made.json()
    assert made.json()["raised_by_id"] == world.people["executive_director"].pk
    assert outsider.status_code == 403
    assert blank.status_code == 422 and blank.json()["errors"] == {"text": ["Describe your concern"]}
    assert ConflictConcern.objects.count() == 1


def test_the_lead_sends_the_statement_once(
    lead_client: Any, client_for: Any, world: World, django_capture_on_commit_callbacks: Any
) -> None:
    """COI-5: frozen as version 1 with its digest; a member is 403; sending again with nothing
    changed is 422; only a recommendation has a statement (422)."""
    item = decided_recommendation(world)
    plain = make_item(make_meeting(world.pec, days=-1), kind="decision", title="Not for the Board")

    member = post(client_for("member"), f"/api/items/{item.pk}/statement/send")
    with django_capture_on_commit_callbacks(execute=True):
        sent = post(lead_client, f"/api/items/{item.pk}/statement/send")
    again = post(lead_client, f"/api/items/{item.pk}/statement/send")
    wrong = post(lead_client, f"/api/items/{plain.pk}/statement/send")

    assert member.status_code == 403
    assert sent.status_code == 201 and sent.json()["version"] == 1
    assert sent.json()["sha256"] == StatementVersion.objects.get(item=item).sha256
    assert again.status_code == wrong.status_code == 422
    assert StatementVersion.objects.count() == 1
