"""Assessing candidates: applications, sift and shortlist (APP-3), interview scores and results
(APP-5), appointment, offer and the Alliance chair recommendation (APP-6), kept confidential and
audited (APP-7).

Only the campaign's panel and the governance lead see these pages. A campaign or application is
looked up through queries.campaign_in_view / application_in_view, so anyone else in the trust,
whatever else they sit on, gets 404: they must not learn who applied. Someone who may see the
round but not do this to it (a panel member at the lead's page) gets 403. Thin views: parse, call
the service, redirect or render; the service decides every rule and a refusal is shown on the
form with nothing saved.
"""

from __future__ import annotations

import io
import mimetypes
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from pecgov.appointments import framework, queries, scoring, services
from pecgov.appointments.assess.common import (
    SAFE_SUFFIX,
    SECTION,
    application_of,
    campaign_of,
    chairs,
    interview_problem,
    is_lead,
    may_appoint_here,
    panel_view,
    people_of,
    sift_problem,
)
from pecgov.appointments.assess.forms import (
    ScoresForm,
    ShortlistForm,
)
from pecgov.appointments.enums import ApplicationStatus, CampaignStatus, ConflictHandling
from pecgov.appointments.models import (
    Application,
    Campaign,
    InterviewScore,
    Offer,
    PanelSeat,
    SiftScore,
)
from pecgov.trust.models import Person
from pecgov.ui.viewkit import GET_POST, form_page, form_view, posted

# Applications (APP-3, APP-7) ----------------------------------------------------------------


@dataclass
class ApplicationRow:
    application: Application
    progress: str


def _sift_progress(
    application: Application, mine: dict[int, int], criteria: int, flag: services.PanelFlag | None
) -> str:
    if application.status == ApplicationStatus.WITHDRAWN:
        return "Withdrawn"
    if flag is not None and flag.steps_aside:
        return "You stepped aside (conflict)"
    if flag is not None and not flag.handled:
        return "Conflict to be handled first"
    if len(mine) >= criteria:
        return "Sifted"
    return f"{len(mine)} of {criteria} scored" if mine else "Not sifted yet"


@panel_view
def applications(request: HttpRequest, pk: int) -> HttpResponse:
    """APP-3: every application with its status and, for a panel member, their own sift."""
    campaign = campaign_of(request, pk)
    apps = queries.applications(campaign)
    seat = services.seat_of(request.user, campaign)
    rows = [ApplicationRow(a, "") for a in apps]
    if seat is not None:
        table = queries.sift_table(campaign, apps)
        flags = services.panel_flags(campaign, [seat], apps)
        criteria = len(campaign.post.criteria)
        rows = [
            ApplicationRow(
                a,
                _sift_progress(a, dict(table[a.pk][seat.person_id]), criteria, flags.get((seat.pk, a.pk))),
            )
            for a in apps
        ]
    return render(
        request,
        "appointments/assess/applications.jinja",
        {
            "title": f"Applications: {campaign.post.title}",
            "nav_section": SECTION,
            "campaign": campaign,
            "rows": rows,
            "on_panel": seat is not None,
        },
    )


@panel_view
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """APP-3, APP-4, APP-7: the application, the panel's conflicts with the candidate, the
    decisions on it, and what this user can do next."""
    application = application_of(request, pk)
    campaign = application.campaign
    seats = queries.seats(campaign)
    seat = services.seat_of(request.user, campaign)
    offer = Offer.objects.filter(application=application).select_related("membership").first()
    actions: list[tuple[str, str]] = []
    if seat is not None and not sift_problem(application):
        actions.append(("Sift this application", reverse("appointments:sift", args=[pk])))
    if seat is not None and not interview_problem(application):
        actions.append(("Score the interview", reverse("appointments:interview", args=[pk])))
    if may_appoint_here(request, campaign) and not services.appoint_problems(application):
        actions.append(("Appoint", reverse("appointments:appoint", args=[pk])))
    if offer is not None and offer.accepted is None and is_lead(request, campaign):
        actions.append(("Record the candidate's answer", reverse("appointments:offer_response", args=[pk])))
    interviewed = application.status in services.INTERVIEWED
    return render(
        request,
        "appointments/assess/application_detail.jinja",
        {
            "title": application.name,
            "nav_section": SECTION,
            "application": application,
            "campaign": campaign,
            "interests": list(application.interests.select_related("organisation")),
            "flags": list(services.panel_flags(campaign, seats, [application]).values()),
            "offer": offer,
            "actions": actions,
            "people": people_of(seats) if interviewed else [],
            "Handling": ConflictHandling,
        },
    )


@panel_view  # type: ignore[arg-type]  # a FileResponse, which django-stubs does not count as HttpResponse
def application_cv(request: HttpRequest, pk: int) -> FileResponse:
    """The candidate's CV, as an attachment named from the application, never the uploaded name."""
    application = application_of(request, pk)
    cv = application.cv
    if not cv or not cv.storage.exists(cv.name):
        raise Http404
    suffix = Path(cv.name).suffix.lower()
    suffix = suffix if SAFE_SUFFIX.fullmatch(suffix) else ""
    # The type follows the extension the upload policy allowed, never what the browser claimed.
    content_type = mimetypes.guess_type(f"cv{suffix}")[0] or "application/octet-stream"
    # Read whole (the upload policy caps a CV's size) so no file handle outlives the request.
    with cv.open("rb") as handle:
        body = io.BytesIO(handle.read())
    return FileResponse(
        body,
        as_attachment=True,
        filename=f"cv-{slugify(application.name) or application.pk}{suffix}",
        content_type=content_type,
    )


# Sift and shortlist (APP-3) -------------------------------------------------------------------


def _scores_view(
    request: HttpRequest,
    form: ScoresForm,
    application: Application,
    *,
    record: Callable[..., Any],
    done: str,
    then: str,
    **page: Any,
) -> HttpResponse:
    """A panel member's scores for one application, sift or interview: `record` is the service."""
    return form_view(
        request,
        form,
        save=lambda _: record(actor=request.user, application=application, scores=form.scores()),
        done=lambda _: done,
        then=lambda _: then,
        page=_score_page,
        application=application,
        **page,
    )


def _score_page(
    request: HttpRequest,
    form: ScoresForm,
    application: Application,
    *,
    title: str,
    submit_text: str,
    intro: str,
    problem: str,
    groups: list[tuple[str, list[tuple[int, str, Any, Any]]]],
) -> HttpResponse:
    return form_page(
        request,
        form,
        title=title,
        submit_text=submit_text,
        cancel=reverse("appointments:application_detail", args=[application.pk]),
        caption=f"{application.campaign.reference}: {application.name}",
        section=SECTION,
        intro=intro,
        template="appointments/assess/score_form.jinja",
        problem=problem,
        groups=groups,
        application=application,
        scale=scoring.SCALE_LABELS,
    )


@GET_POST
@panel_view
def sift(request: HttpRequest, pk: int) -> HttpResponse:
    """APP-3: the signed-in panel member scores the application against each criterion."""
    application = application_of(request, pk)
    campaign = application.campaign
    seat = services.seat_of(request.user, campaign)
    if seat is None:
        raise PermissionDenied("Only members of the interview panel sift applications.")
    criteria = campaign.post.criteria
    initial: dict[str, Any] = {}
    for row in SiftScore.objects.filter(application=application, scorer=seat.person):
        initial |= {f"criterion_{row.criterion}": str(row.score), f"note_criterion_{row.criterion}": row.note}
    form = ScoresForm(
        posted(request), initial=initial, items=list(enumerate(criteria, start=1)), prefix_name="criterion_"
    )
    items = [(n, text, *form.pair(n)) for n, text in enumerate(criteria, start=1)]
    return _scores_view(
        request,
        form,
        application,
        record=services.sift_record,
        done=f"Your sift of {application.name} is saved.",
        then=reverse("appointments:applications", args=[campaign.pk]),
        title="Sift the application",
        submit_text="Save sift scores",
        intro="Score the application against each criterion of the person specification. Your scores "
        "are seen only by the panel and the governance lead.",
        problem=sift_problem(application, seat),
        groups=[("Person specification", items)],
    )


@dataclass
class SiftCell:
    scores: list[int | None]
    stepped_aside: bool = False

    @property
    def total(self) -> int | None:
        return None if any(s is None for s in self.scores) else sum(s or 0 for s in self.scores)


@dataclass
class SiftRow:
    application: Application
    cells: list[SiftCell]

    @property
    def mean(self) -> float | None:
        totals = [c.total for c in self.cells if c.total is not None]
        return sum(totals) / len(totals) if totals else None


def _sift_rows(
    campaign: Campaign, apps: list[Application], seats: list[PanelSeat], people: list[Person]
) -> list[SiftRow]:
    """APP-3: each application's sift scores by panel member, with who stepped aside."""
    table = queries.sift_table(campaign, apps)
    stepped = {
        (f.seat.person_id, f.application.pk)
        for f in services.panel_flags(campaign, seats, apps).values()
        if f.steps_aside
    }
    criteria = campaign.post.criteria
    return [
        SiftRow(
            a,
            [
                SiftCell(
                    [table[a.pk][p.pk].get(n) for n in range(1, len(criteria) + 1)],
                    (p.pk, a.pk) in stepped,
                )
                for p in people
            ],
        )
        for a in apps
    ]


@GET_POST
@panel_view
def sift_overview(request: HttpRequest, pk: int) -> HttpResponse:
    """APP-3: the panel's sift scores side by side, then the shortlist with a reason for each."""
    campaign = campaign_of(request, pk)
    apps = [a for a in queries.applications(campaign) if a.status != ApplicationStatus.WITHDRAWN]
    seats = queries.seats(campaign)
    people = people_of(seats)
    may_shortlist = chairs(request, campaign)
    if request.method == "POST" and not may_shortlist:
        raise PermissionDenied("Only the chair of the panel or the governance lead draws up the shortlist.")
    page = partial(_sift_overview_page, campaign=campaign, apps=apps, seats=seats, people=people)
    if not may_shortlist:
        return page(request, None)
    form = ShortlistForm(posted(request), applications=apps)
    return form_view(
        request,
        form,
        save=lambda d: services.shortlist_record(
            actor=request.user, campaign=campaign, decisions=form.decisions(), note=d["note"]
        ),
        done=lambda done: (
            "Shortlist recorded: "
            f"{done.applications.filter(status=ApplicationStatus.SHORTLISTED).count()} of {len(apps)} "
            "shortlisted for interview."
        ),
        then=lambda _: reverse("appointments:sift_overview", args=[campaign.pk]),
        page=page,
    )


def _sift_overview_page(
    request: HttpRequest,
    form: ShortlistForm | None,
    *,
    campaign: Campaign,
    apps: list[Application],
    seats: list[PanelSeat],
    people: list[Person],
) -> HttpResponse:
    criteria = campaign.post.criteria
    context = {
        "nav_section": SECTION,
        "title": f"Sift and shortlist: {campaign.post.title}",
        "campaign": campaign,
        "people": people,
        "rows": _sift_rows(campaign, apps, seats, people),
        "criteria": criteria,
        "most": scoring.SCALE_MAX * len(criteria),
        "form": form,
        "open": campaign.status == CampaignStatus.ADVERTISED,
        "closed_for_applications": timezone.localdate() > campaign.closes_on,
    }
    return render(
        request,
        "appointments/assess/sift_overview.jinja",
        context,
        status=400 if form is not None and form.errors else 200,
    )


# Interview and results (APP-5) ----------------------------------------------------------------


@GET_POST
@panel_view
def interview(request: HttpRequest, pk: int) -> HttpResponse:
    """APP-5: the signed-in panel member scores the candidate on each competency of the post."""
    application = application_of(request, pk)
    campaign = application.campaign
    seat = services.seat_of(request.user, campaign)
    if seat is None:
        raise PermissionDenied("Only members of the interview panel score candidates.")
    competencies = services.campaign_competencies(campaign)
    initial: dict[str, Any] = {}
    for row in InterviewScore.objects.filter(application=application, scorer=seat.person):
        initial |= {f"score_{row.competency}": str(row.score), f"note_score_{row.competency}": row.note}
    form = ScoresForm(
        posted(request), initial=initial, items=[(c.key, c.text) for c in competencies], prefix_name="score_"
    )
    grouped: dict[str, list[tuple[int, str, Any, Any]]] = {}
    for number, competency in enumerate(competencies, start=1):
        grouped.setdefault(framework.HEADING_NAMES[competency.heading], []).append(
            (number, competency.text, *form.pair(competency.key))
        )
    return _scores_view(
        request,
        form,
        application,
        record=services.interview_record,
        done=f"Your interview scores for {application.name} are saved.",
        then=reverse("appointments:results", args=[campaign.pk]),
        title="Score the interview",
        submit_text="Save interview scores",
        intro="Score the candidate on each competency. The guidance asks that a candidate shows skills "
        "or development potential under both the core management and the added value headings.",
        problem=interview_problem(application, seat),
        groups=list(grouped.items()),
    )
