"""The interview panel pages (APP-4, COI-3): composition findings, seats and each member's
conflicts with the candidates, declared and handled."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from pecgov.appointments import queries, services
from pecgov.appointments.enums import ApplicationStatus, CampaignStatus
from pecgov.appointments.models import (
    Application,
    PanelSeat,
)
from pecgov.appointments.setup.common import SECTION, campaign_of, is_lead, show_form
from pecgov.appointments.setup.forms import (
    ConflictDeclareForm,
    ConflictHandleForm,
    SeatForm,
)
from pecgov.policy.engine import Status
from pecgov.trust.roles import roles_of
from pecgov.ui.viewkit import GET_POST, form_view, found, post_action, posted, trust_id_of, trust_view

# The panel (APP-4) -----------------------------------------------------------------------------


def _panel_url(campaign_id: int, anchor: str = "") -> str:
    return reverse("appointments:panel", args=[campaign_id]) + (f"#{anchor}" if anchor else "")


def _may_handle(request: HttpRequest, seat: PanelSeat) -> bool:
    """COI-3: the panel's chair or the lead records the handling, never the conflicted member:
    the permission the service asks."""
    return request.user.has_perm("appointments.handle_conflict", seat)


@trust_view("appointments.view")
def panel(request: HttpRequest, pk: int) -> HttpResponse:
    """APP-4: composition findings, the seats, and each member's conflicts with the candidates."""
    campaign = campaign_of(request, pk)
    seats = queries.seats(campaign)
    candidates = list(
        campaign.applications.exclude(status=ApplicationStatus.WITHDRAWN).order_by("name", "pk")
    )
    flags = services.panel_flags(campaign, seats, candidates)
    findings = services.panel_findings(campaign, seats)
    person_id = roles_of(request.user).person_id
    lead = is_lead(request)
    # Asked once per seat with a conflict, however many candidates it concerns.
    handlers = {seat.pk: _may_handle(request, seat) for seat in seats if any(k[0] == seat.pk for k in flags)}
    members = [
        {
            "seat": seat,
            "flags": [
                {"flag": flag, "may_handle": handlers[seat.pk]}
                for (seat_id, _), flag in sorted(flags.items(), key=lambda kv: kv[1].application.name)
                if seat_id == seat.pk
            ],
        }
        for seat in seats
    ]
    return render(
        request,
        "appointments/setup/panel.jinja",
        {
            "title": f"Interview panel for {campaign.reference}",
            "nav_section": SECTION,
            "campaign": campaign,
            "lead": lead,
            "seats": seats,
            "people": len({s.person_id for s in seats}),
            "findings": findings,
            "fails": sum(1 for f in findings if f.status == Status.FAIL),
            "members": members,
            "candidates": candidates,
            "unhandled": sum(1 for f in flags.values() if not f.handled),
            "flag_count": len(flags),
            "may_declare": lead or any(s.person_id == person_id for s in seats),
            "open": campaign.status != CampaignStatus.COMPLETE,
        },
    )


@GET_POST
@trust_view("appointments.manage")
def seat_add(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_of(request, pk)
    form = SeatForm(posted(request), trust_id=campaign.trust_id)
    return form_view(
        request,
        form,
        save=lambda d: services.seat_add(actor=request.user, campaign=campaign, **d),
        done=lambda seat: f"{seat} added to the panel.",
        then=lambda _: _panel_url(campaign.pk, "findings"),
        page=show_form,
        title="Add a panel member",
        caption=f"{campaign.reference}: {campaign.post.title}",
        submit_text="Add to the panel",
        cancel=_panel_url(campaign.pk),
        intro="Any size of panel can be recorded: the findings say what the trust's policy expects.",
    )


@require_POST
@trust_view("appointments.manage")
def seat_remove(request: HttpRequest, pk: int) -> HttpResponse:
    seat = found(
        lambda t, p: PanelSeat.objects.select_related("campaign", "person").get(pk=p, campaign__trust_id=t),
        request,
        pk,
    )
    campaign_id, name = seat.campaign_id, str(seat)

    def remove() -> bool:
        services.seat_remove(actor=request.user, seat=seat)
        return True

    if post_action(request, remove):
        messages.success(request, f"{name} removed from the panel.")
    return redirect(_panel_url(campaign_id, "findings"))


@GET_POST
@trust_view("appointments.view")
def conflict_declare(request: HttpRequest, pk: int) -> HttpResponse:
    """APP-4: a panel member declares their own conflict with a candidate; the lead may for anyone."""
    campaign = campaign_of(request, pk)
    # The seats this user may declare a conflict for: the service asks the same permission.
    seats = [s for s in queries.seats(campaign) if request.user.has_perm("appointments.declare_conflict", s)]
    if not seats:
        raise PermissionDenied
    form = ConflictDeclareForm(posted(request), campaign=campaign, seats=seats)
    return form_view(
        request,
        form,
        save=lambda d: services.conflict_declare(actor=request.user, **d),
        done=lambda record: f"Conflict recorded: {record.seat.person} and {record.application.name}.",
        then=lambda record: _panel_url(campaign.pk, f"seat-{record.seat_id}"),
        page=show_form,
        title="Declare a conflict with a candidate",
        caption=f"{campaign.reference}: {campaign.post.title}",
        submit_text="Declare the conflict",
        cancel=_panel_url(campaign.pk, "conflicts"),
        intro="The panel's chair or the governance lead then records how it is handled. Until then the "
        "panel member cannot sift or score that candidate.",
    )


@GET_POST
@trust_view("appointments.view")
def conflict_handle(request: HttpRequest, pk: int, application_pk: int) -> HttpResponse:
    """APP-4, COI-3: how a panel member's conflict with a candidate is handled."""
    trust_id = trust_id_of(request)
    try:
        seat = PanelSeat.objects.select_related("campaign", "campaign__post", "person").get(
            pk=pk, campaign__in=queries.campaigns_for(request.user, trust_id)
        )
        application = Application.objects.get(pk=application_pk, campaign_id=seat.campaign_id)
    except (PanelSeat.DoesNotExist, Application.DoesNotExist) as error:
        raise Http404 from error
    campaign = seat.campaign
    flag = services.panel_flags(campaign, [seat], [application]).get((seat.pk, application.pk))
    if flag is None:
        raise Http404
    if not _may_handle(request, seat):
        raise PermissionDenied
    record = flag.record
    initial = {"handling": record.handling, "reason": record.handling_reason} if record else {}
    form = ConflictHandleForm(posted(request), initial=initial)
    return form_view(
        request,
        form,
        save=lambda d: services.conflict_handle(actor=request.user, seat=seat, application=application, **d),
        done=lambda saved: (
            f"{seat.person}'s conflict with {application.name}: {saved.get_handling_display()}."
        ),
        then=lambda _: _panel_url(campaign.pk, f"seat-{seat.pk}"),
        page=show_form,
        title="Record how the conflict is handled",
        caption=f"{campaign.reference}: {campaign.post.title}",
        submit_text="Save handling",
        cancel=_panel_url(campaign.pk, f"seat-{seat.pk}"),
        details=[
            ("Panel member", str(seat)),
            ("Candidate", application.name),
            ("Why", "; ".join(flag.reasons)),
        ],
    )
