"""Query counts (X-1, STYLE 3): each public list page, and each open-data list, makes the same
number of queries for 1 and for 30 rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pecgov.delegation import services as ds
from pecgov.meetings import services as ms
from pecgov.meetings.models import Meeting
from pecgov.public.queries import trust_key
from pecgov.trust.enums import MembershipRole, Profession
from tests.factories import SYSTEM, World, make_person, seat
from tests.meeting_factories import attend_all, make_item, make_meeting, pec_people
from tests.public.helpers import upload


def count_queries(url: str) -> int:
    client = Client()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def add_members(world: World, n: int) -> None:
    for i in range(n):
        person = make_person(world.trust, Profession.GP)
        seat(person, world.pec, MembershipRole.CLINICAL)
        ds.lead_area_create(actor=SYSTEM, person=person, area=f"Area {i}", start_date=dt.date(2021, 1, 1))
        seat(make_person(world.trust), world.pec, MembershipRole.CLINICAL, end_date=dt.date(2021, 1, 1))


def add_meetings(world: World, n: int) -> None:
    for i in range(n):
        make_meeting(world.pec, days=-(i + 2))


def the_meeting(world: World) -> Meeting:
    found = Meeting.objects.filter(committee=world.pec, location="Query count room").first()
    if found is None:
        found = make_meeting(world.pec, days=-3, location="Query count room")
        attend_all(found, pec_people(world))
    return found


def add_items(world: World, n: int) -> None:
    meeting = the_meeting(world)
    for i in range(n):
        item = make_item(meeting, kind="information", title=f"Report {i}")
        ms.paper_add(actor=SYSTEM, item=item, title=f"Paper {i}", upload=upload(f"p{i}"))
        private = ms.item_add(
            actor=SYSTEM,
            meeting=meeting,
            title=f"Private {i}",
            kind="discussion",
            confidential=True,
            confidential_reason="Commercial",
        )
        for done in (item, private):
            ms.item_decide(actor=SYSTEM, item=done, outcome="noted", contribution="noted_only", reasons="")


def add_recommendations(world: World, n: int) -> None:
    meeting = the_meeting(world)
    for i in range(n):
        item = make_item(meeting, kind="recommendation", title=f"Recommendation {i}")
        ms.vote_record(actor=SYSTEM, item=item, person=world.people["member"], choice="for")
        ms.item_decide(
            actor=SYSTEM, item=item, outcome="approved", contribution="debated_agreed", reasons="Good value"
        )


def public(name: str, **kw: Any) -> Callable[[World], str]:
    return lambda w: reverse(name, kwargs={"trust": trust_key(w.trust), **kw})


CASES: list[tuple[str, Callable[[World], str], Callable[[World, int], None]]] = [
    ("trust landing page", public("public:trust"), add_meetings),
    ("committee members", lambda w: public("public:committee", pk=w.pec.pk)(w), add_members),
    ("meetings calendar", public("public:meetings"), add_meetings),
    ("meeting agenda", lambda w: public("public:meeting", pk=the_meeting(w).pk)(w), add_items),
    ("decisions register", public("public:decisions"), add_recommendations),
    ("statements to the Board", public("public:statements"), add_recommendations),
    ("popolo persons", public("popolo:persons"), add_members),
    ("popolo memberships", public("popolo:memberships"), add_members),
    ("popolo vote events", public("popolo:vote_events"), add_recommendations),
    ("popolo events", public("popolo:events"), add_meetings),
    ("meetings csv", public("public:meetings_csv"), add_meetings),
    ("decisions csv", public("public:decisions_csv"), add_recommendations),
]


@pytest.mark.parametrize(("label", "url", "grow"), CASES, ids=[c[0] for c in CASES])
def test_public_list_query_count_is_flat(
    label: str, url: Callable[[World], str], grow: Callable[[World, int], None], world: World
) -> None:
    """X-1: the public lists read a bounded number of rows' worth of queries (PUB-1, PUB-2)."""
    grow(world, 1)
    few = count_queries(url(world))
    grow(world, 29)
    many = count_queries(url(world))
    assert many == few, f"{label}: {few} queries with 1 row, {many} with 30"
