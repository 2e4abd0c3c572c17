"""The remuneration framework, the pay-equity report, time commitments and claims (REM-1, REM-2)."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from pecgov.members import queries
from pecgov.members.forms import ClaimForm, CommitmentForm, PayRateForm, ReturnForm
from pecgov.members.models import Claim, TimeCommitment
from pecgov.members.services import pay as services
from pecgov.members.views.common import SECTION, check, member_form, seat
from pecgov.policy.services import effective_policy
from pecgov.trust.models import Organisation
from pecgov.trust.roles import roles_of
from pecgov.ui.viewkit import GET_POST, paginate, post_action, posted, trust_id_of, trust_view


@trust_view("members.view_pay")
def pay(request: HttpRequest) -> HttpResponse:
    trust = Organisation.objects.get(pk=trust_id_of(request))
    policy = effective_policy(trust)
    rows = queries.pay_rows(trust.pk)
    return render(
        request,
        "members/pay.jinja",
        {
            "title": "Pay and pay equity",
            "nav_section": SECTION,
            "rates": queries.framework(trust.pk),
            "rows": sorted(rows, key=lambda r: (r.role, r.profession, r.member)),
            "findings": queries.pay_findings(trust.pk, policy),
            "tolerance": policy["members.pay_equity_tolerance_percent"],
            "can_manage": request.user.has_perm("members.manage"),
        },
    )


@GET_POST
@trust_view("members.manage")
def pay_rate_create(request: HttpRequest) -> HttpResponse:
    trust = Organisation.objects.get(pk=trust_id_of(request))
    return member_form(
        request,
        PayRateForm(posted(request)),
        save=lambda d: services.pay_rate_set(actor=request.user, trust=trust, **d),
        done=lambda made: f"Pay for {made.get_role_display()} set.",
        then=lambda _: reverse("members:pay"),
        title="Set the pay for a role",
        submit_text="Save",
        cancel=reverse("members:pay"),
        intro="The trust's framework for allowances and locum payments (DH 8.1). Setting a role again replaces its rate.",
    )


@GET_POST
@trust_view("members.manage")
def commitment(request: HttpRequest, pk: int) -> HttpResponse:
    membership = seat(request, pk, "members.manage")
    instance = TimeCommitment.objects.filter(membership=membership).first()
    year = reverse("members:member_year", args=[membership.pk])
    return member_form(
        request,
        CommitmentForm(posted(request), instance=instance),
        save=lambda d: services.commitment_set(actor=request.user, membership=membership, **d),
        done=lambda _: f"Time commitment of {membership.person.name} saved.",
        then=lambda _: year + "#pay",
        title="Agree the time commitment",
        caption=membership.person.name,
        submit_text="Save",
        cancel=year,
    )


@trust_view("members.view")
def claim_list(request: HttpRequest) -> HttpResponse:
    rows = queries.claims_for(request.user, trust_id_of(request))
    status = request.GET.get("status", "")
    if status:
        rows = rows.filter(status=status)
    own = [
        m for m in queries.pec_seats(trust_id_of(request)) if m.person_id == roles_of(request.user).person_id
    ]
    return render(
        request,
        "members/claim_list.jinja",
        {
            "title": "Claims",
            "nav_section": SECTION,
            "page": paginate(request, rows),
            "totals": queries.claim_totals(rows),
            "year_start": queries.financial_year_start(timezone.localdate()),
            "status": status,
            "can_decide": request.user.has_perm("members.decide_claim"),
            "can_claim": bool(own),
        },
    )


@GET_POST
@trust_view("members.view")
def claim_create(request: HttpRequest) -> HttpResponse:
    person_id = roles_of(request.user).person_id
    own = [m for m in queries.pec_seats(trust_id_of(request)) if m.person_id == person_id]
    if not own:
        check(request, "members.claim", None)
    membership = own[0]
    return member_form(
        request,
        ClaimForm(posted(request)),
        save=lambda d: services.claim_submit(actor=request.user, membership=membership, **d),
        done=lambda made: f"Claim for {made.month:%B %Y} submitted.",
        then=lambda _: reverse("members:claim_list"),
        title="Claim sessions and locum costs",
        submit_text="Submit claim",
        cancel=reverse("members:claim_list"),
    )


def _claim(request: HttpRequest, pk: int) -> Claim:
    try:
        return queries.claims_for(request.user, trust_id_of(request)).get(pk=pk)
    except Claim.DoesNotExist as error:
        raise Http404 from error


@require_POST
@trust_view("members.decide_claim")
def claim_approve(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim(request, pk)
    if post_action(request, lambda: services.claim_decide(actor=request.user, claim=claim, approve=True)):
        messages.success(request, f"{claim} approved.")
    return redirect("members:claim_list")


@GET_POST
@trust_view("members.decide_claim")
def claim_return(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim(request, pk)
    return member_form(
        request,
        ReturnForm(posted(request)),
        save=lambda d: services.claim_decide(actor=request.user, claim=claim, approve=False, **d),
        done=lambda _: f"{claim} returned.",
        then=lambda _: reverse("members:claim_list"),
        title="Return the claim",
        caption=str(claim),
        submit_text="Return claim",
        cancel=reverse("members:claim_list"),
    )


@trust_view("members.decide_claim")
def claim_csv(request: HttpRequest) -> HttpResponse:
    """REM-1: approved claims for payroll, one line a claim."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="pec-claims.csv"'
    writer = csv.writer(response)
    writer.writerow(["Member", "Role", "Month", "Sessions", "Locum sessions", "Locum cost", "Approved on"])
    for claim in queries.claims_for(request.user, trust_id_of(request)).filter(status="approved"):
        writer.writerow(
            [
                claim.membership.person.name,
                claim.membership.get_role_display(),
                f"{claim.month:%Y-%m}",
                claim.sessions,
                claim.locum_sessions,
                claim.locum_cost,
                claim.decided_on.isoformat() if claim.decided_on else "",
            ]
        )
    return response
