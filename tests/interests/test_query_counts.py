"""Query counts of the register pages: the same for 1 and 30 declarations (DESIGN "Rules of the house")."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pecgov.interests import services as isv
from pecgov.trust.enums import MembershipRole, Profession
from tests.factories import SYSTEM, World, make_person, seat
from tests.meeting_factories import declare

pytestmark = pytest.mark.django_db


def count_queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def add_seated_declarers(world: World, n: int) -> None:
    """New committee members, each with a declaration; every third withheld, every second with a return."""
    for i in range(n):
        person = make_person(world.trust, Profession.NURSE, organisation=world.practice)
        seat(person, world.board, MembershipRole.NON_EXECUTIVE)
        declaration = declare(person, world.practice if i % 2 else None, organisation_name="Acme Ltd")
        if i % 3 == 0:
            isv.declaration_withhold(
                actor=SYSTEM, declaration=declaration, withholding="details", reason="Why"
            )
        if i % 2 == 0:
            isv.interest_return_make(actor=SYSTEM, person=person, kind="confirmed")


def add_member_declarations(world: World, n: int) -> None:
    member = world.people["member"]
    for i in range(n):
        declaration = declare(member, world.practice, description=f"Interest {i}")
        if i % 3 == 0:
            isv.declaration_withhold(actor=SYSTEM, declaration=declaration, withholding="entry", reason="Why")
    isv.interest_return_make(actor=SYSTEM, person=member, kind="confirmed")


CASES: list[tuple[str, str, Callable[[World], str], Callable[[World, int], None]]] = [
    ("register", "member", lambda w: "/interests/register/", add_seated_declarers),
    (
        "register on a past date",
        "governance_lead",
        lambda w: "/interests/register/?on-day=1&on-month=6&on-year=2020",
        add_seated_declarers,
    ),
    ("overdue", "governance_lead", lambda w: "/interests/overdue/", add_seated_declarers),
    ("public register", "anonymous", lambda w: "/public/register/", add_seated_declarers),
    ("public register CSV", "anonymous", lambda w: "/public/register.csv", add_seated_declarers),
    ("public register of one member", "anonymous", lambda w: "/public/register/", add_member_declarations),
    ("my declarations", "member", lambda w: "/interests/mine/", add_member_declarations),
    (
        "person's interests",
        "governance_lead",
        lambda w: f"/interests/people/{w.people['member'].pk}/",
        add_member_declarations,
    ),
]


@pytest.mark.parametrize(("label", "role", "url", "grow"), CASES, ids=[c[0] for c in CASES])
def test_register_page_query_count_is_flat(
    label: str,
    role: str,
    url: Callable[[World], str],
    grow: Callable[[World, int], None],
    world: World,
    client_for: Any,
) -> None:
    client = client_for(role)
    grow(world, 1)
    few = count_queries(client, url(world))
    grow(world, 29)
    many = count_queries(client, url(world))
    assert many == few, f"{label}: {few} queries with 1 row, {many} with 30"
