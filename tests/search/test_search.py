"""Search (PUB-1, PUB-2, X-1): what a signed-in user finds in their trust, what the public finds,
and that nothing private leaks into either. Runs on SQLite and PostgreSQL (`make test`)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client

from pecgov.meetings import services as ms
from pecgov.search import queries
from pecgov.search.indexing import reindex
from pecgov.search.models import Audience, Kind, SearchDocument
from tests.commissioning_factories import make_commissioning, submit_case
from tests.factories import World, make_org
from tests.meeting_factories import make_item, make_meeting
from tests.public.helpers import MARKERS, Published, published
from tests.search.helpers import pdf_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def pub(world: World) -> Published:
    found = published(world)
    reindex()
    return found


def titles(answer: queries.Answer) -> list[str]:
    return [r.title for r in answer.results]


def test_signed_in_search_finds_people_meetings_items_and_minutes(pub: Published) -> None:
    """PUB-1: one search box across the kinds; the decided recommendation is a decision."""
    lead = pub.world.users["governance_lead"]
    answer = queries.for_user(lead, pub.world.trust.pk, "diabetes")
    assert {r.kind for r in answer.results} >= {Kind.DECISION}
    assert answer.error == ""
    person = pub.world.people["member"]
    assert titles(queries.for_user(lead, pub.world.trust.pk, person.name))[0] == person.name


def test_signed_in_search_sees_items_taken_in_private(pub: Published) -> None:
    """X-1: trust users may open items taken in private (`meetings.view`), so they find them."""
    member = pub.world.users["member"]
    answer = queries.for_user(member, pub.world.trust.pk, MARKERS["private_title"])
    assert titles(answer)[0] == f"{pub.private.title} ({pub.meeting})"
    assert [r.kind for r in answer.results] == [Kind.DECISION, Kind.MINUTES]


def test_public_search_leaks_no_private_marker(pub: Published) -> None:
    """X-1, PUB-1: a marker in a private, draft, withheld or unpublished field is never found
    by the public search, neither as a result nor on the page, nor through the API."""
    client = Client()
    for text in MARKERS.values():
        assert queries.for_public(pub.world.trust, text).total == 0, text
        response = client.get(f"/public/{pub.key}/search/", {"q": text})
        html = response.content.decode()
        # The words searched for are shown back (the box, "Nothing matches"); no result is.
        assert (response.status_code, "No results" in html, 'id="results"' in html) == (200, True, False)
        assert client.get("/api/public/search", {"q": text, "trust": pub.key}).json()["total"] == 0


def test_other_trust_finds_nothing_of_this_trust(pub: Published, other_world: World) -> None:
    """X-1: another trust's lead never finds this trust's records, private or not."""
    other = other_world.users["governance_lead"]
    client = _signed_in(other)
    for text in [*MARKERS.values(), pub.world.people["member"].name, "diabetes"]:
        assert queries.for_user(other, other_world.trust.pk, text).total == 0, text
        response = client.get("/search/", {"q": text})
        assert (response.status_code, "No results" in response.content.decode()) == (200, True)


def test_public_search_finds_what_is_published(pub: Published) -> None:
    """PUB-1: public items, papers, decisions and approved minutes of public meetings."""
    answer = queries.for_public(pub.world.trust, "finance report")
    assert {r.kind for r in answer.results} >= {Kind.ITEM, Kind.PAPER}
    assert all(r.url.startswith(f"/public/{pub.key}/") for r in answer.results)
    decided = queries.for_public(pub.world.trust, "halved budget")
    assert [r.kind for r in decided.results] == [Kind.DECISION, Kind.MINUTES]  # the minutes record it too


def test_public_minutes_withhold_private_items(pub: Published) -> None:
    """PUB-1: the minutes' public row is the redacted text, as the public meeting page shows it."""
    row = SearchDocument.objects.get(kind=Kind.MINUTES, audience=Audience.PUBLIC)
    assert "Contract negotiation" not in row.body
    assert "An item was taken in private" in row.body


def test_paper_text_is_read_when_uploaded(world: World, django_capture_on_commit_callbacks: Any) -> None:
    """PUB-1: a paper is found by what its PDF says, read when it is uploaded."""
    item = make_item(make_meeting(world.pec, days=-3), title="Catering")
    with django_capture_on_commit_callbacks(execute=True):
        ms.paper_add(actor=_system(), item=item, title="Menu", upload=pdf_with("The quinoa budget for 2007"))
    lead = world.users["governance_lead"]
    answer = queries.for_user(lead, world.trust.pk, "quinoa")
    assert [(r.kind, r.title) for r in answer.results] == [(Kind.PAPER, f"Menu ({item.meeting})")]
    assert "quinoa budget" in answer.results[0].snippet
    assert queries.for_public(world.trust, "quinoa").total == 1


def test_taking_an_item_in_private_removes_it_from_public_search(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    """PUB-1, X-1: the index follows the item's change after the commit."""
    with django_capture_on_commit_callbacks(execute=True):
        item = make_item(make_meeting(world.pec, days=-3), title="Estates strategy")
    assert queries.for_public(world.trust, "estates").total == 1
    with django_capture_on_commit_callbacks(execute=True):
        ms.item_update(actor=_system(), item=item, confidential=True, confidential_reason="Commercial")
    assert queries.for_public(world.trust, "estates").total == 0
    assert queries.for_user(world.users["member"], world.trust.pk, "estates").total == 1


def test_practice_lead_finds_only_their_own_practice_cases(world: World) -> None:
    """X-1: a case is found by those who may open it (`commissioning.view_case`)."""
    make_commissioning(world)
    submit_case(world, title="Own physiotherapy")
    submit_case(world, title="Other physiotherapy", submitter=make_org(world.trust))
    reindex()
    lead = queries.for_user(world.users["governance_lead"], world.trust.pk, "physiotherapy")
    practice = queries.for_user(world.users["practice_lead"], world.trust.pk, "physiotherapy")
    assert len(lead.results) == 2
    assert [r.title.split(": ")[1] for r in practice.results] == ["Own physiotherapy"]


def test_search_page_groups_results_by_kind_and_pages(world: World) -> None:
    """PUB-1: results labelled by kind, a filter by kind, pages of twenty."""
    meeting = make_meeting(world.pec, days=-3)
    for i in range(25):
        make_item(meeting, title=f"Prescribing report {i}")
    reindex()
    client = _signed_in(world.users["member"])
    first = client.get("/search/", {"q": "prescribing"})
    assert first.status_code == 200
    html = first.content.decode()
    assert "25 results" in html and "Agenda item (25)" in html
    assert html.count('data-kind="item"') == 20
    second = client.get("/search/", {"q": "prescribing", "kind": "item", "page": "2"})
    assert second.content.decode().count('data-kind="item"') == 5


@pytest.mark.parametrize("q", ["", "   ", '"" ()', "x" * 201])
def test_search_page_bad_input_is_a_clear_message(world: World, q: str) -> None:
    """Bad input: 400 with an error summary, never a 500."""
    response = _signed_in(world.users["member"]).get("/search/", {"q": q})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_api_search_answers_like_the_page(pub: Published) -> None:
    """PUB-2: GET /api/search, the same permissions; bad input is JSON 422."""
    client = _signed_in(pub.world.users["member"])
    found = client.get("/api/search", {"q": MARKERS["private_title"]}).json()
    assert [r["kind"] for r in found["results"]] == ["decision", "minutes"]
    refused = client.get("/api/search", {"q": "  "})
    assert (refused.status_code, refused.json()["detail"]) == (422, "Enter what to search for")
    public = Client().get("/api/public/search", {"q": MARKERS["private_title"], "trust": pub.key})
    assert (public.status_code, public.json()["total"]) == (200, 0)


def test_search_uses_the_database_full_text_index(pub: Published) -> None:
    """One function, two databases: the FTS5 table on SQLite, the GIN-indexed tsvector on PostgreSQL."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT count(*) FROM search_document WHERE vector IS NOT NULL")
        else:
            cursor.execute("SELECT count(*) FROM search_fts")
        assert cursor.fetchone()[0] == SearchDocument.objects.count()


def _signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _system() -> Any:
    from tests.factories import SYSTEM

    return SYSTEM


def test_stop_words_alone_find_nothing(pub: Published) -> None:
    """On PostgreSQL "the of and" is an empty query (stop words): it must find nothing, never
    every row of the trust. SQLite's FTS5 keeps stop words: it finds the rows holding all three."""
    lead = pub.world.users["governance_lead"]
    total = queries.for_user(lead, pub.world.trust.pk, "the of and").total
    rows = SearchDocument.objects.filter(trust_id=pub.world.trust.pk, audience=Audience.TRUST).count()
    assert total == 0 if connection.vendor == "postgresql" else 0 < total < rows
