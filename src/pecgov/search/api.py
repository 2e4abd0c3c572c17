"""Search in the API (PUB-2, X-1): `GET /api/search` answers what the search page answers, for
the signed-in user or token holder; `GET /api/public/search` what a trust's public search answers."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from pecgov.public import queries as pq
from pecgov.search import queries
from pecgov.trust.models import Organisation
from pecgov.trust.roles import roles_of

router = Router(tags=["search"])


class SearchIn(Schema):
    q: str = Field(
        "", max_length=1000, description="What to search for (at most 200 characters once spaces are tidied)"
    )
    kind: str = Field(
        "",
        max_length=16,
        description="Only this kind: person, organisation, committee, meeting, item, decision, paper, minutes, case",
    )
    page: int = Field(1, ge=1, le=10_000)


class PublicSearchIn(SearchIn):
    trust: str = Field(
        ..., max_length=200, description="The trust's ODS code (as in its public site's address)"
    )


class ResultOut(Schema):
    kind: str
    label: str
    title: str
    url: str
    snippet: str


class SearchOut(Schema):
    query: str
    total: int
    capped: bool
    page: int
    pages: int
    counts: dict[str, int]
    results: list[ResultOut]


def _out(answer: queries.Answer) -> dict[str, Any]:
    if answer.error:
        raise HttpError(422, answer.error)
    page = answer.page
    return {
        "query": answer.query,
        "total": answer.total,
        "capped": answer.capped,
        "page": page.number if page else 1,
        "pages": page.paginator.num_pages if page else 0,
        "counts": {kind: count for kind, _, count in answer.counts},
        "results": answer.results,
    }


@router.get("/search", response=SearchOut)
def search(request: HttpRequest, params: Query[SearchIn]) -> Any:
    """Everything in your trust you may open that matches `q`, best match first (X-1)."""
    roles = roles_of(request.user)
    if roles.trust_id is None or not request.user.has_perm("trust.view"):
        raise HttpError(403, "Your role does not allow this")
    return _out(queries.for_user(request.user, roles.trust_id, params.q, kind=params.kind, page=params.page))


@router.get("/public/search", response=SearchOut, auth=None)
def public_search(request: HttpRequest, params: Query[PublicSearchIn]) -> Any:
    """What one trust's public site publishes that matches `q` (PUB-1); no sign-in."""
    try:
        trust = pq.trust_by_key(params.trust)
    except Organisation.DoesNotExist as error:
        raise HttpError(404, "No trust has that code") from error
    return _out(queries.for_public(trust, params.q, kind=params.kind, page=params.page))
