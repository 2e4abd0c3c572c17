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

import mimetypes
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods

from pecgov.appointments import framework, queries, scoring, services
from pecgov.appointments.assess_forms import (
    AppointForm,
    OfferResponseForm,
    RecommendForm,
    ScoresForm,
    ShortlistForm,
)
from pecgov.appointments.enums import ApplicationStatus, CampaignStatus, ConflictHandling
from pecgov.appointments.models import (
    Application,
    Campaign,
    ChairRecommendation,
    InterviewScore,
    Offer,
    PanelSeat,
    SiftScore,
)
from pecgov.trust.models import Person
from pecgov.trust.roles import roles_of
from pecgov.ui.viewkit import form_page, submit, trust_id_of, trust_view

GET_POST = require_http_methods(["GET", "POST"])
SECTION = "appointments"
CHUNK_SIZE = 64 * 1024
SAFE_SUFFIX = re.compile(r"\.[a-z0-9]{1,10}")
# Any trust user passes the role check: whether they may see this round is the object lookup's
# question (its panel and the lead only), so everyone else gets 404, never 403 (APP-7).
panel_view = trust_view("trust.view")


# Looking up and who may act -------------------------------------------------------------


def _campaign(request: HttpRequest, pk: int) -> Campaign:
    try:
        return queries.campaign_in_view(request.user, trust_id_of(request), pk)
    except Campaign.DoesNotExist as error:
        raise Http404 from error


def _application(request: HttpRequest, pk: int) -> Application:
    try:
        return queries.application_in_view(request.user, trust_id_of(request), pk)
    except Application.DoesNotExist as error:
        raise Http404 from error


def _is_lead(request: HttpRequest, campaign: Campaign) -> bool:
    roles = roles_of(request.user)
    return roles.is_governance_lead and roles.trust_id == campaign.trust_id


def _chairs(request: HttpRequest, campaign: Campaign) -> bool:
    return services.chairs_or_leads(request.user, campaign)


def _may_appoint(request: HttpRequest, campaign: Campaign) -> bool:
    return services.may_appoint(request.user, campaign)


def _people(seats: list[PanelSeat]) -> list[Person]:
    """The panel's members, each once (someone may sit in two roles), the chair first."""
    found: dict[int, Person] = {}
    for seat in seats:
        found.setdefault(seat.person_id, seat.person)
    return list(found.values())


def _date(value: Any) -> str:
    return f"{value:%-d %B %Y}"


def _sift_problem(campaign: Campaign, application: Application) -> str:
    """Why the sift cannot be recorded now, for the page; the service has the last word."""
    if campaign.status != CampaignStatus.ADVERTISED:
        return "The shortlist has been drawn up: sift scores can no longer change."
    if timezone.localdate() <= campaign.closes_on:
        return f"Applications are open until {_date(campaign.closes_on)}: sift after the closing date."
    if application.status == ApplicationStatus.WITHDRAWN:
        return f"{application.name} withdrew their application."
    return ""


def _interview_problem(campaign: Campaign, application: Application) -> str:
    if campaign.status != CampaignStatus.SHORTLISTED:
        return (
            "Interview scores are recorded once the shortlist is drawn up and before the round is complete."
        )
    if application.status != ApplicationStatus.SHORTLISTED:
        return f"{application.name} is not shortlisted for interview."
    return ""


def _conflict_problem(seat: PanelSeat, application: Application) -> str:
    flag = services.panel_flags(seat.campaign, [seat], [application]).get((seat.pk, application.pk))
    if flag is None:
        return ""
    if flag.steps_aside:
        return f"You stepped aside from assessing {application.name} because of a conflict."
    if not flag.handled:
        return (
            f"You have a conflict with {application.name} that has not been handled yet: the panel's "
            "chair or the governance lead must record how it is handled first."
        )
    return ""


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
    campaign = _campaign(request, pk)
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
    application = _application(request, pk)
    campaign = application.campaign
    seats = queries.seats(campaign)
    seat = services.seat_of(request.user, campaign)
    offer = Offer.objects.filter(application=application).select_related("membership").first()
    actions: list[tuple[str, str]] = []
    if seat is not None and not _sift_problem(campaign, application):
        actions.append(("Sift this application", reverse("appointments:sift", args=[pk])))
    if seat is not None and not _interview_problem(campaign, application):
        actions.append(("Score the interview", reverse("appointments:interview", args=[pk])))
    if (
        _may_appoint(request, campaign)
        and campaign.status == CampaignStatus.SHORTLISTED
        and application.status == ApplicationStatus.SHORTLISTED
    ):
        actions.append(("Appoint", reverse("appointments:appoint", args=[pk])))
    if offer is not None and offer.accepted is None and _is_lead(request, campaign):
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
            "people": _people(seats) if interviewed else [],
            "Handling": ConflictHandling,
        },
    )


def _chunks(file: FieldFile) -> Iterator[bytes]:
    # Opened only when the body is sent, and closed however the sending ends.
    with file.open("rb") as handle:
        yield from iter(lambda: handle.read(CHUNK_SIZE), b"")


@panel_view  # type: ignore[arg-type]  # streams: not an HttpResponse subclass
def application_cv(request: HttpRequest, pk: int) -> FileResponse:
    """The candidate's CV, as an attachment named from the application, never the uploaded name."""
    application = _application(request, pk)
    cv = application.cv
    if not cv or not cv.storage.exists(cv.name):
        raise Http404
    suffix = Path(cv.name).suffix.lower()
    suffix = suffix if SAFE_SUFFIX.fullmatch(suffix) else ""
    # The type follows the extension the upload policy allowed, never what the browser claimed.
    content_type = mimetypes.guess_type(f"cv{suffix}")[0] or "application/octet-stream"
    response = FileResponse(_chunks(cv), content_type=content_type)
    response["Content-Length"] = str(cv.size)
    filename = f"cv-{slugify(application.name) or application.pk}{suffix}"
    response["Content-Disposition"] = str(content_disposition_header(True, filename))
    return response


# Sift and shortlist (APP-3) -------------------------------------------------------------------


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
    application = _application(request, pk)
    campaign = application.campaign
    seat = services.seat_of(request.user, campaign)
    if seat is None:
        raise PermissionDenied("Only members of the interview panel sift applications.")
    criteria = campaign.post.criteria
    initial: dict[str, Any] = {}
    for row in SiftScore.objects.filter(application=application, scorer=seat.person):
        initial |= {f"criterion_{row.criterion}": str(row.score), f"note_criterion_{row.criterion}": row.note}
    form = ScoresForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        items=list(enumerate(criteria, start=1)),
        prefix_name="criterion_",
    )
    if request.method == "POST":
        rows = submit(
            form,
            lambda d: services.sift_record(actor=request.user, application=application, scores=form.scores()),
        )
        if rows:
            messages.success(request, f"Your sift of {application.name} is saved.")
            return redirect("appointments:applications", pk=campaign.pk)
    items = [(n, text, *form.pair(n)) for n, text in enumerate(criteria, start=1)]
    return _score_page(
        request,
        form,
        application,
        title="Sift the application",
        submit_text="Save sift scores",
        intro="Score the application against each criterion of the person specification. Your scores "
        "are seen only by the panel and the governance lead.",
        problem=_sift_problem(campaign, application) or _conflict_problem(seat, application),
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


@GET_POST
@panel_view
def sift_overview(request: HttpRequest, pk: int) -> HttpResponse:
    """APP-3: the panel's sift scores side by side, then the shortlist with a reason for each."""
    campaign = _campaign(request, pk)
    apps = [a for a in queries.applications(campaign) if a.status != ApplicationStatus.WITHDRAWN]
    seats = queries.seats(campaign)
    people = _people(seats)
    may_shortlist = _chairs(request, campaign)
    posted = request.method == "POST"
    if posted and not may_shortlist:
        raise PermissionDenied("Only the chair of the panel or the governance lead draws up the shortlist.")
    form = ShortlistForm(request.POST if posted else None, applications=apps) if may_shortlist else None
    if posted and form is not None:
        done = submit(
            form,
            lambda d: services.shortlist_record(
                actor=request.user, campaign=campaign, decisions=form.decisions(), note=d["note"]
            ),
        )
        if done:
            chosen = done.applications.filter(status=ApplicationStatus.SHORTLISTED).count()
            messages.success(
                request, f"Shortlist recorded: {chosen} of {len(apps)} shortlisted for interview."
            )
            return redirect("appointments:sift_overview", pk=campaign.pk)
    table = queries.sift_table(campaign, apps)
    stepped = {
        (f.seat.person_id, f.application.pk)
        for f in services.panel_flags(campaign, seats, apps).values()
        if f.steps_aside
    }
    criteria = campaign.post.criteria
    rows = [
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
    context = {
        "nav_section": SECTION,
        "title": f"Sift and shortlist: {campaign.post.title}",
        "campaign": campaign,
        "people": people,
        "rows": rows,
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
    application = _application(request, pk)
    campaign = application.campaign
    seat = services.seat_of(request.user, campaign)
    if seat is None:
        raise PermissionDenied("Only members of the interview panel score candidates.")
    competencies = services.campaign_competencies(campaign)
    initial: dict[str, Any] = {}
    for row in InterviewScore.objects.filter(application=application, scorer=seat.person):
        initial |= {f"score_{row.competency}": str(row.score), f"note_score_{row.competency}": row.note}
    form = ScoresForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        items=[(c.key, c.text) for c in competencies],
        prefix_name="score_",
    )
    if request.method == "POST":
        rows = submit(
            form,
            lambda d: services.interview_record(
                actor=request.user, application=application, scores=form.scores()
            ),
        )
        if rows:
            messages.success(request, f"Your interview scores for {application.name} are saved.")
            return redirect("appointments:results", pk=campaign.pk)
    grouped: dict[str, list[tuple[int, str, Any, Any]]] = {}
    for number, competency in enumerate(competencies, start=1):
        grouped.setdefault(framework.HEADING_NAMES[competency.heading], []).append(
            (number, competency.text, *form.pair(competency.key))
        )
    return _score_page(
        request,
        form,
        application,
        title="Score the interview",
        submit_text="Save interview scores",
        intro="Score the candidate on each competency. The guidance asks that a candidate shows skills "
        "or development potential under both the core management and the added value headings.",
        problem=_interview_problem(campaign, application) or _conflict_problem(seat, application),
        groups=list(grouped.items()),
    )


@dataclass
class Spread:
    competency: str
    low: int
    low_names: list[str]
    high: int
    high_names: list[str]


@dataclass
class CandidateRow:
    application: Application
    result: scoring.CandidateResult
    fails: list[str]
    disagreements: list[Spread]
    missing: list[tuple[str, int]]  # (panel member, competencies still to score)
    can_appoint: bool
    offer: Offer | None
    recommendations: list[ChairRecommendation] = field(default_factory=list)


def _candidate_row(
    result: scoring.CandidateResult,
    application: Application,
    names: dict[str, str],
    texts: dict[str, str],
    **extra: Any,
) -> CandidateRow:
    missing: dict[str, int] = defaultdict(int)
    for member, _key in result.missing:
        missing[names.get(member, member)] += 1
    return CandidateRow(
        application=application,
        result=result,
        fails=[framework.HEADING_NAMES[h] for h in result.fails_heading],
        disagreements=[
            Spread(
                texts.get(d.competency, d.competency),
                d.low,
                [names.get(m, m) for m in d.low_members],
                d.high,
                [names.get(m, m) for m in d.high_members],
            )
            for d in result.disagreements
        ],
        missing=sorted(missing.items()),
        **extra,
    )


@panel_view
def results(request: HttpRequest, pk: int) -> HttpResponse:
    """APP-5, APP-6: the panel's scores aggregated per candidate, where they disagree, who is
    appointable; the appointment, offers and (Alliance) the membership's recommendations."""
    campaign = _campaign(request, pk)
    apps = queries.applications(campaign, [str(s) for s in services.INTERVIEWED])
    by_id = {str(a.pk): a for a in apps}
    seats = queries.seats(campaign)
    people = _people(seats)
    names = {str(p.pk): p.name for p in people}
    competencies = services.campaign_competencies(campaign)
    texts = {c.key: c.text for c in competencies}
    may_appoint = _may_appoint(request, campaign) and campaign.status == CampaignStatus.SHORTLISTED
    offers = {o.application_id: o for o in Offer.objects.filter(application__campaign=campaign)}
    alliance = services.membership_recommends(campaign)
    recommended: dict[int, list[ChairRecommendation]] = defaultdict(list)
    if alliance:
        for rec in campaign.recommendations.select_related("member").order_by("member__name"):
            recommended[rec.application_id].append(rec)
    rows = []
    for result in services.results(campaign, apps):
        application = by_id[result.candidate]
        rows.append(
            _candidate_row(
                result,
                application,
                names,
                texts,
                can_appoint=may_appoint
                and result.appointable
                and application.status == ApplicationStatus.SHORTLISTED,
                offer=offers.get(application.pk),
                recommendations=recommended.get(application.pk, []),
            )
        )
    headings = [h for h in framework.HEADINGS if any(c.heading == h for c in competencies)]
    return render(
        request,
        "appointments/assess/results.jinja",
        {
            "title": f"Interview results: {campaign.post.title}",
            "nav_section": SECTION,
            "campaign": campaign,
            "rows": rows,
            "people": people,
            "headings": [(h, framework.HEADING_NAMES[h]) for h in headings],
            "alliance": alliance,
            "is_lead": _is_lead(request, campaign),
            "pass_mark": scoring.PASS_MARK,
        },
    )


@panel_view
def score_sheet(request: HttpRequest, pk: int, scorer: int) -> HttpResponse:
    """APP-5, APP-7: one panel member's scores and notes for one candidate. A read by anyone but
    the author goes in the audit trail."""
    application = _application(request, pk)
    campaign = application.campaign
    person = next((s.person for s in queries.seats(campaign) if s.person_id == scorer), None)
    if person is None:
        raise Http404
    services.score_sheet_read(actor=request.user, application=application, scorer=person)
    given = {s.competency: s for s in InterviewScore.objects.filter(application=application, scorer=person)}
    grouped: dict[str, list[tuple[str, InterviewScore | None]]] = {}
    for competency in services.campaign_competencies(campaign):
        grouped.setdefault(framework.HEADING_NAMES[competency.heading], []).append(
            (competency.text, given.get(competency.key))
        )
    sifted = {s.criterion: s for s in SiftScore.objects.filter(application=application, scorer=person)}
    return render(
        request,
        "appointments/assess/score_sheet.jinja",
        {
            "title": f"{person.name}'s scores for {application.name}",
            "nav_section": SECTION,
            "application": application,
            "campaign": campaign,
            "person": person,
            "groups": list(grouped.items()),
            "sift": [(text, sifted.get(n)) for n, text in enumerate(campaign.post.criteria, start=1)],
            "scale": scoring.SCALE_LABELS,
        },
    )


# Appointment, offer and recommendation (APP-3, APP-6) -----------------------------------------


@GET_POST
@panel_view
def appoint(request: HttpRequest, pk: int) -> HttpResponse:
    """APP-3, APP-6: the decision to appoint with reasons, and the offer's terms."""
    application = _application(request, pk)
    campaign = application.campaign
    if not _may_appoint(request, campaign):
        raise PermissionDenied("Only the appointer can appoint.")
    form = AppointForm(request.POST if request.method == "POST" else None, post=campaign.post)
    if request.method == "POST":
        offer = submit(form, lambda d: services.appoint(actor=request.user, application=application, **d))
        if offer:
            messages.success(
                request,
                f"{application.name} is appointed and offered the post from {_date(offer.start_date)}. "
                "Record their answer when it arrives.",
            )
            return redirect("appointments:results", pk=campaign.pk)
    recommendations = (
        list(campaign.recommendations.select_related("member", "application"))
        if services.membership_recommends(campaign)
        else []
    )
    return form_page(
        request,
        form,
        title=f"Appoint {application.name}",
        submit_text="Appoint and make the offer",
        cancel=reverse("appointments:results", args=[campaign.pk]),
        caption=f"{campaign.reference}: {campaign.post.title}",
        section=SECTION,
        intro="Record why the panel chose this candidate and the terms of the offer. The candidate "
        "becomes a member of the committee when they accept.",
        template="appointments/assess/appoint.jinja",
        recommendations=recommendations,
        application=application,
    )


@GET_POST
@panel_view
def offer_response(request: HttpRequest, pk: int) -> HttpResponse:
    """APP-3, ORG-4: the lead records the candidate's answer, received by letter or email.
    Acceptance makes them a member of the committee, so its composition findings change."""
    application = _application(request, pk)
    campaign = application.campaign
    if not _is_lead(request, campaign):
        raise PermissionDenied("Only the governance lead records a candidate's answer.")
    offer = Offer.objects.filter(application=application).first()
    if offer is None:
        raise Http404
    form = OfferResponseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        done = submit(
            form,
            lambda d: services.offer_respond(actor=request.user, offer=offer, accept=d["answer"] == "accept"),
        )
        if done:
            messages.success(
                request,
                f"{application.name} {'accepted' if done.accepted else 'declined'} the offer."
                + (" They are now a member of the committee." if done.accepted else ""),
            )
            return redirect("appointments:offer_response", pk=application.pk)
    return form_page(
        request,
        form,
        title=f"{application.name}'s answer to the offer",
        submit_text="Record the answer",
        cancel=reverse("appointments:application_detail", args=[application.pk]),
        caption=f"{campaign.reference}: {campaign.post.title}",
        section=SECTION,
        template="appointments/assess/offer_response.jinja",
        offer=offer,
        application=application,
        committee=campaign.post.committee,
    )


@GET_POST
@trust_view("trust.view")
def recommend(request: HttpRequest, pk: int) -> HttpResponse:
    """APP-6 (Alliance "The Structure"): the new PEC's members recommend a shortlisted candidate for
    chair; the PCT chair appoints. PEC members see the shortlisted names only, never the scores."""
    campaign = (
        Campaign.objects.filter(trust_id=trust_id_of(request), pk=pk)
        .select_related("trust", "post", "post__committee")
        .first()
    )
    if campaign is None or not services.membership_recommends(campaign):
        raise Http404
    on_panel = queries.campaigns_for(request.user, campaign.trust_id).filter(pk=pk).exists()
    if not (on_panel or request.user.has_perm("appointments.recommend")):
        raise PermissionDenied("Only members of the PEC recommend its chair.")
    shortlisted = list(campaign.applications.filter(status=ApplicationStatus.SHORTLISTED).order_by("name"))
    recommendations = list(campaign.recommendations.select_related("member", "application"))
    person_id = roles_of(request.user).person_id
    mine = next((r for r in recommendations if r.member_id == person_id), None)
    initial = {"application": str(mine.application_id), "reason": mine.reason} if mine else {}
    form = RecommendForm(
        request.POST if request.method == "POST" else None, initial=initial, applications=shortlisted
    )
    if request.method == "POST":
        done = submit(
            form,
            lambda d: services.chair_recommend(
                actor=request.user, campaign=campaign, application=d["application"], reason=d["reason"]
            ),
        )
        if done:
            messages.success(request, f"Your recommendation of {done.application.name} is recorded.")
            return redirect("appointments:recommend", pk=campaign.pk)
    recommender = person_id in {p.pk for p in services.recommenders(campaign)}
    return form_page(
        request,
        form,
        title="Recommend a candidate for PEC chair",
        submit_text="Record my recommendation",
        cancel=reverse("home"),
        caption=f"{campaign.reference}: {campaign.post.title}",
        section=SECTION,
        template="appointments/assess/recommend.jinja",
        campaign=campaign,
        shortlisted=shortlisted,
        recommendations=recommendations,
        recommender=recommender,
        on_panel=on_panel,
        open=campaign.status == CampaignStatus.SHORTLISTED,
    )
