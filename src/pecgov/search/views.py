"""The search pages (PUB-1, X-1): a signed-in user's search of their trust, and the public
search of one trust's published information. GET forms: they work without JavaScript."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from pecgov.public import queries as pq
from pecgov.public.common import public_view
from pecgov.search import queries
from pecgov.trust.models import Organisation
from pecgov.ui.viewkit import trust_id_of, trust_view


def _render(request: HttpRequest, answer: queries.Answer, context: dict[str, object]) -> HttpResponse:
    status = 400 if answer.error else 200
    context |= {"answer": answer, "asked": "q" in request.GET}
    return render(request, "search/search.jinja", context, status=status)


@require_GET
@trust_view("trust.view")
def search(request: HttpRequest) -> HttpResponse:
    """Everything in the user's trust they may open, best match first."""
    answer = queries.Answer()
    if "q" in request.GET:
        answer = queries.for_user(
            request.user,
            trust_id_of(request),
            request.GET.get("q", ""),
            kind=request.GET.get("kind", ""),
            page=request.GET.get("page"),
        )
    return _render(request, answer, {"title": "Search", "action": request.path, "trust": None})


@public_view
def public_search(request: HttpRequest, trust: Organisation) -> HttpResponse:
    """PUB-1: search what the trust's public site publishes, nothing else."""
    answer = queries.Answer()
    if "q" in request.GET:
        answer = queries.for_public(
            trust, request.GET.get("q", ""), kind=request.GET.get("kind", ""), page=request.GET.get("page")
        )
    title = f"Search {trust.name}'s published information"
    return _render(
        request,
        answer,
        {
            "title": title,
            "action": request.path,
            "trust": trust,
            "key": pq.trust_key(trust),
            "nav_section": "public",
        },
    )
