"""The implementation checklist's pages at /checklist/ (EFF-1): thin, over the queries and services."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from pecgov.actors import may
from pecgov.checklist import services
from pecgov.checklist.actions import pack_actions
from pecgov.checklist.forms import ActionForm, TargetForm
from pecgov.checklist.models import Checklist, ChecklistAction
from pecgov.checklist.queries import checklist_state
from pecgov.policy.services import pack_key_for
from pecgov.trust.models import Organisation
from pecgov.ui.viewkit import GET_POST, form_view, found, posted, trust_id_of, trust_view

SECTION = "checklist"


@trust_view("checklist.view")
def index(request: HttpRequest) -> HttpResponse:
    """The trust's plan: each action's owner, due date, status, evidence and the record's proof.
    The lead's first visit sets the checklist up; until then everyone sees the pack's actions."""
    trust = Organisation.objects.get(pk=trust_id_of(request))
    can_manage = may(request.user, "checklist.manage", trust.pk)
    if can_manage and not Checklist.objects.filter(trust=trust).exists():
        services.checklist_setup(actor=request.user, trust=trust)
    state = checklist_state(trust)
    return render(
        request,
        "checklist/index.jinja",
        {
            "title": "Implementation checklist",
            "nav_section": SECTION,
            "state": state,
            "can_manage": can_manage,
        },
    )


@GET_POST
@trust_view("checklist.manage")
def target_edit(request: HttpRequest) -> HttpResponse:
    trust = Organisation.objects.get(pk=trust_id_of(request))
    checklist = services.checklist_setup(actor=request.user, trust=trust)
    form = TargetForm(posted(request), instance=checklist)
    return form_view(
        request,
        form,
        save=lambda d: services.checklist_update(actor=request.user, checklist=checklist, **d),
        done=lambda saved: f"Target date set to {saved.target_date:%-d %B %Y}.",
        then=lambda _: reverse("checklist:index"),
        title="Set the checklist's target date",
        intro="DH Annex C asks for the new PEC arrangements to be in place by 1 October 2007; "
        "set your trust's own date. Actions without a due date of their own are due then.",
        submit_text="Save target date",
        cancel=reverse("checklist:index"),
        section=SECTION,
    )


@GET_POST
@trust_view("checklist.manage")
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = found(
        lambda t, p: ChecklistAction.objects.select_related("checklist").get(pk=p, checklist__trust_id=t),
        request,
        pk,
    )
    specs = {s.key: s for s in pack_actions(pack_key_for(action.checklist.trust))}
    spec = specs.get(action.key)
    form = ActionForm(posted(request), instance=action, trust_id=action.checklist.trust_id)
    return form_view(
        request,
        form,
        save=lambda d: services.action_update(actor=request.user, action=action, **d),
        done=lambda _: f"Action {action.position} updated.",
        then=lambda _: reverse("checklist:index") + f"#action-{action.key}",
        title=spec.text if spec is not None else action.key,
        caption=f"Implementation checklist, action {action.position} of {len(specs)}"
        + (f" ({spec.source})" if spec is not None else ""),
        submit_text="Save action",
        cancel=reverse("checklist:index"),
        section=SECTION,
    )
