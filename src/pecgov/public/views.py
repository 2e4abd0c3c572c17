"""The published site (PUB-1): open to everyone, no sign-in. It shows only what is published:
withheld entries and details say so, and never show what was withheld."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from typing import Any, NamedTuple

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from pecgov.interests import queries
from pecgov.public.common import mark_public
from pecgov.public.queries import cache_seconds, trust_key
from pecgov.trust.enums import OrganisationKind
from pecgov.trust.models import Organisation
from pecgov.ui.viewkit import paginate

SECTION = "public"
CSV_HEADER = ["Name", "Committee seats", "Kind of interest", "Organisation", "Interest", "From", "To", "Note"]
NO_INTERESTS = "No interests declared"


def _trusts() -> list[Organisation]:
    return list(Organisation.objects.filter(kind=OrganisationKind.TRUST).order_by("id"))


class TrustChoice(NamedTuple):
    """A trust as the register's trust list shows it: plain values, not a model instance."""

    pk: int
    ods_code: str
    name: str


def _trust_choices() -> list[TrustChoice]:
    """Every trust, first set up first, as plain values (a national list is 152: X-3)."""
    rows = Organisation.objects.filter(kind=OrganisationKind.TRUST).order_by("id")
    return [TrustChoice(*row) for row in rows.values_list("id", "ods_code", "name")]


def _chosen(request: HttpRequest, trusts: list[TrustChoice]) -> Organisation:
    """The trust named by ?trust=<ODS code>; without one, the first trust set up."""
    code = request.GET.get("trust", "").strip().upper()[:12]
    if code:
        found = next((t for t in trusts if t.ods_code.upper() == code), None)
    else:
        found = trusts[0] if trusts else None
    if found is None:
        raise Http404("No trust has that code")
    return Organisation.objects.get(pk=found.pk)


@require_GET
def public_home(request: HttpRequest) -> HttpResponse:
    trusts = _trusts()
    return render(
        request,
        "public/home.jinja",
        {"title": "Published information", "nav_section": SECTION, "trusts": trusts, "trust_key": trust_key},
    )


@require_GET
def public_register(request: HttpRequest) -> HttpResponse:
    trusts = _trust_choices()
    trust = _chosen(request, trusts)
    today = timezone.localdate()
    page = paginate(request, queries.seated_people(trust.pk, today), settings.PUBLIC_REGISTER_PAGE_SIZE)
    rows = queries.public_register_rows(trust.pk, page.object_list, today)
    response = render(
        request,
        "public/register.jinja",
        {
            "title": f"Register of interests: {trust.name}",
            "nav_section": SECTION,
            "trust": trust,
            "trusts": sorted(trusts, key=lambda t: t.name),
            "today": today,
            "page": page,
            "rows": [{"person": p, "seats": seats, "entries": entries} for p, seats, entries in rows],
        },
    )
    mark_public(response, cache_seconds(trust))
    return response


def _cell(value: Any) -> str:
    """A spreadsheet must not run what someone typed as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


def _csv_rows(trust: Organisation, today: dt.date) -> Iterator[list[str]]:
    """The published register as spreadsheet rows, a person with no entries on one row (PUB-1)."""
    yield CSV_HEADER
    for person, seats, entries in queries.public_register_rows(
        trust.pk, queries.seated_people(trust.pk, today), today
    ):
        if not entries:
            yield [_cell(v) for v in (person.name, seats, "", "", "", "", "", NO_INTERESTS)]
        for e in entries:
            yield [
                _cell(v)
                for v in (
                    person.name,
                    seats,
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
    trust = _chosen(request, _trust_choices())
    today = timezone.localdate()
    text = io.StringIO()
    csv.writer(text).writerows(_csv_rows(trust, today))
    response = FileResponse(
        io.BytesIO(text.getvalue().encode("utf-8")),
        as_attachment=True,
        filename=f"register-of-interests-{trust.ods_code or trust.pk}-{today.isoformat()}.csv",
        content_type="text/csv; charset=utf-8",
    )
    mark_public(response, cache_seconds(trust))
    return response
