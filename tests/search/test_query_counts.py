"""Query counts (X-1, STYLE 3): the search pages make the same number of queries for 1 and for
30 matches."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from pecgov.public.queries import trust_key
from pecgov.search.indexing import reindex
from tests.factories import World, make_person
from tests.meeting_factories import make_item, make_meeting

pytestmark = pytest.mark.django_db


def count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def add_matches(world: World, n: int) -> None:
    meeting = make_meeting(world.pec, days=-3)
    for i in range(n):
        make_item(meeting, title=f"Wound care formulary {i}")
        make_person(world.trust, name=f"Formulary Lead {i}")
    reindex()


PAGES: list[tuple[str, bool, Callable[[World], str]]] = [
    ("signed-in search", True, lambda w: "/search/?q=formulary"),
    ("signed-in search, one kind", True, lambda w: "/search/?q=formulary&kind=item"),
    ("public search", False, lambda w: f"/public/{trust_key(w.trust)}/search/?q=formulary"),
]


@pytest.mark.parametrize(("name", "signed_in", "url"), PAGES, ids=[p[0] for p in PAGES])
def test_search_page_query_count_is_flat(
    world: World, name: str, signed_in: bool, url: Callable[[World], str]
) -> None:
    client = Client()
    if signed_in:
        client.force_login(world.users["member"])
    add_matches(world, 1)
    count(client, url(world))  # warm: roles, policy
    one = count(client, url(world))
    add_matches(world, 29)
    thirty = count(client, url(world))
    assert one == thirty, f"{name}: {one} queries for 1 match, {thirty} for 30"
