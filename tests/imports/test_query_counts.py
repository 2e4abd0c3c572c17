"""Query counts stay flat as data grows (STYLE 3): the import page's list of past uploads and the
list downloads (ADM-2, ADM-3)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pecgov.actors import SYSTEM
from pecgov.imports.services import import_upload
from pecgov.interests.services import declaration_create
from tests.factories import START, World, make_person, seat

pytestmark = pytest.mark.django_db


def _count(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def add_uploads(world: World, n: int) -> None:
    for i in range(n):
        content = f"email,name,profession\nq{i}@example.org,Query {i},gp\n".encode()
        import_upload(
            actor=world.users["governance_lead"],
            trust=world.trust,
            kind="people",
            filename=f"p{i}.csv",
            content=content,
        )


def add_members(world: World, n: int) -> None:
    for _ in range(n):
        person = make_person(
            world.trust, "nurse", organisation=world.practice, email=f"{id(object())}@example.org"
        )
        seat(person, world.pec, "clinical")
        declaration_create(
            actor=SYSTEM,
            person=person,
            category="financial",
            description="Shares",
            start_date=START,
            organisation=world.practice,
        )


CASES: list[tuple[str, str, Callable[[World, int], None]]] = [
    ("import page", "/imports/", add_uploads),
    ("people download", "/people/?download=csv", add_members),
    ("organisations download", "/organisations/?download=xlsx", add_members),
    ("committees download", "/committees/?download=csv", add_members),
    ("register download", "/interests/register/?download=xlsx", add_members),
]


@pytest.mark.parametrize(("label", "url", "grow"), CASES, ids=[c[0] for c in CASES])
def test_query_count_is_flat(
    label: str, url: str, grow: Callable[[World, int], None], world: World, lead_client: Any
) -> None:
    grow(world, 1)
    few = _count(lead_client, url)
    grow(world, 12)
    many = _count(lead_client, url)
    assert many == few, f"{label}: {few} queries with 1 row, {many} with 13"
