"""The remuneration framework, the pay-equity report, time commitments and claims (REM-1, REM-2)."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from pecgov.members import queries
from pecgov.members.forms import ClaimForm, CommitmentForm, PayRateForm, ReturnForm
from pecgov.members.models import Claim, TimeCommitment
from pecgov.members.services import pay as services
from pecgov.members.views.common import GET_POST, SECTION, check, page_form, seat
from pecgov.policy.services import effective_policy
from pecgov.trust.models import Organisation
from pecgov.trust.roles import roles_of
from pecgov.ui.viewkit import paginate, post_action, submit, trust_id_of, trust_view


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
    form = PayRateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        made = submit(form, lambda d: services.pay_rate_set(actor=request.user, trust=trust, **d))
        if made:
            messages.success(request, f"Pay for {made.get_role_display()} set.")
            return redirect("members:pay")
    return page_form(
        request,
        form,
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
    form = CommitmentForm(request.POST if request.method == "POST" else None, instance=instance)
    if request.method == "POST":
        made = submit(form, lambda d: services.commitment_set(actor=request.user, membership=membership, **d))
        if made:
            messages.success(request, f"Time commitment of {membership.person.name} saved.")
            return redirect(reverse("members:member_year", args=[membership.pk]) + "#pay")
    return page_form(
        request,
        form,
        title="Agree the time commitment",
        caption=membership.person.name,
        submit_text="Save",
        cancel=reverse("members:member_year", args=[membership.pk]),
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
    form = ClaimForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        made = submit(form, lambda d: services.claim_submit(actor=request.user, membership=membership, **d))
        if made:
            messages.success(request, f"Claim for {made.month:%B %Y} submitted.")
            return redirect("members:claim_list")
    return page_form(
        request,
        form,
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
    form = ReturnForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        done = submit(
            form, lambda d: services.claim_decide(actor=request.user, claim=claim, approve=False, **d)
        )
        if done:
            messages.success(request, f"{claim} returned.")
            return redirect("members:claim_list")
    return page_form(
        request,
        form,
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
