"""Query counts (COI-7: the pages stay fast as the record grows): the meeting pages make the same number of queries for few
and many rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from pecgov.meetings import services as ms
from pecgov.meetings.models import Meeting
from pecgov.trust.enums import MembershipRole, OrganisationKind, Profession
from tests.factories import SYSTEM, World, make_org, make_person, seat
from tests.meeting_factories import attend_all, declare, make_item, make_meeting, pec_people
from tests.test_query_counts import count_queries


def the_meeting(world: World) -> Meeting:
    """One past meeting every case grows; made on first use."""
    found = Meeting.objects.filter(committee=world.pec, location="Counted room").first()
    return found or make_meeting(world.pec, days=-3, location="Counted room")


def add_items(world: World, n: int) -> None:
    """Items affecting a practice a present member declared, so every item has a conflict."""
    meeting = the_meeting(world)
    if not meeting.attendance.exists():
        attend_all(meeting, pec_people(world))
        declare(world.people["member"], world.practice)
    for i in range(n):
        org = make_org(world.trust, OrganisationKind.PRACTICE)
        item = make_item(meeting, kind="decision", title=f"Item {i}", affected=[world.practice, org])
        ms.action_add(
            actor=SYSTEM,
            meeting=meeting,
            item=item,
            description=f"Follow up {i}",
            owner=world.people["member"],
            due_date=dt.date(2031, 1, 1),
        )


def add_attendees(world: World, n: int) -> None:
    meeting = the_meeting(world)
    if not meeting.items.exists():
        make_item(meeting, kind="decision", affected=[world.practice])
    people = [
        seat(make_person(world.trust, Profession.GP), world.pec, MembershipRole.CLINICAL).person
        for _ in range(n)
    ]
    attend_all(meeting, people)


def add_meetings(world: World, n: int) -> None:
    for i in range(n):
        meeting = make_meeting(world.pec, days=i + 1)
        make_item(meeting)


def add_past_meetings(world: World, n: int) -> None:
    for i in range(n):
        make_meeting(world.pec, days=-(i + 1))


def add_minutes(world: World, n: int) -> None:
    meeting = the_meeting(world)
    for i in range(n):
        later = make_meeting(world.pec, days=i + 1)
        minutes = ms.minutes_draft(actor=SYSTEM, meeting=meeting)
        ms.minutes_approve(actor=SYSTEM, minutes=minutes, at_meeting=later)


def add_members(world: World, n: int) -> None:
    the_meeting(world)
    for _ in range(n):
        seat(make_person(world.trust, Profession.NURSE), world.pec, MembershipRole.CLINICAL)


def add_my_actions(world: World, n: int) -> None:
    meeting = the_meeting(world)
    for i in range(n):
        ms.action_add(
            actor=SYSTEM,
            meeting=meeting,
            description=f"Action {i}",
            owner=world.people["member"],
            due_date=dt.date(2031, 1, 1),
        )


def detail(world: World) -> str:
    return reverse("meetings:meeting_detail", args=[the_meeting(world).pk])


# (label, url, grow, few, many, role)
CASES: list[tuple[str, Callable[[World], str], Callable[[World, int], None], int, int, str]] = [
    ("meeting list", lambda w: reverse("meetings:meeting_list"), add_meetings, 5, 40, "governance_lead"),
    (
        "past meetings",
        lambda w: reverse("meetings:meeting_list") + "?when=past",
        add_past_meetings,
        5,
        40,
        "governance_lead",
    ),
    ("meeting page, items", detail, add_items, 5, 40, "governance_lead"),
    ("meeting page, attendees", detail, add_attendees, 5, 15, "governance_lead"),
    ("meeting page as a member", detail, add_items, 5, 20, "member"),
    ("meeting page, minutes", detail, add_minutes, 1, 6, "governance_lead"),
    (
        "attendance form",
        lambda w: reverse("meetings:attendance", args=[the_meeting(w).pk]),
        add_members,
        5,
        15,
        "governance_lead",
    ),
    (
        "item form",
        lambda w: reverse("meetings:item_create", args=[the_meeting(w).pk]),
        lambda w, n: [make_org(w.trust, OrganisationKind.PRACTICE) for _ in range(n)],
        5,
        40,
        "governance_lead",
    ),
    ("calendar feed", lambda w: reverse("meetings:calendar"), add_meetings, 5, 40, "member"),
    ("home with actions", lambda w: reverse("home"), add_my_actions, 1, 15, "member"),
]


@pytest.mark.parametrize(("label", "url", "grow", "few", "many", "role"), CASES, ids=[c[0] for c in CASES])
def test_meeting_page_query_count_is_flat(
    label: str,
    url: Callable[[World], str],
    grow: Callable[[World, int], None],
    few: int,
    many: int,
    role: str,
    world: World,
    client_for: Any,
) -> None:
    client = client_for(role)
    grow(world, few)
    queries_few = count_queries(client, url(world))
    grow(world, many - few)
    queries_many = count_queries(client, url(world))
    assert queries_many == queries_few, (
        f"{label}: {queries_few} queries with {few} rows, {queries_many} with {many}"
    )
