"""Random input never breaks search (PUB-1, X-4): on the database in use (SQLite or PostgreSQL in
`make test`), any string is either searched or answered with a clear message, never a 500."""

from __future__ import annotations

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pecgov.public.queries import trust_key
from pecgov.search import queries
from pecgov.search.indexing import reindex
from tests.factories import World
from tests.meeting_factories import make_item, make_meeting

pytestmark = pytest.mark.django_db

SYNTAX = st.sampled_from(
    [
        '"',
        "*",
        "^",
        ":",
        "(",
        ")",
        "-",
        "+",
        "NEAR",
        "AND",
        "OR",
        "NOT",
        "'",
        "\\",
        "&",
        "|",
        "!",
        "<->",
        "\x00",
    ]
)
TYPED = st.lists(st.one_of(SYNTAX, st.text(max_size=12)), max_size=12).map(" ".join) | st.text(max_size=260)


@pytest.fixture
def indexed(world: World) -> World:
    make_item(make_meeting(world.pec, days=-3), title='Prescribing budget: NEAR (the) end* "quoted"')
    reindex()
    return world


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=TYPED)
def test_any_text_is_searched_or_refused_clearly(indexed: World, raw: str) -> None:
    """Both searches, through the query layer: an Answer with results or an error message."""
    for answer in (
        queries.for_user(indexed.users["member"], indexed.trust.pk, raw),
        queries.for_public(indexed.trust, raw),
    ):
        assert (answer.error == "") == (answer.page is not None)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=TYPED)
def test_any_text_on_the_pages_and_api_is_never_a_server_error(indexed: World, raw: str) -> None:
    client = Client()
    public = client.get(f"/public/{trust_key(indexed.trust)}/search/", {"q": raw})
    api = client.get("/api/public/search", {"q": raw, "trust": trust_key(indexed.trust)})
    client.force_login(indexed.users["member"])
    page = client.get("/search/", {"q": raw})
    assert public.status_code in {200, 400} and page.status_code in {200, 400}
    assert api.status_code in {200, 422}
