"""A member's year: the overview, a member's page, objectives, progress and reviews (PERF-1,
PERF-2). Thin views: parse, call a service, redirect or render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from pecgov.members import queries
from pecgov.members.forms import ObjectiveForm, ProgressForm, ReviewForm
from pecgov.members.models import Objective
from pecgov.members.services import objectives as services
from pecgov.members.services.development import induction_checklist
from pecgov.members.views.common import SECTION, member_form, objective, seat
from pecgov.members.year import accountable_person
from pecgov.policy.services import effective_policy
from pecgov.trust.models import Organisation
from pecgov.trust.roles import roles_of
from pecgov.ui.viewkit import GET_POST, post_action, posted, trust_id_of, trust_view


@trust_view("members.view")
def overview(request: HttpRequest) -> HttpResponse:
    """At a glance for the PEC chair: every member's objectives, reviews, appraisals, induction,
    training and successors (PERF-1 to PERF-5). A member sees their own line."""
    trust = Organisation.objects.get(pk=trust_id_of(request))
    policy = effective_policy(trust)
    rows = queries.overview(trust.pk, policy)
    if not request.user.has_perm("members.overview"):
        rows = [row for row in rows if row.membership.person_id == roles_of(request.user).person_id]
    return render(
        request,
        "members/overview.jinja",
        {
            "title": "Members' year",
            "nav_section": SECTION,
            "rows": rows,
            "today": timezone.localdate(),
            "policy": policy,
            "can_overview": request.user.has_perm("members.overview"),
            "can_pay": request.user.has_perm("members.view_pay"),
        },
    )


@trust_view("members.view")
def member_year(request: HttpRequest, pk: int) -> HttpResponse:
    membership = seat(request, pk)
    user = request.user
    appraisals = [
        a
        for a in queries.appraisals_for(user, membership.committee.trust_id)
        if a.membership_id == membership.pk
    ]
    induction = getattr(membership, "induction", None) if hasattr(membership, "induction") else None
    return render(
        request,
        "members/member.jinja",
        {
            "title": f"{membership.person.name}'s year",
            "nav_section": SECTION,
            "m": membership,
            "accountable": accountable_person(membership),
            "objectives": queries.objectives_of(membership),
            "reviews": queries.reviews_of(membership),
            "appraisals": [(a, user.has_perm("members.view_appraisal", a)) for a in appraisals],
            "induction": induction,
            "checklist": induction_checklist(membership.committee.trust),
            "training": list(queries.training_of([membership.person_id])),
            "claims": list(
                queries.claims_for(user, membership.committee.trust_id).filter(membership=membership)[:12]
            ),
            "can_propose": user.has_perm("members.propose_objective", membership),
            "can_review": user.has_perm("members.hold_review", membership),
            "can_appraise": user.has_perm("members.start_appraisal", membership),
            "can_manage": user.has_perm("members.manage", membership),
            "can_train": user.has_perm("members.record_training", membership),
            "can_claim": user.has_perm("members.claim", membership),
            "perm": lambda name, obj: user.has_perm(name, obj),
        },
    )


@GET_POST
@trust_view("members.view")
def objective_create(request: HttpRequest, pk: int) -> HttpResponse:
    membership = seat(request, pk, "members.propose_objective")
    form = ObjectiveForm(posted(request), membership=membership)
    return member_form(
        request,
        form,
        save=lambda d: services.objective_propose(actor=request.user, membership=membership, **d),
        done=lambda made: f"Objective proposed: {made.title}. It is agreed when the other side signs it off.",
        then=lambda _: _year_url(membership.pk),
        title="Propose an objective",
        caption=membership.person.name,
        submit_text="Propose objective",
        cancel=_year_url(membership.pk),
        intro="Proposing signs the objective off for you; it is agreed once the other side signs it off too.",
    )


@require_POST
@trust_view("members.view")
def objective_sign(request: HttpRequest, pk: int) -> HttpResponse:
    found = objective(request, pk, "members.sign_objective")
    done = post_action(request, lambda: services.objective_sign(actor=request.user, objective=found))
    if done:
        messages.success(request, f"{'Agreed' if done.agreed else 'Signed off'}: {done.title}.")
    return redirect(_year_url(found.membership_id, f"objective-{found.pk}"))


@GET_POST
@trust_view("members.view")
def objective_progress(request: HttpRequest, pk: int) -> HttpResponse:
    found = objective(request, pk, "members.note_progress")
    form = ProgressForm(posted(request), initial={"rag": found.rag})
    back = _year_url(found.membership_id, f"objective-{found.pk}")
    return member_form(
        request,
        form,
        save=lambda d: services.progress_note(actor=request.user, objective=found, **d),
        done=lambda _: f"Progress recorded on {found.title}.",
        then=lambda _: back,
        title="Record progress",
        caption=found.title,
        submit_text="Save progress",
        cancel=back,
    )


@GET_POST
@trust_view("members.view")
def review_create(request: HttpRequest, pk: int) -> HttpResponse:
    membership = seat(request, pk, "members.hold_review")
    objectives = list(Objective.objects.filter(membership=membership).order_by("due_date", "pk"))
    form = ReviewForm(posted(request), objectives=objectives)

    def hold(data: dict[str, Any]) -> object:
        progress = form.progress()  # takes the per-objective fields out of `data`
        return services.review_hold(actor=request.user, membership=membership, progress=progress, **data)

    return member_form(
        request,
        form,
        save=hold,
        done=lambda _: f"Review recorded for {membership.person.name}.",
        then=lambda _: _year_url(membership.pk, "reviews"),
        title="Record a review meeting",
        caption=membership.person.name,
        submit_text="Save review",
        cancel=_year_url(membership.pk, "reviews"),
        intro="Progress against each objective and the actions agreed (DH 5.2, 7.1).",
    )


def _year_url(pk: int, anchor: str = "") -> str:
    return reverse("members:member_year", args=[pk]) + (f"#{anchor}" if anchor else "")
