"""Interview results, score sheets, the appointment and offer, and the Alliance chair
recommendation (APP-5, APP-6, APP-7). Only the campaign's panel and the governance lead see the
results; the new PEC's members see the shortlisted names to recommend a chair, never the scores."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from pecgov.appointments import framework, queries, scoring, services
from pecgov.appointments.assess.common import (
    SECTION,
    application_of,
    campaign_of,
    is_lead,
    long_date,
    may_appoint_here,
    panel_view,
    people_of,
)
from pecgov.appointments.assess.forms import (
    AppointForm,
    OfferResponseForm,
    RecommendForm,
)
from pecgov.appointments.enums import ApplicationStatus, CampaignStatus
from pecgov.appointments.models import (
    Application,
    Campaign,
    ChairRecommendation,
    InterviewScore,
    Offer,
    SiftScore,
)
from pecgov.trust.roles import roles_of
from pecgov.ui.viewkit import GET_POST, form_view, posted, trust_id_of, trust_view


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
    campaign = campaign_of(request, pk)
    apps = queries.applications(campaign, [str(s) for s in services.INTERVIEWED])
    by_id = {str(a.pk): a for a in apps}
    seats = queries.seats(campaign)
    people = people_of(seats)
    names = {str(p.pk): p.name for p in people}
    competencies = services.campaign_competencies(campaign)
    texts = {c.key: c.text for c in competencies}
    may_appoint = may_appoint_here(request, campaign)
    offers = {o.application_id: o for o in Offer.objects.filter(application__campaign=campaign)}
    alliance = services.membership_recommends(campaign)
    recommended: dict[int, list[ChairRecommendation]] = defaultdict(list)
    if alliance:
        for rec in campaign.recommendations.select_related("member").order_by("member__name"):
            recommended[rec.application_id].append(rec)
    tally = services.recommendation_tally(campaign) if alliance else None
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
                and not services.appoint_problems(application, alliance=alliance, tally=tally),
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
            "tally": tally,
            "is_lead": is_lead(request, campaign),
            "pass_mark": services.scoring_marks(campaign)[0],
        },
    )


@panel_view
def score_sheet(request: HttpRequest, pk: int, scorer: int) -> HttpResponse:
    """APP-5, APP-7: one panel member's scores and notes for one candidate. A read by anyone but
    the author goes in the audit trail."""
    application = application_of(request, pk)
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
    # APP-4, COI-3: a member who stepped aside from this candidate has no scores, and says why.
    own_seats = [seat for seat in queries.seats(campaign) if seat.person_id == person.pk]
    stepped_aside = [
        flag for flag in services.panel_flags(campaign, own_seats, [application]).values() if flag.steps_aside
    ]
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
            "stepped_aside": "; ".join(
                reason
                for flag in stepped_aside
                for reason in (*flag.reasons, flag.record.handling_reason if flag.record else "")
                if reason
            )
            if stepped_aside
            else "",
            "steps_aside": bool(stepped_aside),
        },
    )


# Appointment, offer and recommendation (APP-3, APP-6) -----------------------------------------


@GET_POST
@panel_view
def appoint(request: HttpRequest, pk: int) -> HttpResponse:
    """APP-3, APP-6: the decision to appoint with reasons, and the offer's terms."""
    application = application_of(request, pk)
    campaign = application.campaign
    if not may_appoint_here(request, campaign):
        raise PermissionDenied("Only the appointer can appoint.")
    recommendations = (
        list(campaign.recommendations.select_related("member", "application"))
        if services.membership_recommends(campaign)
        else []
    )
    return form_view(
        request,
        AppointForm(posted(request), post=campaign.post),
        save=lambda d: services.appoint(actor=request.user, application=application, **d),
        done=lambda offer: (
            f"{application.name} is appointed and offered the post from "
            f"{long_date(offer.start_date)}. Record their answer when it arrives."
        ),
        then=lambda _: reverse("appointments:results", args=[campaign.pk]),
        title=f"Appoint {application.name}",
        submit_text="Appoint and make the offer",
        cancel=reverse("appointments:results", args=[campaign.pk]),
        caption=f"{campaign.reference}: {campaign.post.title}",
        section=SECTION,
        intro="Record why the panel chose this candidate and the terms of the offer. The candidate "
        "becomes a member of the committee when they accept.",
        template="appointments/assess/appoint.jinja",
        recommendations=recommendations,
        tally=services.recommendation_tally(campaign) if recommendations else None,
        application=application,
    )


@GET_POST
@panel_view
def offer_response(request: HttpRequest, pk: int) -> HttpResponse:
    """APP-3, ORG-4: the lead records the candidate's answer, received by letter or email.
    Acceptance makes them a member of the committee, so its composition findings change."""
    application = application_of(request, pk)
    campaign = application.campaign
    if not is_lead(request, campaign):
        raise PermissionDenied("Only the governance lead records a candidate's answer.")
    offer = Offer.objects.filter(application=application).first()
    if offer is None:
        raise Http404
    return form_view(
        request,
        OfferResponseForm(posted(request)),
        save=lambda d: services.offer_respond(
            actor=request.user, offer=offer, accept=d["answer"] == "accept"
        ),
        done=lambda done: (
            f"{application.name} {'accepted' if done.accepted else 'declined'} the offer."
            + (" They are now a member of the committee." if done.accepted else "")
        ),
        then=lambda _: reverse("appointments:offer_response", args=[application.pk]),
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
    recommender = person_id in {p.pk for p in services.recommenders(campaign)}
    return form_view(
        request,
        RecommendForm(posted(request), initial=initial, applications=shortlisted),
        save=lambda d: services.chair_recommend(
            actor=request.user, campaign=campaign, application=d["application"], reason=d["reason"]
        ),
        done=lambda done: f"Your recommendation of {done.application.name} is recorded.",
        then=lambda _: reverse("appointments:recommend", args=[campaign.pk]),
        title="Recommend a candidate for PEC chair",
        submit_text="Record my recommendation",
        cancel=reverse("home"),
        caption=f"{campaign.reference}: {campaign.post.title}",
        section=SECTION,
        template="appointments/assess/recommend.jinja",
        campaign=campaign,
        shortlisted=shortlisted,
        recommendations=recommendations,
        tally=services.recommendation_tally(campaign),
        recommender=recommender,
        on_panel=on_panel,
        open=campaign.status == CampaignStatus.SHORTLISTED,
    )
