"""The governance lead's staff pages (ADM-4): accounts and roles, invitations, suspensions."""

from __future__ import annotations

from typing import Any

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
from pecgov.onboarding.views.common import GET_POST, posted
from pecgov.trust import services as ts
from pecgov.trust.enums import OrganisationKind
from pecgov.trust.models import Organisation, RoleGrant
from pecgov.trust.views.common import get_in_trust, own_trust
from pecgov.ui.viewkit import form_page, post_action, submit, trust_id_of, trust_view

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
    form = InviteForm(posted(request), people=queries.invitable_people(trust.pk))
    if request.method == "POST":

        def invite(d: dict[str, Any]) -> tuple[Invitation, str]:
            person = d["person"] or ts.person_create(
                actor=request.user, trust=trust, name=d["name"], profession=d["profession"], email=d["email"]
            )
            return services.invitation_create(actor=request.user, person=person, email=str(d["email"] or ""))

        made = submit(form, invite)
        if made:
            messages.success(request, f"Invitation sent to {made[0].email}.")
            return redirect("onboarding:staff_list")
    return form_page(
        request,
        form,
        title="Invite someone",
        submit_text="Send invitation",
        cancel=reverse("onboarding:staff_list"),
        section=SECTION,
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
    form = GrantForm(posted(request), organisations=organisations)
    if request.method == "POST":
        grant = submit(form, lambda d: ts.role_grant(actor=request.user, user=user, trust=trust, **d))
        if grant:
            messages.success(request, f"{grant.get_role_display()} granted.")
            return redirect("onboarding:staff_list")
    return form_page(
        request,
        form,
        title=f"Grant a role to {user}",
        submit_text="Grant role",
        cancel=reverse("onboarding:staff_list"),
        section=SECTION,
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
    form = ReasonForm(posted(request))
    if request.method == "POST":
        done = submit(
            form,
            lambda d: services.account_suspend(
                actor=request.user, user=user, trust_id=trust_id_of(request), reason=d["reason"]
            ),
        )
        if done:
            messages.success(request, f"{user} suspended: they cannot sign in.")
            return redirect("onboarding:staff_list")
    return form_page(
        request,
        form,
        title=f"Suspend {user}",
        submit_text="Suspend account",
        cancel=reverse("onboarding:staff_list"),
        section=SECTION,
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
