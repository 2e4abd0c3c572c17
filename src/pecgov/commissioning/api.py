"""Plans and business cases over the API (PUB-2; PBC-1, PBC-2, PBC-4, X-1).

The same scoping as the pages: a practice or PBC group lead sees only their own
organisation's cases, everyone else who may see cases sees the trust's; a case the
caller may not see, or another trust's, is 404. Submitting goes through
`services.case_submit`, so the API routes and validates exactly as the form does.
"""

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import StrictInt

from pecgov.api.auth import WRITE_AUTH
from pecgov.api.listing import Order, Paged
from pecgov.commissioning import queries, register, services
from pecgov.commissioning.enums import Aspect, CaseStatus
from pecgov.commissioning.models import BusinessCase
from pecgov.commissioning.scrutiny import criteria_for
from pecgov.delegation.enums import Decider
from pecgov.errors import DomainError
from pecgov.trust.models import Organisation
from pecgov.trust.roles import roles_of

router = Router(tags=["commissioning"])


def _trust_id(request: HttpRequest, perm: str) -> int:
    roles = roles_of(request.user)
    if roles.trust_id is None or not request.user.has_perm(perm):
        raise HttpError(403, "Your role does not allow this")
    return roles.trust_id


class CaseOut(Schema):
    id: int
    reference: str
    kind: str
    title: str
    value: int
    status: str
    status_label: str
    submitter_id: int
    submitter: str
    submitted_on: dt.date
    target_date: dt.date
    decider: str
    decider_label: str
    committee_id: int | None
    decided_on: dt.date | None

    @staticmethod
    def resolve_status_label(obj: BusinessCase) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_submitter(obj: BusinessCase) -> str:
        return obj.submitter.name

    @staticmethod
    def resolve_decider_label(obj: BusinessCase) -> str:
        return obj.get_decider_display()


class RouteOut(Schema):
    decider: str
    decider_label: str
    reason: str
    scheme_version: int
    committee_id: int | None
    committee: str | None


class TimingOut(Schema):
    days: int
    target_days: int
    target_date: dt.date
    late: bool
    warning: str


class ScrutinyOut(Schema):
    aspect: str
    criterion: str
    assessment: str
    comment: str
    assessor: str
    recorded_at: dt.datetime


class DocumentOut(Schema):
    id: int
    title: str


class DecisionOut(Schema):
    by: str  # "executive_director", "committee" or "board"
    decider: str  # who decided: the director by name, or the committee (PBC-7)
    outcome: str
    reasons: str
    decided_on: dt.date | None
    meeting_id: int | None
    item_id: int | None


class CaseDetailOut(Schema):
    id: int
    reference: str
    kind: str
    title: str
    service: str
    value: int
    patient_focus: str
    evidence: str
    status: str
    status_label: str
    status_note: str
    holder: str
    submitter_id: int
    submitter: str
    submitted_on: dt.date
    route: RouteOut
    timing: TimingOut
    next_meeting: dt.date | None
    meeting_id: int | None
    item_id: int | None
    scrutiny: list[ScrutinyOut]
    scrutiny_complete: bool
    documents: list[DocumentOut]
    decision: DecisionOut | None


class CaseIn(Schema):
    """A plan or business case (PBC-1). Every field may be left out: the service then says
    which are missing, in the same words as the form."""

    kind: str = ""
    submitter_id: int | None = None
    title: str = ""
    service: str = ""
    value: StrictInt | None = None
    patient_focus: str = ""
    evidence: str = ""


class PipelineRowOut(Schema):
    id: int
    reference: str
    title: str
    kind: str
    value: int
    submitter_id: int
    submitter: str
    status: str
    stage: str
    holder: str
    decider: str
    decider_label: str
    committee_id: int | None
    submitted_on: dt.date
    target_date: dt.date
    days: int
    late: bool
    warning: str
    next_meeting: dt.date | None


class CaseFilter(Schema):
    status: str = ""
    q: str = ""


class PipelineFilter(Schema):
    status: str = ""
    decider: str = ""
    late: bool = False
    state: str = "open"  # "open", "decided" or "all" (PBC-7: decided cases stay visible)


class RegisterRowOut(Schema):
    id: int
    reference: str
    title: str
    submitter: str
    value: int
    outcome: str
    decider: str
    decided_on: dt.date
    route: str
    route_reason: str
    reasons: str
    days: int


class RegisterFilter(Schema):
    decider: str = ""
    outcome: str = ""


def _decision(case: BusinessCase) -> dict[str, Any] | None:
    """The director's decision, or the meeting's (with the Board's, for a PEC recommendation)."""
    decider = register.decider_of(case)
    if case.director_outcome:
        return {
            "by": "executive_director",
            "decider": decider,
            "outcome": case.director_outcome,
            "reasons": case.decision_reasons,
            "decided_on": case.decided_on,
            "meeting_id": None,
            "item_id": None,
        }
    item = case.agenda_item
    if item is None or not item.outcome:
        return None
    board = getattr(item, "board_decision", None)
    if board is not None:
        return {
            "by": "board",
            "decider": decider,
            "outcome": board.outcome,
            "reasons": board.note or item.reasons,
            "decided_on": board.decided_on,
            "meeting_id": item.meeting_id,
            "item_id": item.pk,
        }
    return {
        "by": "committee",
        "decider": str(item.meeting.committee),
        "outcome": item.outcome,
        "reasons": item.reasons,
        "decided_on": case.decided_on or timezone.localtime(item.meeting.starts_at).date(),
        "meeting_id": item.meeting_id,
        "item_id": item.pk,
    }


def _detail(case: BusinessCase) -> dict[str, Any]:
    row = queries.case_row(case, queries.next_meetings_by_committee(case.trust_id), timezone.localdate())
    scrutiny = list(case.scrutiny.select_related("assessor"))
    every_criterion = {(a.value, c.value) for a in Aspect for c in criteria_for(case.trust)}
    return {
        "id": case.pk,
        "reference": case.reference,
        "kind": case.kind,
        "title": case.title,
        "service": case.service,
        "value": case.value,
        "patient_focus": case.patient_focus,
        "evidence": case.evidence,
        "status": case.status,
        "status_label": case.get_status_display(),
        "status_note": case.status_note,
        "holder": row.holder,
        "submitter_id": case.submitter_id,
        "submitter": case.submitter.name,
        "submitted_on": case.submitted_on,
        "route": {
            "decider": case.decider,
            "decider_label": case.get_decider_display(),
            "reason": case.route_reason,
            "scheme_version": case.scheme.version,
            "committee_id": case.committee_id,
            "committee": case.committee.name if case.committee else None,
        },
        "timing": {
            "days": row.timing.days,
            "target_days": row.timing.target_days,
            "target_date": row.timing.target_date,
            "late": row.timing.late,
            "warning": row.timing.warning,
        },
        "next_meeting": row.next_meeting,
        "meeting_id": case.agenda_item.meeting_id if case.agenda_item else None,
        "item_id": case.agenda_item_id,
        "scrutiny": [
            {
                "aspect": s.aspect,
                "criterion": s.criterion,
                "assessment": s.assessment,
                "comment": s.comment,
                "assessor": s.assessor.name,
                "recorded_at": s.recorded_at,
            }
            for s in scrutiny
        ],
        "scrutiny_complete": {(s.aspect, s.criterion) for s in scrutiny} >= every_criterion,
        "documents": [{"id": d.pk, "title": d.title} for d in case.documents.order_by("uploaded_at", "id")],
        "decision": _decision(case),
    }


def _case(request: HttpRequest, case_id: int) -> BusinessCase:
    trust_id = _trust_id(request, "commissioning.view_cases")
    try:
        return queries.case_in_view(request.user, trust_id, case_id)
    except BusinessCase.DoesNotExist as error:
        raise Http404 from error


CASE_ORDER = Order(
    {f: f for f in ("reference", "title", "value", "status", "submitted_on", "target_date", "decided_on")},
    None,
    "newest first",
)


@router.get("/cases", response=list[CaseOut])
@paginate(Paged, order=CASE_ORDER)
def list_cases(request: HttpRequest, filters: Query[CaseFilter]) -> Any:
    """The cases the caller may see, newest first; `status` is a status, "open" or "closed"."""
    trust_id = _trust_id(request, "commissioning.view_cases")
    if filters.status and filters.status not in {*CaseStatus.values, "open", "closed"}:
        raise DomainError({"status": "Select a status: open, closed, " + ", ".join(CaseStatus.values)})
    return queries.case_list(request.user, trust_id, status=filters.status, search=filters.q[:100])


@router.get("/cases/{case_id}", response=CaseDetailOut)
def get_case(request: HttpRequest, case_id: int) -> Any:
    """One case: its route and why, timeliness against the target (PBC-4), scrutiny, documents
    and decision."""
    return _detail(_case(request, case_id))


@router.post("/cases", response={201: CaseDetailOut}, auth=WRITE_AUTH)
def create_case(request: HttpRequest, payload: CaseIn) -> Any:
    """Submit a plan or business case (PBC-1); it is routed at once by the scheme (PBC-2).

    Documents are added on the case page. A broken rule is 422 with each field's message
    and saves nothing; submitting for an organisation you do not lead is 403.
    """
    trust_id = _trust_id(request, "commissioning.submit")
    trust = Organisation.objects.get(pk=trust_id)
    submitter = (
        Organisation.objects.filter(pk=payload.submitter_id, trust_id=trust_id).first()
        if payload.submitter_id is not None
        else None
    )
    case = services.case_submit(
        actor=request.user,
        trust=trust,
        submitter=submitter,
        kind=payload.kind,
        title=payload.title,
        service=payload.service,
        value=payload.value,
        patient_focus=payload.patient_focus,
        evidence=payload.evidence,
    )
    return Status(201, _detail(queries.case_in_view(request.user, trust_id, case.pk)))


@router.get("/pipeline", response=list[PipelineRowOut])
@paginate(LimitOffsetPagination)
def list_pipeline(request: HttpRequest, filters: Query[PipelineFilter]) -> Any:
    """Every open case with its stage, who holds it, days against the target and the next
    meeting able to decide it (PBC-4), soonest target first."""
    trust_id = _trust_id(request, "commissioning.view_pipeline")
    errors: dict[str, str | list[str]] = {}
    if filters.status and filters.status not in CaseStatus.values:
        errors["status"] = "Select a status: " + ", ".join(CaseStatus.values)
    if filters.decider and filters.decider not in Decider.values:
        errors["decider"] = "Select a decider: " + ", ".join(Decider.values)
    if filters.state not in queries.PIPELINE_STATES:
        errors["state"] = "Select which cases: " + ", ".join(queries.PIPELINE_STATES)
    if errors:
        raise DomainError(errors)
    return [
        {
            "id": row.case.pk,
            "reference": row.case.reference,
            "title": row.case.title,
            "kind": row.case.kind,
            "value": row.case.value,
            "submitter_id": row.case.submitter_id,
            "submitter": row.case.submitter.name,
            "status": row.case.status,
            "stage": row.case.get_status_display(),
            "holder": row.holder,
            "decider": row.case.decider,
            "decider_label": row.case.get_decider_display(),
            "committee_id": row.case.committee_id,
            "submitted_on": row.case.submitted_on,
            "target_date": row.timing.target_date,
            "days": row.timing.days,
            "late": row.timing.late,
            "warning": row.timing.warning,
            "next_meeting": row.next_meeting,
        }
        for row in queries.pipeline(
            trust_id,
            status=filters.status,
            decider=filters.decider,
            late_only=filters.late,
            state=filters.state,
        )
    ]


@router.get("/decisions", response=list[RegisterRowOut])
@paginate(LimitOffsetPagination)
def list_decisions(request: HttpRequest, filters: Query[RegisterFilter]) -> Any:
    """The decisions register (PBC-7): every approved or rejected case, newest decision first,
    with who decided it, when, the route, the reasons and the days from submission."""
    trust_id = _trust_id(request, "commissioning.view_pipeline")
    errors: dict[str, str | list[str]] = {}
    if filters.decider and filters.decider not in Decider.values:
        errors["decider"] = "Select a decider: " + ", ".join(Decider.values)
    if filters.outcome and filters.outcome not in register.DECIDED:
        errors["outcome"] = "Select an outcome: " + ", ".join(sorted(register.DECIDED))
    if errors:
        raise DomainError(errors)
    return [
        {
            "id": row.case.pk,
            "reference": row.case.reference,
            "title": row.case.title,
            "submitter": row.case.submitter.name,
            "value": row.case.value,
            "outcome": row.case.status,
            "decider": row.decider,
            "decided_on": row.decided_on,
            "route": row.route,
            "route_reason": row.case.route_reason,
            "reasons": row.reasons,
            "days": row.days,
        }
        for row in register.decisions(trust_id, decider=filters.decider, outcome=filters.outcome)
    ]
