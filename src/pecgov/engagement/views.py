"""The SHA engagement pages at /engagement/ (ORG-7): the log with its filters and the third-pin
finding for the year, a CSV of it, and the lead's forms. Thin, over the queries and services."""

from __future__ import annotations

import datetime as dt

from django.db.models import Min
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from pecgov.engagement import queries, services
from pecgov.engagement.columns import ENTRY_COLUMNS
from pecgov.engagement.enums import EntryKind
from pecgov.engagement.forms import EntryForm
from pecgov.engagement.models import ShaEntry
from pecgov.trust.models import Organisation
from pecgov.ui.tabular import download, download_links, export_format
from pecgov.ui.viewkit import GET_POST, can, form_view, found, posted, trust_id_of, trust_view

SECTION = "engagement"


def year_start(day: dt.date) -> dt.date:
    """The first day of the NHS financial year (1 April) that `day` falls in."""
    return dt.date(day.year if day.month >= 4 else day.year - 1, 4, 1)


def _years(trust_id: int, current: int) -> list[int]:
    first = ShaEntry.objects.filter(trust_id=trust_id).aggregate(first=Min("held_on"))["first"]
    earliest = year_start(first).year if first is not None else current
    return list(range(current, min(earliest, current) - 1, -1))


def _wanted_year(request: HttpRequest, years: list[int]) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and int(raw) in years else years[0]


@trust_view("engagement.view")
def index(request: HttpRequest) -> HttpResponse:
    """The year's log (kind filter), the third-pin finding for the year, and the downloads."""
    trust = Organisation.objects.get(pk=trust_id_of(request))
    years = _years(trust.pk, year_start(timezone.localdate()).year)
    year = _wanted_year(request, years)
    kind = request.GET.get("kind", "")
    kind = kind if kind in EntryKind.values else ""
    start = dt.date(year, 4, 1)
    summary = queries.sha_summary(trust=trust, start=start, end=dt.date(year + 1, 3, 31))
    rows = [r for r in summary.entries if not kind or r.kind == kind]
    if fmt := export_format(request):
        return download(ENTRY_COLUMNS, rows, fmt=fmt, name=f"sha-engagement-{year}")
    return render(
        request,
        "engagement/index.jinja",
        {
            "title": "Engagement with the SHA",
            "nav_section": SECTION,
            "summary": summary,
            "rows": rows,
            "kind": kind,
            "kinds": EntryKind.choices,
            "year": year,
            "years": years,
            "downloads": download_links(request),
            "can_manage": can(request, "engagement.manage"),
        },
    )


@GET_POST
@trust_view("engagement.manage")
def entry_create(request: HttpRequest) -> HttpResponse:
    trust = Organisation.objects.get(pk=trust_id_of(request))
    form = EntryForm(posted(request), trust_id=trust.pk)
    return form_view(
        request,
        form,
        save=lambda d: services.entry_create(actor=request.user, trust=trust, **d),
        done=lambda entry: f"Logged: {entry.subject}.",
        then=lambda entry: reverse("engagement:index") + f"?year={year_start(entry.held_on).year}",
        title="Log a meeting or communication with the SHA",
        submit_text="Save",
        cancel=reverse("engagement:index"),
        section=SECTION,
    )


@GET_POST
@trust_view("engagement.manage")
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = found(lambda t, p: ShaEntry.objects.get(pk=p, trust_id=t), request, pk)
    attended = list(entry.attendance.values_list("person_id", flat=True))
    form = EntryForm(
        posted(request), instance=entry, initial={"attendees": attended}, trust_id=entry.trust_id
    )
    return form_view(
        request,
        form,
        save=lambda d: services.entry_update(actor=request.user, entry=entry, **d),
        done=lambda saved: f"Updated: {saved.subject}.",
        then=lambda saved: reverse("engagement:index") + f"?year={year_start(saved.held_on).year}",
        title=f"Correct the entry: {entry.subject}",
        submit_text="Save changes",
        cancel=reverse("engagement:index"),
        section=SECTION,
    )
