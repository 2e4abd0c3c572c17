"""Induction, mentors and training (PERF-4); the succession plan (PERF-5)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from pecgov.delegation.models import LeadArea
from pecgov.members import queries, succession
from pecgov.members.forms import InductionForm, MentorForm, SuccessorForm, TrainingForm
from pecgov.members.models import Induction
from pecgov.members.services import development as services
from pecgov.members.views.common import GET_POST, SECTION, page_form, seat
from pecgov.policy.services import effective_policy
from pecgov.trust.models import Organisation
from pecgov.ui.viewkit import submit, trust_id_of, trust_view


def _year(pk: int, anchor: str = "development") -> str:
    return reverse("members:member_year", args=[pk]) + f"#{anchor}"


@GET_POST
@trust_view("members.manage")
def induction_tick(request: HttpRequest, pk: int) -> HttpResponse:
    membership = seat(request, pk, "members.manage")
    induction = Induction.objects.filter(membership=membership).first()
    checklist = services.induction_checklist(membership.committee.trust)
    done = induction.done if induction else {}
    form = InductionForm(request.POST if request.method == "POST" else None, checklist=checklist, done=done)
    if request.method == "POST":
        made = submit(form, lambda d: services.induction_tick(actor=request.user, membership=membership, **d))
        if made:
            messages.success(
                request, "Induction complete." if made.completed_on else "Induction item recorded."
            )
            return redirect(_year(membership.pk))
    return page_form(
        request,
        form,
        title="Record an induction item",
        caption=membership.person.name,
        submit_text="Save",
        cancel=_year(membership.pk),
        intro="The checklist comes from the trust's policy pack (DH 4.2, Annex C).",
    )


@GET_POST
@trust_view("members.manage")
def mentor(request: HttpRequest, pk: int) -> HttpResponse:
    membership = seat(request, pk, "members.manage")
    form = MentorForm(request.POST if request.method == "POST" else None, membership=membership)
    if request.method == "POST":
        made = submit(form, lambda d: services.mentor_name(actor=request.user, membership=membership, **d))
        if made:
            messages.success(request, f"{made.mentor} mentors {membership.person.name}.")
            return redirect(_year(membership.pk))
    return page_form(
        request,
        form,
        title="Name a mentor",
        caption=membership.person.name,
        submit_text="Save",
        cancel=_year(membership.pk),
    )


@GET_POST
@trust_view("members.view")
def training_create(request: HttpRequest, pk: int) -> HttpResponse:
    membership = seat(request, pk, "members.record_training")
    form = TrainingForm(request.POST if request.method == "POST" else None, membership=membership)
    if request.method == "POST":
        made = submit(
            form, lambda d: services.training_record(actor=request.user, membership=membership, **d)
        )
        if made:
            messages.success(request, f"Training recorded: {made.course}.")
            return redirect(_year(membership.pk))
    return page_form(
        request,
        form,
        title="Record training or leadership development",
        caption=membership.person.name,
        submit_text="Save",
        cancel=_year(membership.pk),
    )


@trust_view("members.view_pay")
def succession_plan(request: HttpRequest) -> HttpResponse:
    trust = Organisation.objects.get(pk=trust_id_of(request))
    policy = effective_policy(trust)
    seats = queries.succession_seats(trust.pk, policy)
    horizon = queries.policy_int(policy, "members.succession_horizon_months", 12)
    return render(
        request,
        "members/succession.jinja",
        {
            "title": "Succession plan",
            "nav_section": SECTION,
            "seats": seats,
            "successors": queries.successors_by_key(trust.pk),
            "warnings": succession.warnings(seats, on=timezone.localdate(), horizon_months=horizon),
            "horizon": horizon,
            "can_manage": request.user.has_perm("members.manage"),
        },
    )


@GET_POST
@trust_view("members.manage")
def successor_create(request: HttpRequest) -> HttpResponse:
    trust = Organisation.objects.get(pk=trust_id_of(request))
    seats = queries.succession_seats(trust.pk, effective_policy(trust))
    form = SuccessorForm(
        request.POST if request.method == "POST" else None,
        targets=[(s.key, s.label) for s in seats],
        trust_id=trust.pk,
    )
    if request.method == "POST":

        def act(data: dict[str, object]) -> object:
            kind, _, pk = str(data.pop("target")).partition("-")
            target: dict[str, object] = {}
            if kind == "seat":
                target["membership"] = queries.seat(trust.pk, int(pk))
            else:
                area = LeadArea.objects.filter(pk=int(pk), person__trust_id=trust.pk).first()
                if area is None:
                    raise Http404
                target["lead_area"] = area
            return services.successor_add(actor=request.user, trust=trust, **target, **data)  # type: ignore[arg-type]

        made = submit(form, act)
        if made:
            messages.success(request, f"{made.person} named as a successor.")
            return redirect("members:succession")
    return page_form(
        request,
        form,
        title="Name a successor",
        submit_text="Save",
        cancel=reverse("members:succession"),
        intro="Who could follow the holder of a PEC seat or a lead area, and how soon (DH Annex A).",
    )
