"""ORG-4 pages: seating a member, changing a seat and ending it."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from pecgov.trust import queries, services
from pecgov.trust.forms import MembershipEditForm, MembershipEndForm, MembershipForm
from pecgov.trust.models import Committee, Membership
from pecgov.trust.views.common import GET_POST, get_in_trust, history_page, own_trust, posted
from pecgov.ui.viewkit import form_page, found, submit, trust_view

SECTION = "committees"


@GET_POST
@trust_view("trust.manage")
def membership_create(request: HttpRequest, pk: int) -> HttpResponse:
    committee = get_in_trust(Committee, request, pk)
    form = MembershipForm(posted(request), trust=own_trust(request))
    if request.method == "POST":
        membership = submit(
            form, lambda d: services.membership_create(actor=request.user, committee=committee, **d)
        )
        if membership:
            messages.success(request, f"{membership.person.name} added to {committee.name}.")
            return redirect("trust:committee_detail", pk)
    return form_page(
        request,
        form,
        title=f"Add a member to {committee.name}",
        submit_text="Add member",
        cancel=reverse("trust:committee_detail", args=[pk]),
        section=SECTION,
        intro="Members are office holders, not representatives of their profession (DH 7.1).",
    )


@GET_POST
@trust_view("trust.manage")
def membership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = found(queries.membership_detail, request, pk)
    form = MembershipEditForm(posted(request), instance=membership)
    if request.method == "POST":
        done = submit(
            form,
            lambda d: services.membership_update(actor=request.user, membership=membership, **d),
        )
        if done:
            messages.success(request, f"Membership of {membership.person.name} updated.")
            return redirect("trust:committee_detail", membership.committee_id)
    return form_page(
        request,
        form,
        title=f"Edit membership: {membership.person.name}",
        submit_text="Save changes",
        cancel=reverse("trust:committee_detail", args=[membership.committee_id]),
        caption=membership.committee.name,
        section=SECTION,
    )


def _ended_message(membership: Membership, last_day: dt.date) -> str:
    """The last day counts as a day of membership (ORG-4): say so, and how many members the
    committee has from the next day."""
    committee = membership.committee
    next_day = last_day + dt.timedelta(days=1)
    members, co_opted = queries.seat_counts(committee.pk, next_day)
    counted = f"{members} member{'s' if members != 1 else ''}"
    if co_opted:
        counted += f" and {co_opted} co-opted member{'s' if co_opted != 1 else ''}"
    return (
        f"{membership.person.name} counts as a member of {committee.name} until the end of "
        f"{last_day:%-d %B %Y}; {committee.name} will have {counted} from {next_day:%-d %B %Y}."
    )


@GET_POST
@trust_view("trust.manage")
def membership_end(request: HttpRequest, pk: int) -> HttpResponse:
    membership = found(queries.membership_detail, request, pk)
    form = MembershipEndForm(posted(request))
    if request.method == "POST":
        done = submit(form, lambda d: services.membership_end(actor=request.user, membership=membership, **d))
        if done:
            last_day = done.end_date
            messages.success(request, _ended_message(membership, last_day))
            detail = reverse("trust:committee_detail", args=[membership.committee_id])
            if last_day >= timezone.localdate():
                # Show the committee as it will stand once the ending has taken effect.
                detail += f"?on={last_day + dt.timedelta(days=1):%Y-%m-%d}"
            return redirect(detail)
    return form_page(
        request,
        form,
        title=f"End {membership.person.name}'s membership",
        submit_text="End membership",
        cancel=reverse("trust:committee_detail", args=[membership.committee_id]),
        caption=membership.committee.name,
        section=SECTION,
        intro="Tenure ends when a member stands down, takes another role, or performance is substandard (DH 7.2).",
    )


@trust_view("trust.view_history")
def membership_history(request: HttpRequest, pk: int) -> HttpResponse:
    membership = found(queries.membership_detail, request, pk)
    back = reverse("trust:committee_detail", args=[membership.committee_id])
    return history_page(request, membership, back, SECTION)
