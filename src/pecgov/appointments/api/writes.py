"""The appointment round's forms over the API (PUB-2; APP-1 to APP-5, APP-7): a plan and its
steps, posts, campaigns (create, edit, advertise, complete), the panel, sift and interview
scores and the shortlist.

Each calls the service the page calls (pecgov.appointments.services), so the permission, the
checks, the history and the ledger event are the page's: the round is the governance lead's,
scores are a panel member's own, the shortlist is the panel chair's or the lead's. A campaign or
application the caller may not see is 404, as on the pages (APP-7); an edit sends the version
it read (If-Match, or `read_version` in the body) and is 412 with what changed if someone
changed the record since (X-5, pecgov.api.versions).
"""

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from ninja import Field, Schema, Status

from pecgov.api.auth import WRITE_AUTH
from pecgov.api.listing import fields_as, found, trust_of
from pecgov.api.versions import ETAG_DOC, IF_MATCH_HEADER, READ_VERSION_IN
from pecgov.appointments import queries, services
from pecgov.appointments.api.reads import (
    CAMPAIGN_EDITS,
    POST_EDITS,
    STEP_EDITS,
    CampaignDetailOut,
    PlanOut,
    PostOut,
    ScoreOut,
    SeatOut,
    campaign_detail,
    plan_out,
    post_out,
    router,
)
from pecgov.appointments.models import AppointmentPlan, Campaign, PanelSeat, PlanStep, Post
from pecgov.errors import DomainError
from pecgov.trust.models import Committee, Organisation, Person


class PlanIn(Schema):
    title: str = ""
    target_date: dt.date | None = None


class StepIn(Schema):
    owner_id: int | None = None
    due_date: dt.date | None = None
    done_on: dt.date | None = None
    note: str = ""
    read_version: str = READ_VERSION_IN


class PostIn(Schema):
    committee_id: int | None = None
    title: str = ""
    kind: str = ""
    membership_role: str = ""
    job_description: str = ""
    person_specification: str = ""
    competency_keys: list[str] | None = Field(None, description="Default: DH Annex B's for the kind of post")
    time_commitment: str = ""
    tenure_terms: str = ""


class PostEditIn(PostIn):
    read_version: str = READ_VERSION_IN


class CampaignFields(Schema):
    """What a campaign's form sets, added or edited (APP-3)."""

    vacancies: int = 0
    advert: str = ""
    opens_on: dt.date | None = None
    closes_on: dt.date | None = None
    interview_date: dt.date | None = None
    first_appointment: bool = False


class CampaignIn(CampaignFields):
    plan_id: int | None = None


class CampaignEditIn(CampaignFields):
    read_version: str = READ_VERSION_IN


class NoteIn(Schema):
    note: str = ""


class SeatIn(Schema):
    person_id: int | None = None
    role: str = ""
    is_chair: bool = False


class ScoreIn(Schema):
    criterion: str = Field(description="The person-specification line number (sift) or the competency key")
    score: int = Field(description="1 to 5")
    note: str = ""


class ScoresIn(Schema):
    scores: list[ScoreIn] = []


class ShortlistDecisionIn(Schema):
    application_id: int
    shortlisted: bool
    reason: str = ""


class ShortlistIn(Schema):
    decisions: list[ShortlistDecisionIn] = []
    note: str = ""


def _lead(request: HttpRequest) -> Organisation:
    return Organisation.objects.get(pk=trust_of(request, "appointments.manage"))


def _campaign_for_lead(request: HttpRequest, campaign_id: int) -> Campaign:
    trust = _lead(request)
    return found(Campaign.objects.select_related("post").get, Q(pk=campaign_id, trust_id=trust.pk))


def _detail(campaign: Campaign) -> dict[str, Any]:
    return campaign_detail(Campaign.objects.select_related("post").get(pk=campaign.pk))


@router.post("/appointments/plans", response={201: PlanOut}, auth=WRITE_AUTH)
def create_plan(request: HttpRequest, payload: PlanIn) -> Any:
    """A plan with DH Annex C's appointment steps, ready for owners and dates (APP-1); lead only."""
    plan = services.plan_create(actor=request.user, trust=_lead(request), **payload.model_dump())
    return Status(201, plan_out(queries.plans(plan.trust_id).get(pk=plan.pk)))


@router.post("/appointments/plans/steps/{step_id}", response={200: PlanOut}, auth=WRITE_AUTH)
def edit_plan_step(
    request: HttpRequest, step_id: int, payload: StepIn, if_match: str = IF_MATCH_HEADER
) -> Any:
    """A step's owner, due date, the day it was done and a note (APP-1, EFF-1), with the step's
    version read (If-Match or `read_version`: 412 if it changed since); lead only."""
    trust = _lead(request)
    step = found(PlanStep.objects.select_related("plan").get, Q(pk=step_id, plan__trust_id=trust.pk))
    owner = None
    if payload.owner_id is not None:
        owner = Person.objects.filter(pk=payload.owner_id, trust_id=trust.pk).first()
        if owner is None:
            raise DomainError({"owner_id": "Select a person in this trust"})
    with transaction.atomic(), fields_as({"owner": "owner_id"}):
        STEP_EDITS.check(step, if_match=if_match, read_version=payload.read_version)
        services.step_update(
            actor=request.user,
            step=step,
            owner=owner,
            due_date=payload.due_date,
            done_on=payload.done_on,
            note=payload.note,
        )
    return plan_out(queries.plans(trust.pk).get(pk=step.plan_id))


def _post_fields(trust: Organisation, payload: PostIn) -> dict[str, Any]:
    fields = payload.model_dump(exclude={"committee_id", "read_version", "competency_keys"})
    fields["committee"] = Committee.objects.filter(pk=payload.committee_id or 0, trust_id=trust.pk).first()
    if payload.competency_keys is not None:
        fields["competency_keys"] = payload.competency_keys
    return fields


@router.post("/appointments/posts", response={201: PostOut}, auth=WRITE_AUTH)
def create_post(request: HttpRequest, payload: PostIn) -> Any:
    """A post with its job description, person specification (one criterion a line) and the
    competencies candidates are scored against (APP-2); lead only."""
    trust = _lead(request)
    with fields_as({"committee": "committee_id"}):
        post = services.post_create(actor=request.user, trust=trust, **_post_fields(trust, payload))
    return Status(201, post_out(post))


@router.post(
    "/appointments/posts/{post_id}", response={200: PostOut}, auth=WRITE_AUTH, openapi_extra=ETAG_DOC
)
def edit_post(
    request: HttpRequest,
    post_id: int,
    payload: PostEditIn,
    response: HttpResponse,
    if_match: str = IF_MATCH_HEADER,
) -> Any:
    """Change a post (APP-2), with the version read (If-Match or `read_version`: 412 with what
    changed if someone changed it since): the specification is fixed once applications
    are sifted, the competencies once candidates are scored."""
    trust = _lead(request)
    post = found(Post.objects.select_related("committee").get, Q(pk=post_id, trust_id=trust.pk))
    fields = _post_fields(trust, payload)
    if payload.competency_keys is None:
        fields["competency_keys"] = post.competency_keys
    with transaction.atomic(), fields_as({"committee": "committee_id"}):
        POST_EDITS.check(post, if_match=if_match, read_version=payload.read_version)
        services.post_update(actor=request.user, post=post, **fields)
    saved = Post.objects.select_related("committee").get(pk=post.pk)
    POST_EDITS.tag(response, saved)
    return post_out(saved)


@router.post("/appointments/posts/{post_id}/campaigns", response={201: CampaignDetailOut}, auth=WRITE_AUTH)
def create_campaign(request: HttpRequest, post_id: int, payload: CampaignIn) -> Any:
    """A draft campaign for the post, numbered APP-<year>-<n>, its dates in order (APP-3)."""
    trust = _lead(request)
    post = found(Post.objects.get, Q(pk=post_id, trust_id=trust.pk))
    plan = None
    if payload.plan_id is not None:
        plan = AppointmentPlan.objects.filter(pk=payload.plan_id, trust_id=trust.pk).first()
        if plan is None:
            raise DomainError({"plan_id": "Select a plan in this trust"})
    with fields_as({"plan": "plan_id"}):
        campaign = services.campaign_create(
            actor=request.user, post=post, plan=plan, **payload.model_dump(exclude={"plan_id"})
        )
    return Status(201, _detail(campaign))


@router.post(
    "/appointments/campaigns/{campaign_id}",
    response={200: CampaignDetailOut},
    auth=WRITE_AUTH,
    openapi_extra=ETAG_DOC,
)
def edit_campaign(
    request: HttpRequest,
    campaign_id: int,
    payload: CampaignEditIn,
    response: HttpResponse,
    if_match: str = IF_MATCH_HEADER,
) -> Any:
    """Change a campaign (APP-3), with the version read (If-Match or `read_version`: 412 with what
    changed if someone changed it since): once advertised the opening date and
    vacancies stay; a complete campaign does not change."""
    campaign = _campaign_for_lead(request, campaign_id)
    with transaction.atomic():
        CAMPAIGN_EDITS.check(campaign, if_match=if_match, read_version=payload.read_version)
        services.campaign_update(
            actor=request.user, campaign=campaign, **payload.model_dump(exclude={"read_version"})
        )
    CAMPAIGN_EDITS.tag(response, Campaign.objects.get(pk=campaign.pk))
    return _detail(campaign)


@router.post(
    "/appointments/campaigns/{campaign_id}/advertise", response={200: CampaignDetailOut}, auth=WRITE_AUTH
)
def advertise_campaign(request: HttpRequest, campaign_id: int) -> Any:
    """Publish the advert: the post is on the public list of open posts until it closes (APP-3)."""
    campaign = _campaign_for_lead(request, campaign_id)
    return _detail(services.campaign_advertise(actor=request.user, campaign=campaign))


@router.post(
    "/appointments/campaigns/{campaign_id}/complete", response={200: CampaignDetailOut}, auth=WRITE_AUTH
)
def complete_campaign(request: HttpRequest, campaign_id: int, payload: NoteIn) -> Any:
    """Close the round: candidates not offered a post are told so (APP-3); refused while an offer
    waits for an answer."""
    campaign = _campaign_for_lead(request, campaign_id)
    return _detail(services.campaign_complete(actor=request.user, campaign=campaign, note=payload.note))


@router.post("/appointments/campaigns/{campaign_id}/panel", response={201: SeatOut}, auth=WRITE_AUTH)
def add_panel_seat(request: HttpRequest, campaign_id: int, payload: SeatIn) -> Any:
    """Seat someone on the interview panel (APP-4); the panel findings say what the policy expects."""
    campaign = _campaign_for_lead(request, campaign_id)
    person = Person.objects.filter(pk=payload.person_id or 0, trust_id=campaign.trust_id).first()
    with fields_as({"person": "person_id"}):
        seat = services.seat_add(
            actor=request.user, campaign=campaign, person=person, role=payload.role, is_chair=payload.is_chair
        )
    row = {"id": seat.pk, "person_id": seat.person_id, "person": seat.person.name, "role": seat.role}
    return Status(201, {**row, "is_chair": seat.is_chair})


@router.post("/appointments/panel-seats/{seat_id}/remove", response={204: None}, auth=WRITE_AUTH)
def remove_panel_seat(request: HttpRequest, seat_id: int) -> Any:
    """Take someone off the panel before they have scored anyone or had a conflict recorded (APP-4)."""
    trust = _lead(request)
    seat = found(
        PanelSeat.objects.select_related("campaign", "person").get, Q(pk=seat_id, campaign__trust_id=trust.pk)
    )
    services.seat_remove(actor=request.user, seat=seat)
    return Status(204, None)


def _own_scores(rows: list[Any], stage: str, criterion: str) -> list[dict[str, Any]]:
    return [
        {
            "stage": stage,
            "scorer_id": r.scorer_id,
            "scorer": r.scorer.name,
            "criterion": str(getattr(r, criterion)),
            "score": r.score,
            "note": r.note,
            "recorded_at": r.recorded_at,
        }
        for r in rows
    ]


def _application(request: HttpRequest, application_id: int) -> Any:
    """An application the caller may see (its campaign's panel or the lead, APP-7); else 404."""
    return found(queries.application_in_view, request.user, trust_of(request, "trust.view"), application_id)


@router.post(
    "/appointments/applications/{application_id}/sift", response={200: list[ScoreOut]}, auth=WRITE_AUTH
)
def record_sift(request: HttpRequest, application_id: int, payload: ScoresIn) -> Any:
    """Your own sift scores of one application, 1 to 5 against each line of the person
    specification (APP-3): panel members only; scoring again replaces your scores."""
    application = _application(request, application_id)
    scores: dict[Any, tuple[Any, str]] = {}
    for row in payload.scores:
        number = row.criterion.strip()
        if not (number.isascii() and number.isdigit() and len(number) <= 4):
            raise DomainError({"scores": f"{row.criterion} is not a line of the person specification"})
        scores[int(number)] = (row.score, row.note)
    with fields_as({f"criterion_{n}": "scores" for n in scores}):
        rows = services.sift_record(actor=request.user, application=application, scores=scores)
    return _own_scores(rows, "sift", "criterion")


@router.post(
    "/appointments/applications/{application_id}/interview", response={200: list[ScoreOut]}, auth=WRITE_AUTH
)
def record_interview(request: HttpRequest, application_id: int, payload: ScoresIn) -> Any:
    """Your own interview scores of one candidate, 1 to 5 against every competency of the post
    (APP-5): panel members only; scoring again replaces your scores."""
    application = _application(request, application_id)
    scores = {row.criterion: (row.score, row.note) for row in payload.scores}
    with fields_as({f"score_{key}": "scores" for key in scores}):
        rows = services.interview_record(actor=request.user, application=application, scores=scores)
    return _own_scores(rows, "interview", "competency")


@router.post(
    "/appointments/campaigns/{campaign_id}/shortlist", response={200: CampaignDetailOut}, auth=WRITE_AUTH
)
def record_shortlist(request: HttpRequest, campaign_id: int, payload: ShortlistIn) -> Any:
    """The shortlist, a decision and a reason for every application (APP-3): the panel's chair or
    the lead, once, after the closing date."""
    campaign = found(queries.campaign_in_view, request.user, trust_of(request, "trust.view"), campaign_id)
    decisions = {d.application_id: (d.shortlisted, d.reason) for d in payload.decisions}
    names = {f"decision_{pk}": "decisions" for pk in decisions} | {
        f"reason_{pk}": "decisions" for pk in decisions
    }
    with fields_as(names):
        services.shortlist_record(
            actor=request.user, campaign=campaign, decisions=decisions, note=payload.note
        )
    return _detail(campaign)
