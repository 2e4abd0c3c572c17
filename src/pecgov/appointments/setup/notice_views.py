"""Notice to outgoing members from the appointment plan (APP-3, DH Annex C "Give notice to
current PEC members as necessary"): the governance lead records who was told, when and the end
date they were told; the plan page lists it. Thin view: the service checks every rule."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from pecgov.appointments import services
from pecgov.appointments.enums import StepKey
from pecgov.appointments.models import PlanStep
from pecgov.appointments.setup.common import show_form
from pecgov.appointments.setup.forms import NoticeForm
from pecgov.ui.viewkit import GET_POST, form_view, found, posted, trust_view


@GET_POST
@trust_view("appointments.manage")
def notice_give(request: HttpRequest, pk: int) -> HttpResponse:
    step = found(
        lambda t, p: PlanStep.objects.select_related("plan").get(pk=p, plan__trust_id=t), request, pk
    )
    if step.key != StepKey.NOTICE:
        raise Http404
    form = NoticeForm(posted(request), memberships=services.outgoing_memberships(step))
    return form_view(
        request,
        form,
        save=lambda d: services.notice_give(
            actor=request.user,
            step=step,
            membership=d["membership"],
            given_on=d["given_on"],
            end_date=d["end_date"],
            note=d["note"],
        ),
        done=lambda saved: f"Notice to {saved.membership.person} recorded.",
        then=lambda _: reverse("appointments:plan_detail", args=[step.plan_id]) + "#notices",
        page=show_form,
        title="Record notice given to a member",
        caption=f"{step.plan.title}: {step.get_key_display()}",
        submit_text="Record the notice",
        cancel=reverse("appointments:plan_detail", args=[step.plan_id]) + "#notices",
        intro="Record notice given to a current PEC member whose seat ends with the new PEC: when they "
        "were told and the end date they were told.",
    )
