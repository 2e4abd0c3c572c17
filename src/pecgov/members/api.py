"""A member's year over the API (PUB-2): objectives, reviews, development records, the pay
framework, claims (read and submit) and the pay-equity report (PERF-1 to PERF-4, REM-1, REM-2).

The same permissions, queries and services as the pages. Appraisals are not served: their
content is confidential to the member and their appraisers (PERF-3, X-1).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from pecgov.api.auth import WRITE_AUTH
from pecgov.api.listing import Order, Paged, trust_of
from pecgov.members import queries
from pecgov.members.models import Claim, Induction, Objective, Review, TrainingRecord
from pecgov.members.services import pay as pay_services
from pecgov.policy.services import effective_policy
from pecgov.trust.models import Organisation
from pecgov.trust.roles import roles_of

router = Router(tags=["members"])

OBJECTIVE_ORDER = Order(
    {"person": "membership__person__name", "due_date": "due_date"}, None, "person, then due date"
)
REVIEW_ORDER = Order({"held_on": "held_on", "person": "membership__person__name"}, None, "newest first")
CLAIM_ORDER = Order(
    {"month": "month", "person": "membership__person__name", "status": "status"}, None, "newest month first"
)


def _trust_id(request: HttpRequest, perm: str = "members.view") -> int:
    return trust_of(request, perm)


class ObjectiveOut(Schema):
    id: int
    member: str
    membership_id: int
    year_start: dt.date
    title: str
    measure: str
    lead_area: str | None
    workstream: str
    due_date: dt.date
    agreed: bool
    member_signed_on: dt.date | None
    accountable_signed_on: dt.date | None
    rag: str

    @staticmethod
    def resolve_member(obj: Objective) -> str:
        return obj.membership.person.name

    @staticmethod
    def resolve_lead_area(obj: Objective) -> str | None:
        return obj.lead_area.area if obj.lead_area else None


class ReviewOut(Schema):
    id: int
    member: str
    membership_id: int
    held_on: dt.date
    reviewer: str
    chief_executive_present: bool
    actions: str

    @staticmethod
    def resolve_member(obj: Review) -> str:
        return obj.membership.person.name

    @staticmethod
    def resolve_reviewer(obj: Review) -> str:
        return obj.reviewer.name


class TrainingOut(Schema):
    id: int
    member: str
    course: str
    provider: str
    start_date: dt.date
    end_date: dt.date
    hours: Decimal
    leadership: bool
    pdp_action_id: int | None

    @staticmethod
    def resolve_member(obj: TrainingRecord) -> str:
        return obj.person.name


class InductionOut(Schema):
    membership_id: int
    member: str
    mentor: str | None
    done: dict[str, str]
    completed_on: dt.date | None

    @staticmethod
    def resolve_member(obj: Induction) -> str:
        return obj.membership.person.name

    @staticmethod
    def resolve_mentor(obj: Induction) -> str | None:
        return obj.mentor.name if obj.mentor else None


class DevelopmentOut(Schema):
    inductions: list[InductionOut]
    training: list[TrainingOut]


class RateOut(Schema):
    role: str
    basis: str
    sessions_per_week: Decimal
    rate_per_session: Decimal
    annual_allowance: Decimal
    locum_rate_per_session: Decimal


class ClaimOut(Schema):
    id: int
    member: str
    membership_id: int
    month: dt.date
    sessions: Decimal
    locum_sessions: Decimal
    locum_cost: Decimal
    status: str
    return_reason: str
    decided_on: dt.date | None

    @staticmethod
    def resolve_member(obj: Claim) -> str:
        return obj.membership.person.name


class ClaimIn(Schema):
    month: dt.date
    sessions: Decimal
    locum_sessions: Decimal = Decimal(0)
    locum_cost: Decimal = Decimal(0)


class PayOut(Schema):
    member: str
    profession: str
    role: str
    basis: str
    rate: Decimal
    sessions_per_week: Decimal
    annualised: Decimal


class InequityOut(Schema):
    role: str
    basis: str
    lowest: Decimal
    highest: Decimal
    difference: Decimal
    members: list[str]


class PayEquityOut(Schema):
    tolerance_percent: int
    rows: list[PayOut]
    findings: list[InequityOut]


@router.get("/members/objectives", response=list[ObjectiveOut])
@paginate(Paged, order=OBJECTIVE_ORDER)
def list_member_objectives(request: HttpRequest) -> Any:
    """Objectives (PERF-1): your own; for the PEC chair, the PCT chair, the chief executive and
    the governance lead, every PEC member's."""
    return queries.objectives_for(request.user, _trust_id(request))


@router.get("/members/reviews", response=list[ReviewOut])
@paginate(Paged, order=REVIEW_ORDER)
def list_member_reviews(request: HttpRequest) -> Any:
    """Review meetings (PERF-2), newest first, seen as objectives are."""
    return queries.reviews_for(request.user, _trust_id(request))


@router.get("/members/development", response=DevelopmentOut)
def get_member_development(request: HttpRequest) -> Any:
    """Induction, mentors and training records (PERF-4), seen as objectives are."""
    trust_id = _trust_id(request)
    roles = roles_of(request.user)
    seats = list(queries.pec_seats(trust_id))
    if not request.user.has_perm("members.overview"):
        seats = [m for m in seats if m.person_id == roles.person_id]
    inductions = Induction.objects.filter(membership__in=seats).select_related("membership__person", "mentor")
    training = queries.training_of([m.person_id for m in seats]).order_by("person__name", "-start_date", "pk")
    return {"inductions": list(inductions), "training": list(training)}


@router.get("/members/pay-framework", response=list[RateOut])
def list_pay_framework(request: HttpRequest) -> Any:
    """The trust's remuneration framework (REM-1): a rate per role and the locum-backfill rate."""
    return queries.framework(_trust_id(request))


@router.get("/members/claims", response=list[ClaimOut])
@paginate(Paged, order=CLAIM_ORDER)
def list_member_claims(request: HttpRequest) -> Any:
    """Claims (REM-1): your own; the governance lead sees every claim."""
    return queries.claims_for(request.user, _trust_id(request))


@router.post("/members/claims", response={201: ClaimOut}, auth=WRITE_AUTH)
def create_member_claim(request: HttpRequest, payload: ClaimIn) -> Any:
    """Claim the sessions you worked in a month and the locum cost of covering your practice
    (REM-1), for your own current PEC seat. A broken rule is 422 with each field's message and
    saves nothing; a user without a PEC seat is 403."""
    trust_id = _trust_id(request)
    person_id = roles_of(request.user).person_id
    own = [m for m in queries.pec_seats(trust_id) if m.person_id == person_id]
    if not own:
        raise HttpError(403, "Only a member of the PEC claims sessions")
    claim = pay_services.claim_submit(
        actor=request.user,
        membership=own[0],
        month=payload.month,
        sessions=payload.sessions,
        locum_sessions=payload.locum_sessions,
        locum_cost=payload.locum_cost,
    )
    return Status(201, queries.claims_for(request.user, trust_id).get(pk=claim.pk))


@router.get("/members/pay-equity", response=PayEquityOut)
def get_pay_equity(request: HttpRequest) -> Any:
    """The pay-equity report (REM-2): what each member is paid by role and profession, and each
    role where members of different professions are paid differently beyond the tolerance."""
    trust = Organisation.objects.get(pk=_trust_id(request, "members.view_pay"))
    policy = effective_policy(trust)
    rows = queries.pay_rows(trust.pk)
    return {
        "tolerance_percent": queries.policy_int(policy, "members.pay_equity_tolerance_percent", 0),
        "rows": [{**r.__dict__, "annualised": r.annualised} for r in rows],
        "findings": [
            {**f.__dict__, "difference": f.difference, "members": list(f.members)}
            for f in queries.pay_findings(trust.pk, policy)
        ],
    }
