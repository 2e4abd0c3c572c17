"""Induction, mentors and training (PERF-4); the succession plan (PERF-5)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from pecgov.delegation.models import LeadArea
from pecgov.members import queries, succession
from pecgov.members.forms import InductionForm, MentorForm, SuccessorForm, TrainingForm
from pecgov.members.models import Induction
from pecgov.members.services import development as services
from pecgov.members.views.common import SECTION, member_form, seat
from pecgov.policy.services import effective_policy
from pecgov.trust.models import Membership, Organisation
from pecgov.ui.viewkit import GET_POST, posted, trust_id_of, trust_view


def _year(pk: int, anchor: str = "development") -> str:
    return reverse("members:member_year", args=[pk]) + f"#{anchor}"


@GET_POST
@trust_view("members.manage")
def induction_tick(request: HttpRequest, pk: int) -> HttpResponse:
    membership = seat(request, pk, "members.manage")
    induction = Induction.objects.filter(membership=membership).first()
    checklist = services.induction_checklist(membership.committee.trust)
    form = InductionForm(posted(request), checklist=checklist, done=induction.done if induction else {})
    return member_form(
        request,
        form,
        save=lambda d: services.induction_tick(actor=request.user, membership=membership, **d),
        done=lambda made: "Induction complete." if made.completed_on else "Induction item recorded.",
        then=lambda _: _year(membership.pk),
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
    return _seat_form(
        request,
        membership,
        MentorForm(posted(request), membership=membership),
        save=lambda d: services.mentor_name(actor=request.user, membership=membership, **d),
        done=lambda made: f"{made.mentor} mentors {membership.person.name}.",
        title="Name a mentor",
    )


@GET_POST
@trust_view("members.view")
def training_create(request: HttpRequest, pk: int) -> HttpResponse:
    membership = seat(request, pk, "members.record_training")
    return _seat_form(
        request,
        membership,
        TrainingForm(posted(request), membership=membership),
        save=lambda d: services.training_record(actor=request.user, membership=membership, **d),
        done=lambda made: f"Training recorded: {made.course}.",
        title="Record training or leadership development",
    )


def _seat_form(
    request: HttpRequest,
    membership: Membership,
    form: forms.BaseForm,
    *,
    save: Callable[[dict[str, Any]], Any],
    done: Callable[[Any], str],
    title: str,
) -> HttpResponse:
    """A development record on a member's seat: back to the development part of their year."""
    return member_form(
        request,
        form,
        save=save,
        done=done,
        then=lambda _: _year(membership.pk),
        title=title,
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
    form = SuccessorForm(posted(request), targets=[(s.key, s.label) for s in seats], trust_id=trust.pk)

    def add(data: dict[str, Any]) -> object:
        target = _target(trust.pk, str(data.pop("target")))
        return services.successor_add(actor=request.user, trust=trust, **target, **data)

    return member_form(
        request,
        form,
        save=add,
        done=lambda made: f"{made.person} named as a successor.",
        then=lambda _: reverse("members:succession"),
        title="Name a successor",
        submit_text="Save",
        cancel=reverse("members:succession"),
        intro="Who could follow the holder of a PEC seat or a lead area, and how soon (DH Annex A).",
    )


def _target(trust_id: int, key: str) -> dict[str, Any]:
    """A succession target chosen as "seat-<pk>" or "area-<pk>", within the trust (404 otherwise)."""
    kind, _, pk = key.partition("-")
    if kind == "seat":
        return {"membership": queries.seat(trust_id, int(pk))}
    area = LeadArea.objects.filter(pk=int(pk), person__trust_id=trust_id).first()
    if area is None:
        raise Http404
    return {"lead_area": area}
