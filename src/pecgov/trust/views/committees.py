"""ORG-3 pages: committees, with the findings other apps make about them (POL-2 to POL-4)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from pecgov.trust import queries, services, signals
from pecgov.trust.columns import COMMITTEE_COLUMNS, committee_seats
from pecgov.trust.enums import CommitteeKind
from pecgov.trust.forms import CommitteeForm
from pecgov.trust.models import Committee
from pecgov.trust.views.common import get_in_trust, history_page, own_trust
from pecgov.ui.kept import per_trust
from pecgov.ui.tabular import download, download_links, export_format
from pecgov.ui.viewkit import GET_POST, can, form_view, found, paginate, posted, trust_id_of, trust_view

SECTION = "committees"


def checked_on(request: HttpRequest) -> dt.date:
    """The day the page shows the committee as it stands: `?on=YYYY-MM-DD`, else today. A day
    that is not a real date is today, as if none were given."""
    try:
        return dt.date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        return timezone.localdate()


@trust_view("trust.view")
def committee_list(request: HttpRequest) -> HttpResponse:
    if fmt := export_format(request):  # ADM-3: committees and members, as the import reads them
        return download(COMMITTEE_COLUMNS, committee_seats(trust_id_of(request)), fmt=fmt, name="committees")
    page = paginate(request, queries.committees(trust_id_of(request)))
    return render(
        request,
        "trust/committee_list.jinja",
        {
            "title": "Committees",
            "nav_section": SECTION,
            "page": page,
            "downloads": download_links(request),
            "can_manage": can(request, "trust.manage"),
        },
    )


@trust_view("trust.view")
def committee_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The committee on a day (today unless `?on=` names one): its members and the findings
    as they stand that day, so an ending recorded today can be checked from the next day."""
    on = checked_on(request)
    today = timezone.localdate()
    view = found(lambda trust_id, key: queries.committee_detail(trust_id, key, on=on), request, pk)
    return render(
        request,
        "trust/committee_detail.jinja",
        {
            "title": view.committee.name,
            "nav_section": SECTION,
            "view": view,
            "c": view.committee,
            "is_pec": view.committee.kind == CommitteeKind.PEC,
            "on": on,
            "today": today,
            "ending_today": queries.ending_on(view, today) if on == today else [],
            "next_day": today + dt.timedelta(days=1),
            # policy: findings, worst, policy; delegation: function_findings; others as they answer
            **_kept_findings(view.committee, on),
            "can_manage": can(request, "trust.manage"),
            "can_history": can(request, "trust.view_history"),
        },
    )


def _kept_findings(committee: Committee, on: dt.date) -> dict[str, Any]:
    """What the other apps find about the committee on `on`, kept for the trust's data version:
    every finding is read from that trust's data (its members, policy, delegations, SHA log and
    pay rates), so a write in the trust reads them afresh (POL-2 to POL-4, X-3). Read only."""
    return per_trust(
        committee.trust_id,
        f"trust.committee_findings:{committee.pk}:{on.isoformat()}",
        lambda: signals.findings_for(committee, on=on),
    )


@GET_POST
@trust_view("trust.manage")
def committee_create(request: HttpRequest) -> HttpResponse:
    trust = own_trust(request)
    form = CommitteeForm(posted(request), trust=trust)
    return form_view(
        request,
        form,
        save=lambda d: services.committee_create(actor=request.user, trust=trust, **d),
        done=lambda committee: f"{committee.name} added.",
        then=lambda committee: reverse("trust:committee_detail", args=[committee.pk]),
        title="Add a committee",
        submit_text="Add committee",
        cancel=reverse("trust:committee_list"),
        section=SECTION,
    )


@GET_POST
@trust_view("trust.manage")
def committee_edit(request: HttpRequest, pk: int) -> HttpResponse:
    committee = get_in_trust(Committee, request, pk)
    form = CommitteeForm(posted(request), trust=own_trust(request), instance=committee)
    return form_view(
        request,
        form,
        save=lambda d: services.committee_update(actor=request.user, committee=committee, **d),
        done=lambda _: f"{committee.name} updated.",
        then=lambda _: reverse("trust:committee_detail", args=[pk]),
        title=f"Edit {committee.name}",
        submit_text="Save changes",
        cancel=reverse("trust:committee_detail", args=[pk]),
        section=SECTION,
    )


@trust_view("trust.view_history")
def committee_history(request: HttpRequest, pk: int) -> HttpResponse:
    committee = get_in_trust(Committee, request, pk)
    return history_page(request, committee, reverse("trust:committee_detail", args=[pk]), SECTION)
