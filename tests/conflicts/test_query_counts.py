"""Query counts (COI-7: the pages stay fast as the record grows): the item page and the statement make the same number of
queries however many items the meeting has and however many attend."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from pecgov.meetings import services as ms
from pecgov.meetings.conflicts import services as conflict_services
from pecgov.meetings.models import AgendaItem, Meeting
from pecgov.trust.enums import MembershipRole, Profession
from tests.conflicts.helpers import explanation, url
from tests.factories import SYSTEM, World, make_person, seat
from tests.meeting_factories import conflicted_item, declare, make_item
from tests.test_query_counts import count_queries


def add_items(world: World, meeting: Meeting, item: AgendaItem, n: int) -> None:
    """More items on the same meeting, each affecting the practice, so each is screened too."""
    for i in range(n):
        make_item(meeting, kind="decision", title=f"Other item {i}", affected=[world.practice])


def add_attendees(world: World, meeting: Meeting, item: AgendaItem, n: int) -> None:
    """More members present, each conflicted (half declared, half by their practice), half handled, each voting."""
    for i in range(n):
        person = make_person(world.trust, Profession.GP, organisation=world.practice if i % 2 else None)
        seat(person, world.pec, MembershipRole.CLINICAL)
        if i % 2 == 0:
            declare(person, world.practice, description=f"Partner {i}")
        ms.attendance_set(actor=SYSTEM, meeting=meeting, person=person, status="present")
        if i % 3 == 0:
            conflict_services.conflict_record(
                actor=SYSTEM,
                item=item,
                person=person,
                handling="no_action",
                interest=explanation(item, person.pk),
                reason="Not affected",
            )
            ms.vote_record(actor=SYSTEM, item=item, person=person, choice="for")
        if i < 3:
            conflict_services.concern_raise(actor=world.users["member"], item=item, text=f"Concern {i}")


PAGES = ["item_detail", "statement"]
GROWTH: list[tuple[str, Callable[..., None], int, int]] = [
    ("items", add_items, 4, 39),
    ("attendees", add_attendees, 5, 15),
]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(("label", "grow", "few", "many"), GROWTH, ids=[g[0] for g in GROWTH])
@pytest.mark.parametrize("role", ["governance_lead", "member"])
def test_page_query_count_is_flat(
    page: str,
    label: str,
    grow: Callable[..., None],
    few: int,
    many: int,
    role: str,
    world: World,
    client_for: Any,
) -> None:
    meeting, item, _ = conflicted_item(world)
    client = client_for(role)
    grow(world, meeting, item, few)
    at_few = count_queries(client, url(page, item))
    grow(world, meeting, item, many - few)
    at_many = count_queries(client, url(page, item))
    assert at_many == at_few, f"{page} with {label}: {at_few} queries at {few}, {at_many} at {many}"
