"""What every public page and export shares (PUB-1): the trust from the URL, and a
`Cache-Control` a shared cache may follow."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from pecgov.public import queries
from pecgov.trust.models import Organisation

SECTION = "public"
PublicView = Callable[..., HttpResponse]


def mark_public(response: HttpResponse, seconds: int) -> HttpResponse:
    """`public, max-age=N` for a shared cache (the pack's `public.cache_seconds`). The private-cache
    middleware leaves it on an answer to a visitor who is not signed in; a response that sets a
    cookie is never marked, so no shared cache hands one visitor's cookie to another."""
    if seconds > 0 and not response.cookies:
        response["Cache-Control"] = f"public, max-age={seconds}"
        response.cache_public = True  # type: ignore[attr-defined]  # read by ui.middleware
    return response


def public_view(view: PublicView) -> PublicView:
    """A GET-only public page for one trust: `view(request, trust, **kwargs)` with the trust
    found by its URL key (404 if none), its answer marked cacheable by a shared cache."""

    @require_GET
    @wraps(view)
    def wrapped(request: HttpRequest, trust: str, **kwargs: Any) -> HttpResponse:
        try:
            found = queries.trust_by_key(trust)
        except Organisation.DoesNotExist as error:
            raise Http404("No trust has that code") from error
        response = view(request, found, **kwargs)
        return mark_public(response, queries.cache_seconds(found))

    return wrapped


def cell(value: Any) -> str:
    """A spreadsheet must not run what someone typed as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


def csv_response(rows: Iterable[Iterable[Any]], filename: str) -> FileResponse:
    text = io.StringIO()
    csv.writer(text).writerows([cell(v) for v in row] for row in rows)
    return FileResponse(
        io.BytesIO(text.getvalue().encode("utf-8")),
        as_attachment=True,
        filename=filename,
        content_type="text/csv; charset=utf-8",
    )
