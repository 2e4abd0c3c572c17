"""The agenda item form's "taken in private" fields (PUB-1): the reason is required, and the
signed-in meeting page marks the item."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from pecgov.meetings.models import AgendaItem
from tests.factories import World
from tests.meeting_factories import make_item, make_meeting


def test_item_taken_in_private_needs_a_reason_and_saves_nothing_without_one(
    world: World, lead_client: Any
) -> None:
    """PUB-1: a private item without a reason is refused with a specific message; nothing is saved."""
    meeting = make_meeting(world.pec)
    url = reverse("meetings:item_create", args=[meeting.pk])
    data = {"title": "Contract terms", "kind": "decision", "description": "", "confidential": "on"}
    refused = lead_client.post(url, data)
    assert refused.status_code == 400  # a form with errors
    assert "Enter why the item is taken in private" in refused.content.decode()
    assert not AgendaItem.objects.filter(meeting=meeting).exists()
    saved = lead_client.post(url, data | {"confidential_reason": "Commercially confidential"})
    assert saved.status_code == 302
    item = AgendaItem.objects.get(meeting=meeting)
    assert (item.confidential, item.confidential_reason) == (True, "Commercially confidential")
    page = lead_client.get(saved["Location"]).content.decode()
    assert "Taken in private" in page.split('id="agenda-table"', 1)[1]


def test_item_edit_can_take_an_item_into_and_out_of_private(world: World, lead_client: Any) -> None:
    """PUB-1: the edit form carries the flag and its reason; clearing the flag clears the reason."""
    item = make_item(make_meeting(world.pec), title="Estates review", kind="discussion")
    url = reverse("meetings:item_edit", args=[item.pk])
    base = {"title": "Estates review", "kind": "discussion", "description": ""}
    assert (
        lead_client.post(url, base | {"confidential": "on", "confidential_reason": "Land sale"}).status_code
        == 302
    )
    item.refresh_from_db()
    assert (item.confidential, item.confidential_reason) == (True, "Land sale")
    form = lead_client.get(url).content.decode()
    assert 'name="confidential"' in form and "Land sale" in form
    assert lead_client.post(url, base | {"confidential_reason": "Land sale"}).status_code == 302
    item.refresh_from_db()
    assert (item.confidential, item.confidential_reason) == (False, "")
