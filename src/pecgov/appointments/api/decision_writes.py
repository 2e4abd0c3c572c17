"""The decision pages' forms over the API (PUB-2; APP-3, APP-6, ORG-4): the appointment with its
reasons and the offer's terms, the candidate's answer as the lead records it, and under the
Alliance chair model the PEC members' recommendation of a chair.

Each calls the service its page calls, after the page's own check: the appointer is the panel's
chair or the lead ("appointments.appoint"; the PCT chair for an Alliance PEC chair); the answer
is recorded by the governance lead; a recommendation is a PEC member's. An application the caller
may not see is 404 (APP-7); a broken rule is 422 with the field sent named; nothing is saved.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Field, Schema, Status

from pecgov.api.auth import WRITE_AUTH
from pecgov.api.listing import found, trust_of
from pecgov.appointments import queries, services
from pecgov.appointments.api.reads import router
from pecgov.appointments.enums import ApplicationStatus
from pecgov.appointments.models import Application, Campaign, ChairRecommendation, Offer
from pecgov.errors import DomainError

ANSWER_HELP = "accept or decline"
ANSWER_MESSAGE = "Select whether the candidate accepted or declined the offer"
TIME_COMMITMENT_MAX = 200  # the page's limit (AppointForm)


class AppointIn(Schema):
    reason: str = ""
    start_date: dt.date | None = None
    tenure_terms: str | None = Field(None, description="Default: the post's terms of tenure")
    time_commitment: str | None = Field(None, description="Default: the post's time commitment")
    respond_by: dt.date | None = Field(None, description="Default: the policy's number of days from today")


class OfferOut(Schema):
    id: int
    application_id: int
    candidate: str
    status: str
    offered_on: dt.date
    start_date: dt.date
    tenure_terms: str
    time_commitment: str
    respond_by: dt.date | None
    accepted: bool | None
    responded_on: dt.date | None
    membership_id: int | None
    recommendation: str


class AnswerIn(Schema):
    answer: str = Field("", description=ANSWER_HELP)


class RecommendIn(Schema):
    application_id: int | None = None
    reason: str = ""


class RecommendationOut(Schema):
    id: int
    campaign_id: int
    member: str
    application_id: int
    candidate: str
    reason: str
    recorded_at: dt.datetime
    tally: str


def offer_out(offer: Offer) -> dict[str, Any]:
    application = offer.application
    fields = ["offered_on", "start_date", "tenure_terms", "time_commitment", "respond_by", "accepted"]
    fields += ["responded_on", "membership_id", "recommendation"]
    return {
        "id": offer.pk,
        "application_id": application.pk,
        "candidate": application.name,
        "status": application.status,
        **{f: getattr(offer, f) for f in fields},
    }


def _application(request: HttpRequest, application_id: int) -> Application:
    """The application if the caller may see it (its campaign's panel or the lead); else 404."""
    return found(queries.application_in_view, request.user, trust_of(request, "trust.view"), application_id)


@router.post("/appointments/applications/{application_id}/appoint", response={201: OfferOut}, auth=WRITE_AUTH)
def appoint(request: HttpRequest, application_id: int, payload: AppointIn) -> Any:
    """Appoint a shortlisted, interviewed candidate with the reasons, and make the offer (APP-3,
    APP-6): the panel, its conflicts and the scores must allow it, as on the page. The panel's
    chair or the lead appoints (under the Alliance chair model, the PCT chair the PEC chair)."""
    application = _application(request, application_id)
    campaign = application.campaign
    if not request.user.has_perm("appointments.appoint", campaign):
        raise PermissionDenied("Only the appointer can appoint.")
    post = campaign.post
    terms = post.tenure_terms if payload.tenure_terms is None else payload.tenure_terms
    commitment = post.time_commitment if payload.time_commitment is None else payload.time_commitment
    if len(commitment) > TIME_COMMITMENT_MAX:
        raise DomainError(
            {"time_commitment": f"The time commitment must be {TIME_COMMITMENT_MAX} characters or fewer"}
        )
    offer = services.appoint(
        actor=request.user,
        application=application,
        reason=payload.reason,
        start_date=payload.start_date,
        tenure_terms=terms,
        time_commitment=commitment,
        respond_by=payload.respond_by,
    )
    return Status(201, offer_out(offer))


def answer_offer(request: HttpRequest, application: Application, answer: str) -> Offer:
    """The answer to the offer, through the service (which asks "appointments.answer_offer")."""
    offer = Offer.objects.filter(application=application).select_related("application").first()
    if offer is None:
        raise Http404
    if answer not in {"accept", "decline"}:
        raise DomainError({"answer": ANSWER_MESSAGE})
    return services.offer_respond(actor=request.user, offer=offer, accept=answer == "accept")


@router.post("/appointments/applications/{application_id}/offer", response={200: OfferOut}, auth=WRITE_AUTH)
def record_offer_answer(request: HttpRequest, application_id: int, payload: AnswerIn) -> Any:
    """The candidate's answer to the offer, received by letter or email (APP-3, ORG-4): `answer`
    is accept or decline. Acceptance makes them a member of the committee. Governance lead only;
    an application without an offer is 404."""
    application = _application(request, application_id)
    if not request.user.has_perm("trust.manage", application.campaign):
        raise PermissionDenied("Only the governance lead records a candidate's answer.")
    return offer_out(answer_offer(request, application, payload.answer))


@router.post(
    "/appointments/campaigns/{campaign_id}/recommendation", response={200: RecommendationOut}, auth=WRITE_AUTH
)
def recommend_chair(request: HttpRequest, campaign_id: int, payload: RecommendIn) -> Any:
    """Under the Alliance chair model, a current PEC member recommends a shortlisted candidate for
    chair, with a reason (APP-6); recommending again replaces theirs. PEC members see the
    shortlisted names, never the scores. A campaign where the panel appoints its chair is 404."""
    trust_id = trust_of(request, "trust.view")
    campaign = (
        Campaign.objects.filter(trust_id=trust_id, pk=campaign_id)
        .select_related("trust", "post", "post__committee")
        .first()
    )
    if campaign is None or not services.membership_recommends(campaign):
        raise Http404
    on_panel = queries.campaigns_for(request.user, trust_id).filter(pk=campaign_id).exists()
    if not (on_panel or request.user.has_perm("appointments.recommend")):
        raise PermissionDenied("Only members of the PEC recommend its chair.")
    chosen = campaign.applications.filter(
        status=ApplicationStatus.SHORTLISTED, pk=payload.application_id or 0
    ).first()
    if chosen is None:
        raise DomainError({"application_id": "Select the candidate you recommend"})
    record = services.chair_recommend(
        actor=request.user, campaign=campaign, application=chosen, reason=payload.reason
    )
    return recommendation_out(record, services.recommendation_tally(campaign).summary)


def recommendation_out(record: ChairRecommendation, tally: str) -> dict[str, Any]:
    return {
        "id": record.pk,
        "campaign_id": record.campaign_id,
        "member": record.member.name,
        "application_id": record.application_id,
        "candidate": record.application.name,
        "reason": record.reason,
        "recorded_at": record.recorded_at,
        "tally": tally,
    }
