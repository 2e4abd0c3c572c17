"""ORG-4 pages: seating a member, changing a seat and ending it."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from pecgov.trust import queries, services
from pecgov.trust.forms import MembershipEditForm, MembershipEndForm, MembershipForm
from pecgov.trust.models import Committee, Membership
from pecgov.trust.views.common import get_in_trust, history_page, own_trust
from pecgov.ui.viewkit import GET_POST, form_view, found, posted, trust_view

SECTION = "committees"


@GET_POST
@trust_view("trust.manage")
def membership_create(request: HttpRequest, pk: int) -> HttpResponse:
    committee = get_in_trust(Committee, request, pk)
    form = MembershipForm(posted(request), trust=own_trust(request))
    return form_view(
        request,
        form,
        save=lambda d: services.membership_create(actor=request.user, committee=committee, **d),
        done=lambda membership: f"{membership.person.name} added to {committee.name}.",
        then=lambda _: reverse("trust:committee_detail", args=[pk]),
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
    return form_view(
        request,
        form,
        save=lambda d: services.membership_update(actor=request.user, membership=membership, **d),
        done=lambda _: f"Membership of {membership.person.name} updated.",
        then=lambda _: reverse("trust:committee_detail", args=[membership.committee_id]),
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


def _committee_after(membership: Membership, last_day: dt.date) -> str:
    """The committee page; for an ending still to come, as the committee will stand once the
    ending has taken effect."""
    detail = reverse("trust:committee_detail", args=[membership.committee_id])
    if last_day >= timezone.localdate():
        detail += f"?on={last_day + dt.timedelta(days=1):%Y-%m-%d}"
    return detail


@GET_POST
@trust_view("trust.manage")
def membership_end(request: HttpRequest, pk: int) -> HttpResponse:
    membership = found(queries.membership_detail, request, pk)
    form = MembershipEndForm(posted(request))
    return form_view(
        request,
        form,
        save=lambda d: services.membership_end(actor=request.user, membership=membership, **d),
        done=lambda saved: _ended_message(membership, saved.end_date),
        then=lambda saved: _committee_after(membership, saved.end_date),
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
