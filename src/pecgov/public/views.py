"""The published site (PUB-1): open to everyone, no sign-in. It shows only what is published:
withheld entries and details say so, and never show what was withheld."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from pecgov.interests import queries
from pecgov.public import register_page as rp
from pecgov.public.common import mark_public
from pecgov.public.queries import trust_key
from pecgov.trust.enums import OrganisationKind
from pecgov.trust.models import Organisation
from pecgov.trust.trustlist import TrustChoice, Trusts, trusts
from pecgov.ui.viewkit import paginate

SECTION = "public"
CSV_HEADER = ["Name", "Committee seats", "Kind of interest", "Organisation", "Interest", "From", "To", "Note"]
NO_INTERESTS = "No interests declared"


def _trusts() -> list[Organisation]:
    return list(Organisation.objects.filter(kind=OrganisationKind.TRUST).order_by("id"))


def _chosen(request: HttpRequest, every: Trusts) -> TrustChoice:
    """The trust named by ?trust=<ODS code>; without one, the first trust set up."""
    found = rp.chosen(request.GET.get("trust", ""), every)
    if found is None:
        raise Http404("No trust has that code")
    return found


@require_GET
def public_home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "public/home.jinja",
        {
            "title": "Published information",
            "nav_section": SECTION,
            "trusts": _trusts(),
            "trust_key": trust_key,
        },
    )


@require_GET
def public_register(request: HttpRequest) -> HttpResponse:
    every = trusts()
    trust = _chosen(request, every)
    today = timezone.localdate()
    page = paginate(request, queries.seated(trust.pk, today), settings.PUBLIC_REGISTER_PAGE_SIZE)
    entries = queries.public_entries_of(trust.pk, page.object_list, today)
    response = render(
        request,
        "public/register.jinja",
        {
            "title": f"Register of interests: {trust.name}",
            "nav_section": SECTION,
            "trust": trust,
            "trusts": every.by_name,
            "today": today,
            "page": page,
            "rows": rp.register_rows(page.object_list, entries),
        },
    )
    mark_public(response, rp.public_cache_seconds(trust))
    return response


def _cell(value: Any) -> str:
    """A spreadsheet must not run what someone typed as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


def _csv_rows(trust: TrustChoice, today: dt.date) -> Iterator[list[str]]:
    """The published register as spreadsheet rows, a person with no entries on one row (PUB-1)."""
    yield CSV_HEADER
    people = queries.seated(trust.pk, today)
    entries = queries.public_entries_of(trust.pk, people, today)
    for person in people:
        if not entries[person.pk]:
            yield [_cell(v) for v in (person.name, person.seats, "", "", "", "", "", NO_INTERESTS)]
        for e in entries[person.pk]:
            yield [
                _cell(v)
                for v in (
                    person.name,
                    person.seats,
                    e["category"],
                    e["organisation"],
                    e["description"],
                    e["from"].isoformat() if e["from"] else "",
                    e["to"].isoformat() if e["to"] else "",
                    e["withheld"],
                )
            ]


@require_GET
def public_register_csv(request: HttpRequest) -> FileResponse:
    """The published register as a CSV download (PUB-1)."""
    trust = _chosen(request, trusts())
    today = timezone.localdate()
    text = io.StringIO()
    csv.writer(text).writerows(_csv_rows(trust, today))
    response = FileResponse(
        io.BytesIO(text.getvalue().encode("utf-8")),
        as_attachment=True,
        filename=f"register-of-interests-{trust.ods_code or trust.pk}-{today.isoformat()}.csv",
        content_type="text/csv; charset=utf-8",
    )
    mark_public(response, rp.public_cache_seconds(trust))
    return response
