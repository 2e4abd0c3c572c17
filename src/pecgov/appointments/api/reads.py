"""Appointments over the API, the reads (PUB-2; APP-1 to APP-7): plans, posts, campaigns and
their panels, and applications and scores only to those entitled (APP-7).

The same permissions and lookups as the pages: plans and posts are the governance lead's
("appointments.manage"); campaigns are seen by the lead and by those on the campaign's panel
(`queries.campaigns_for`), so anyone else in the trust gets 404 for a campaign or an application,
never learning who applied. Scores: the panel's chair and the lead see every panel member's; a
panel member sees their own.
"""

import datetime as dt
from typing import Any

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema
from ninja.pagination import paginate

from pecgov.api.listing import Order, Paged, Rows, found, sorted_rows, trust_of
from pecgov.api.versions import ETAG_DOC, READ_VERSION_OUT, Editable
from pecgov.appointments import queries
from pecgov.appointments.models import Application, Campaign, InterviewScore, PlanStep, Post, SiftScore
from pecgov.appointments.rules import seat_of
from pecgov.trust.queries import people_named

router = Router(tags=["appointments"])

# What each edit sets, by the body's names, and the page's words for each (setup/forms.py): an
# edit read at another version is refused with what changed (X-5, pecgov.api.versions).
STEP_EDITS: Editable[PlanStep] = Editable.named(
    {"owner_id": "owner", "due_date": "due date", "done_on": "date done", "note": "note"},
    shown={"owner_id": people_named},
)
POST_EDITS: Editable[Post] = Editable.named(
    {
        "committee_id": "committee",
        "title": "title of the post",
        "kind": "chair or member",
        "membership_role": "seat the appointee will hold",
        "job_description": "job description",
        "person_specification": "person specification",
        "competency_keys": "competencies",
        "time_commitment": "time commitment",
        "tenure_terms": "tenure terms",
    }
)
CAMPAIGN_EDITS: Editable[Campaign] = Editable.named(
    {
        "vacancies": "how many posts the round fills",
        "advert": "advert",
        "opens_on": "applications open",
        "closes_on": "closing date",
        "interview_date": "interview date",
        "first_appointment": "first appointment to a new PEC",
    }
)


class StepOut(Schema):
    id: int
    key: str
    position: int
    owner: str | None
    due_date: dt.date | None
    done_on: dt.date | None
    note: str
    read_version: str = READ_VERSION_OUT


class PlanOut(Schema):
    id: int
    title: str
    target_date: dt.date
    steps: list[StepOut]


class PostOut(Schema):
    id: int
    committee_id: int
    committee: str
    title: str
    kind: str
    membership_role: str
    job_description: str
    person_specification: str
    competency_keys: list[str]
    time_commitment: str
    tenure_terms: str
    read_version: str = READ_VERSION_OUT


class SeatOut(Schema):
    id: int
    person_id: int
    person: str
    role: str
    is_chair: bool


class CampaignOut(Schema):
    id: int
    reference: str
    post_id: int
    post: str
    plan_id: int | None
    vacancies: int
    opens_on: dt.date
    closes_on: dt.date
    interview_date: dt.date | None
    status: str


class CampaignDetailOut(CampaignOut):
    advert: str
    first_appointment: bool
    panel: list[SeatOut]
    read_version: str = READ_VERSION_OUT


class ApplicationOut(Schema):
    id: int
    campaign_id: int
    name: str
    email: str
    profession: str
    organisation_id: int | None
    practising: bool
    has_caseload: bool
    submitted_at: dt.datetime
    status: str
    shortlist_reason: str


class ScoreOut(Schema):
    stage: str  # "sift" or "interview"
    scorer_id: int
    scorer: str
    criterion: str  # the person-specification line number (sift) or the competency key
    score: int
    note: str
    recorded_at: dt.datetime


def step_out(s: PlanStep) -> dict[str, Any]:
    return {
        "id": s.pk,
        "read_version": STEP_EDITS.read_version(s),
        "key": s.key,
        "position": s.position,
        "owner": s.owner.name if s.owner else None,
        "due_date": s.due_date,
        "done_on": s.done_on,
        "note": s.note,
    }


def plan_out(plan: Any) -> dict[str, Any]:
    steps = [step_out(s) for s in plan.steps.all()]
    return {"id": plan.pk, "title": plan.title, "target_date": plan.target_date, "steps": steps}


def _campaign_out(c: Campaign) -> dict[str, Any]:
    return {
        "id": c.pk,
        "reference": c.reference,
        "post_id": c.post_id,
        "post": c.post.title,
        "plan_id": c.plan_id,
        "vacancies": c.vacancies,
        "opens_on": c.opens_on,
        "closes_on": c.closes_on,
        "interview_date": c.interview_date,
        "status": c.status,
    }


PLAN_ORDER = Order({"target_date": "target_date", "title": "title"}, "-target_date")
POST_ORDER = Order({"title": "title", "committee": "committee__name", "kind": "kind"}, "title")


@router.get("/appointments/plans", response=list[PlanOut])
@paginate(Paged, order=PLAN_ORDER)
def list_appointment_plans(request: HttpRequest) -> Any:
    """Appointment plans with their steps, owners and dates (APP-1); governance lead only."""
    trust_id = trust_of(request, "appointments.manage")
    return Rows(queries.plans(trust_id), plan_out)


@router.get("/appointments/plans/steps/{step_id}", response=StepOut, openapi_extra=ETAG_DOC)
def get_plan_step(request: HttpRequest, step_id: int, response: HttpResponse) -> Any:
    """One step of an appointment plan (APP-1); governance lead only. The ETag (and
    `read_version`) is for an edit of the step (X-5)."""
    trust_id = trust_of(request, "appointments.manage")
    step = found(PlanStep.objects.select_related("owner").get, Q(pk=step_id, plan__trust_id=trust_id))
    STEP_EDITS.tag(response, step)
    return step_out(step)


def post_out(p: Any) -> dict[str, Any]:
    return {
        **{f: getattr(p, f) for f in PostOut.model_fields if f not in ("committee", "read_version")},
        "committee": p.committee.name,
        "read_version": POST_EDITS.read_version(p),
    }


@router.get("/appointments/posts", response=list[PostOut])
@paginate(Paged, order=POST_ORDER)
def list_appointment_posts(request: HttpRequest) -> Any:
    """Posts: the job description, person specification and competencies (APP-2); lead only."""
    return Rows(queries.posts(trust_of(request, "appointments.manage")), post_out)


@router.get("/appointments/posts/{post_id}", response=PostOut, openapi_extra=ETAG_DOC)
def get_appointment_post(request: HttpRequest, post_id: int, response: HttpResponse) -> Any:
    """One post (APP-2); lead only. The ETag (and `read_version`) is for an edit (X-5)."""
    post = found(queries.posts(trust_of(request, "appointments.manage")).get, Q(pk=post_id))
    POST_EDITS.tag(response, post)
    return post_out(post)


CAMPAIGN_ORDER = Order(
    {"reference": "reference", "opens_on": "opens_on", "closes_on": "closes_on", "status": "status"},
    "-closes_on",
)


@router.get("/appointments/campaigns", response=list[CampaignOut])
@paginate(Paged, order=CAMPAIGN_ORDER)
def list_campaigns(request: HttpRequest) -> Any:
    """Campaigns, latest closing first (APP-3): every one for the lead, else those on whose
    panel the caller sits."""
    trust_id = trust_of(request, "appointments.view")
    return Rows(queries.campaigns_for(request.user, trust_id), _campaign_out)


def _campaign(request: HttpRequest, campaign_id: int) -> Campaign:
    return found(queries.campaign_in_view, request.user, trust_of(request, "trust.view"), campaign_id)


@router.get("/appointments/campaigns/{campaign_id}", response=CampaignDetailOut, openapi_extra=ETAG_DOC)
def get_campaign(request: HttpRequest, campaign_id: int, response: HttpResponse) -> Any:
    """One campaign with its advert and its panel (APP-3, APP-4); the ETag (and `read_version`)
    is for an edit (X-5)."""
    campaign = _campaign(request, campaign_id)
    CAMPAIGN_EDITS.tag(response, campaign)
    return campaign_detail(campaign)


def campaign_detail(campaign: Campaign) -> dict[str, Any]:
    panel = [
        {
            "id": s.pk,
            "person_id": s.person_id,
            "person": s.person.name,
            "role": s.role,
            "is_chair": s.is_chair,
        }
        for s in queries.seats(campaign)
    ]
    return {
        **_campaign_out(campaign),
        "advert": campaign.advert,
        "first_appointment": campaign.first_appointment,
        "panel": panel,
        "read_version": CAMPAIGN_EDITS.read_version(campaign),
    }


def _application_out(a: Application) -> dict[str, Any]:
    return {f: getattr(a, f) for f in ApplicationOut.model_fields}


APPLICATION_ORDER = {"name": "name", "submitted_at": "submitted_at", "status": "status"}
SCORE_ORDER = {"scorer": "scorer", "stage": "stage", "criterion": "criterion", "score": "score"}


@router.get("/appointments/campaigns/{campaign_id}/applications", response=list[ApplicationOut])
def list_applications(request: HttpRequest, campaign_id: int, ordering: str = "name") -> Any:
    """The campaign's applications (APP-3): its panel and the lead only (APP-7). `ordering`:
    name, submitted_at or status (- in front to reverse)."""
    rows = [_application_out(a) for a in queries.applications(_campaign(request, campaign_id))]
    return sorted_rows(rows, ordering, APPLICATION_ORDER, "name")


@router.get("/appointments/applications/{application_id}/scores", response=list[ScoreOut])
def list_application_scores(request: HttpRequest, application_id: int, ordering: str = "") -> Any:
    """Sift and interview scores for one application (APP-3, APP-5). The panel's chair and the
    lead see everyone's; another panel member sees only their own (APP-7). `ordering`: scorer,
    stage, criterion or score (- in front to reverse); by default sift scores, then interview
    scores, each by scorer."""
    trust_id = trust_of(request, "trust.view")
    application = found(queries.application_in_view, request.user, trust_id, application_id)
    sift = SiftScore.objects.filter(application=application).select_related("scorer")
    interview = InterviewScore.objects.filter(application=application).select_related("scorer")
    if not request.user.has_perm("appointments.chair_panel", application.campaign):
        seat = seat_of(request.user, application.campaign)
        person_id = seat.person_id if seat is not None else -1
        sift, interview = sift.filter(scorer_id=person_id), interview.filter(scorer_id=person_id)
    rows: list[tuple[str, SiftScore | InterviewScore, str]] = [
        ("sift", s, str(s.criterion)) for s in sift.order_by("scorer__name", "criterion", "id")
    ]
    rows += [("interview", s, s.competency) for s in interview.order_by("scorer__name", "competency", "id")]
    scores = [
        {
            "stage": stage,
            "scorer_id": s.scorer_id,
            "scorer": s.scorer.name,
            "criterion": criterion,
            "score": s.score,
            "note": s.note,
            "recorded_at": s.recorded_at,
        }
        for stage, s, criterion in rows
    ]
    return sorted_rows(scores, ordering, SCORE_ORDER, "scorer") if ordering else scores
