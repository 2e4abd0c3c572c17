"""The governance lead's staff pages (ADM-4): accounts and roles, invitations, suspensions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from pecgov.onboarding import queries, services
from pecgov.onboarding.forms import GrantForm, InviteForm, ReasonForm
from pecgov.onboarding.models import Invitation
from pecgov.onboarding.services.staff import belongs_to
from pecgov.onboarding.views.common import show_link_in_demo
from pecgov.trust import services as ts
from pecgov.trust.enums import OrganisationKind
from pecgov.trust.models import Organisation, RoleGrant
from pecgov.trust.views.common import get_in_trust, own_trust
from pecgov.ui.viewkit import GET_POST, form_view, post_action, posted, trust_id_of, trust_view

SECTION = "staff"


def _account(request: HttpRequest, pk: int) -> User:
    user = User.objects.filter(pk=pk).first()
    if user is None or not belongs_to(user, trust_id_of(request)):
        raise Http404
    return user


@trust_view("trust.manage")
def staff_list(request: HttpRequest) -> HttpResponse:
    trust_id = trust_id_of(request)
    return render(
        request,
        "onboarding/staff_list.jinja",
        {
            "title": "Staff and roles",
            "nav_section": SECTION,
            "rows": queries.staff(trust_id),
            "invitations": list(queries.pending_invitations(trust_id)),
            "now": timezone.now(),
        },
    )


@GET_POST
@trust_view("trust.manage")
def staff_invite(request: HttpRequest) -> HttpResponse:
    trust = own_trust(request)

    def invite(d: dict[str, Any]) -> tuple[Invitation, str]:
        person = d["person"] or ts.person_create(
            actor=request.user, trust=trust, name=d["name"], profession=d["profession"], email=d["email"]
        )
        return services.invitation_create(actor=request.user, person=person, email=str(d["email"] or ""))

    return _staff_form(
        request,
        InviteForm(posted(request), people=queries.invitable_people(trust.pk)),
        save=invite,
        done=lambda made: f"Invitation sent to {made[0].email}.",
        after=lambda made: show_link_in_demo(request, made[1]),
        title="Invite someone",
        submit_text="Send invitation",
        intro="They get an email with a link to set a password. The link works once and expires.",
    )


@GET_POST
@trust_view("trust.manage")
def staff_grant(request: HttpRequest, pk: int) -> HttpResponse:
    user = _account(request, pk)
    trust = own_trust(request)
    organisations = Organisation.objects.filter(
        trust=trust, kind__in=[OrganisationKind.PRACTICE, OrganisationKind.PBC_GROUP]
    ).order_by("name")
    return _staff_form(
        request,
        GrantForm(posted(request), organisations=organisations),
        save=lambda d: ts.role_grant(actor=request.user, user=user, trust=trust, **d),
        done=lambda grant: f"{grant.get_role_display()} granted.",
        title=f"Grant a role to {user}",
        submit_text="Grant role",
    )


@require_POST
@trust_view("trust.manage")
def grant_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    grant = get_in_trust(RoleGrant, request, pk)

    def revoke() -> bool:
        ts.role_revoke(actor=request.user, grant=grant)
        return True

    if post_action(request, revoke):
        messages.success(request, f"{grant.get_role_display()} revoked from {grant.user}.")
    return redirect("onboarding:staff_list")


@GET_POST
@trust_view("trust.manage")
def staff_suspend(request: HttpRequest, pk: int) -> HttpResponse:
    user = _account(request, pk)
    return _staff_form(
        request,
        ReasonForm(posted(request)),
        save=lambda d: services.account_suspend(
            actor=request.user, user=user, trust_id=trust_id_of(request), reason=d["reason"]
        ),
        done=lambda _: f"{user} suspended: they cannot sign in.",
        title=f"Suspend {user}",
        submit_text="Suspend account",
        intro="They are signed out and cannot sign in until you reactivate the account. Their records stay.",
    )


@require_POST
@trust_view("trust.manage")
def staff_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    user = _account(request, pk)
    act = lambda: services.account_reactivate(actor=request.user, user=user, trust_id=trust_id_of(request))  # noqa: E731
    if post_action(request, act):
        messages.success(request, f"{user} reactivated: they can sign in again.")
    return redirect("onboarding:staff_list")


@require_POST
@trust_view("trust.manage")
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_in_trust(Invitation, request, pk)
    if post_action(request, lambda: services.invitation_revoke(actor=request.user, invitation=invitation)):
        messages.success(request, f"Invitation to {invitation.person} withdrawn.")
    return redirect("onboarding:staff_list")


def _staff_form(request: HttpRequest, form: forms.BaseForm, **page: Any) -> HttpResponse:
    """A staff page's form: back to the list of staff, done or not."""
    back = reverse("onboarding:staff_list")
    return form_view(request, form, then=lambda _: back, cancel=back, section=SECTION, **page)
