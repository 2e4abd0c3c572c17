"""The published site (PUB-1): open to everyone, no sign-in. It shows only what is published:
withheld entries and details say so, and never show what was withheld."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from pecgov.interests import queries
from pecgov.public.queries import trust_key
from pecgov.trust.enums import OrganisationKind
from pecgov.trust.models import Organisation, Person
from pecgov.ui.viewkit import paginate

SECTION = "public"
CSV_HEADER = ["Name", "Committee seats", "Kind of interest", "Organisation", "Interest", "From", "To", "Note"]
NO_INTERESTS = "No interests declared"


def _trusts() -> list[Organisation]:
    return list(Organisation.objects.filter(kind=OrganisationKind.TRUST).order_by("id"))


def _chosen(request: HttpRequest, trusts: list[Organisation]) -> Organisation:
    """The trust named by ?trust=<ODS code>; without one, the first trust set up."""
    code = request.GET.get("trust", "").strip().upper()[:12]
    if code:
        found = next((t for t in trusts if t.ods_code.upper() == code), None)
    else:
        found = trusts[0] if trusts else None
    if found is None:
        raise Http404("No trust has that code")
    return found


def _seats(person: Person) -> str:
    return "; ".join(f"{m.get_role_display()}, {m.committee.name}" for m in person.seats)  # type: ignore[attr-defined]


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
    trusts = _trusts()
    trust = _chosen(request, trusts)
    today = timezone.localdate()
    page = paginate(request, queries.seated_people(trust.pk, today))
    rows = queries.public_register_rows(trust.pk, page.object_list, today)
    return render(
        request,
        "public/register.jinja",
        {
            "title": f"Register of interests: {trust.name}",
            "nav_section": SECTION,
            "trust": trust,
            "trusts": sorted(trusts, key=lambda t: t.name),
            "today": today,
            "page": page,
            "rows": [{"person": p, "seats": _seats(p), "entries": entries} for p, entries in rows],
        },
    )


def _cell(value: Any) -> str:
    """A spreadsheet must not run what someone typed as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


def _csv_rows(trust: Organisation, today: dt.date) -> Iterator[list[str]]:
    """The published register as spreadsheet rows, a person with no entries on one row (PUB-1)."""
    yield CSV_HEADER
    for person, entries in queries.public_register_rows(
        trust.pk, queries.seated_people(trust.pk, today), today
    ):
        seats = _seats(person)
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
    trust = _chosen(request, _trusts())
    today = timezone.localdate()
    text = io.StringIO()
    csv.writer(text).writerows(_csv_rows(trust, today))
    return FileResponse(
        io.BytesIO(text.getvalue().encode("utf-8")),
        as_attachment=True,
        filename=f"register-of-interests-{trust.ods_code or trust.pk}-{today.isoformat()}.csv",
        content_type="text/csv; charset=utf-8",
    )
