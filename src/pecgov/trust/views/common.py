"""What the ORG pages share: the user's trust, scoped lookups and the history page (X-1, X-2)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from pecgov.trust import queries
from pecgov.trust.models import Organisation
from pecgov.ui.viewkit import trust_id_of


def own_trust(request: HttpRequest) -> Organisation:
    return Organisation.objects.get(pk=trust_id_of(request))


def get_in_trust(model: type[Any], request: HttpRequest, pk: int, **scope: Any) -> Any:
    """Fetch within the user's trust; anything else is 404, never 403."""
    lookup = scope or {"trust_id": trust_id_of(request)}
    try:
        return model.objects.get(pk=pk, **lookup)
    except model.DoesNotExist as error:
        raise Http404 from error


def history_page(request: HttpRequest, obj: Any, back: str, section: str) -> HttpResponse:
    return render(
        request,
        "trust/history.jinja",
        {
            "title": f"History of {obj}",
            "nav_section": section,
            "entries": queries.object_history(obj),
            "back_url": back,
            "extra": [],
        },
    )
