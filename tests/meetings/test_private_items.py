"""An item taken in private (Part B) carries a recorded reason (PUB-1)."""

from __future__ import annotations

import pytest

from pecgov.errors import DomainError
from pecgov.meetings import services as ms
from pecgov.meetings.models import AgendaItem
from tests.factories import SYSTEM, World
from tests.meeting_factories import make_item, make_meeting

pytestmark = pytest.mark.django_db


def test_an_item_taken_in_private_needs_a_reason(world: World) -> None:
    meeting = make_meeting(world.pec)
    with pytest.raises(DomainError) as refused:
        ms.item_add(actor=SYSTEM, meeting=meeting, title="Contract", kind="decision", confidential=True)
    assert refused.value.errors == {"confidential_reason": ["Enter why the item is taken in private"]}
    assert not AgendaItem.objects.filter(meeting=meeting).exists()
    item = ms.item_add(
        actor=SYSTEM,
        meeting=meeting,
        title="Contract",
        kind="decision",
        confidential=True,
        confidential_reason=" Commercial negotiations ",
    )
    assert (item.confidential, item.confidential_reason) == (True, "Commercial negotiations")


def test_making_an_item_public_clears_its_reason(world: World) -> None:
    item = make_item(make_meeting(world.pec))
    with pytest.raises(DomainError):
        ms.item_update(actor=SYSTEM, item=item, confidential=True)
    ms.item_update(actor=SYSTEM, item=item, confidential=True, confidential_reason="Staffing")
    item.refresh_from_db()
    assert item.confidential and item.confidential_reason == "Staffing"
    ms.item_update(actor=SYSTEM, item=item, confidential=False)
    item.refresh_from_db()
    assert (item.confidential, item.confidential_reason) == (False, "")
