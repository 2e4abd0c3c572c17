"""Meetings, items, attendance and declarations for tests, made through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from pecgov.interests import services as isv
from pecgov.interests.models import Declaration
from pecgov.meetings import services as ms
from pecgov.meetings.models import AgendaItem, Meeting
from pecgov.trust.models import Committee, Organisation, Person
from tests.factories import SYSTEM, World


def make_meeting(committee: Committee, *, days: int = 7, location: str = "Boardroom, Trust HQ") -> Meeting:
    """A meeting `days` from now (negative: in the past)."""
    starts = timezone.now().replace(microsecond=0) + dt.timedelta(days=days)
    return ms.meeting_create(actor=SYSTEM, committee=committee, starts_at=starts, location=location)


def make_item(
    meeting: Meeting,
    *,
    kind: str = "decision",
    title: str | None = None,
    affected: list[Organisation] | None = None,
    description: str = "",
) -> AgendaItem:
    return ms.item_add(
        actor=SYSTEM,
        meeting=meeting,
        title=title or f"Item for {meeting}",
        kind=kind,
        description=description,
        affected=affected or [],
    )


def declare(
    person: Person,
    organisation: Organisation | None,
    *,
    category: str = "financial",
    description: str = "GP partner",
    start: dt.date | None = None,
    end: dt.date | None = None,
    **kw: Any,
) -> Declaration:
    return isv.declaration_create(
        actor=SYSTEM,
        person=person,
        category=category,
        organisation=organisation,
        description=description,
        start_date=start or dt.date(2020, 1, 1),
        end_date=end,
        **kw,
    )


def attend_all(meeting: Meeting, people: list[Person], status: str = "present") -> None:
    for person in people:
        ms.attendance_set(actor=SYSTEM, meeting=meeting, person=person, status=status)


def pec_people(world: World) -> list[Person]:
    """Everyone holding a current PEC seat in the world."""
    return [m.person for m in world.pec.memberships.select_related("person").filter(end_date__isnull=True)]


def conflicted_item(
    world: World, *, kind: str = "recommendation", days: int = 7
) -> tuple[Meeting, AgendaItem, Person]:
    """A meeting where the PEC chair's own practice is affected by an item (COI-2). People record
    attendance, votes and decisions only once a meeting has started (MTG-2): pass days=-1."""
    meeting = make_meeting(world.pec, days=days)
    item = make_item(
        meeting, kind=kind, title="Business case from the chair's practice", affected=[world.practice]
    )
    attend_all(meeting, pec_people(world))
    return meeting, item, world.people["pec_chair"]
