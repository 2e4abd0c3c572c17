"""The case pages' forms over the API (PUB-2; PBC-1 to PBC-4, MTG-6): add a document, record
scrutiny, put the case on a meeting's agenda, record the director's decision, return,
resubmit and withdraw.

Each write asks the page's permission and calls the page's service (commissioning.services,
commissioning.scrutiny), so the lifecycle, the conflict checks and the audit event are the
form's: a broken rule is 422 with a field map and saves nothing; a role that may not is 403; a
case the caller may not see, or another trust's, is 404. Each answers the case as
`GET /cases/{id}` does.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.params import functions as params

from pecgov.api.auth import WRITE_AUTH
from pecgov.api.listing import fields_as, trust_of
from pecgov.commissioning import queries, services
from pecgov.commissioning.api import CaseDetailOut, DocumentOut, _detail
from pecgov.commissioning.forms import DocumentForm
from pecgov.commissioning.models import BusinessCase
from pecgov.commissioning.scrutiny import criteria_for
from pecgov.errors import DomainError, NotPermitted
from pecgov.meetings.models import Meeting
from pecgov.trust.models import Person
from pecgov.trust.roles import roles_of

router = Router(tags=["commissioning"])


# The file is optional to the parser so that a missing one gets the page's "Select a file".
DOCUMENT_FILE = params.File(None, description="The document: a file of a type the policy allows")


class AssessmentIn(Schema):
    assessment: str = ""
    comment: str = ""


class ScrutinyIn(Schema):
    """One aspect of scrutiny (PBC-3): for every criterion the trust's policy states, how the
    case meets it and why. `assessor_id` is yourself if left out; only the governance lead
    records for someone else."""

    assessor_id: int | None = None
    assessments: dict[str, AssessmentIn] = {}


class ScheduleIn(Schema):
    meeting_id: int | None = None


class DirectorDecisionIn(Schema):
    outcome: str = ""
    reasons: str = ""
    decided_on: dt.date | None = None


class ReasonIn(Schema):
    reason: str = ""


class NoteIn(Schema):
    note: str = ""


def _case(request: HttpRequest, case_id: int, perm: str) -> tuple[int, BusinessCase]:
    """The case, if the caller holds the page's permission and may see it; else 403 or 404."""
    trust_id = trust_of(request, perm)
    try:
        return trust_id, queries.case_in_view(request.user, trust_id, case_id)
    except BusinessCase.DoesNotExist as error:
        raise Http404 from error


def _as_submitter(request: HttpRequest, case_id: int) -> tuple[int, BusinessCase]:
    """The submitting practice's (or group's) own lead, or the governance lead: the pages' test."""
    trust_id, case = _case(request, case_id, "commissioning.view_cases")
    if not request.user.has_perm("commissioning.act_as_submitter", case):
        raise HttpError(403, "Only the submitter or the governance lead can do this")
    return trust_id, case


def _answer(request: HttpRequest, trust_id: int, case: BusinessCase) -> dict[str, Any]:
    return _detail(queries.case_in_view(request.user, trust_id, case.pk))


@router.post("/cases/{case_id}/documents", response={201: DocumentOut}, auth=WRITE_AUTH)
def add_case_document(
    request: HttpRequest,
    case_id: int,
    title: str = params.Form(""),
    upload: UploadedFile | None = DOCUMENT_FILE,
) -> Any:
    """Add a document to an open case (PBC-1), as multipart/form-data with `upload` and an
    optional `title`; the page's file type, size and content checks apply. The submitter or the
    governance lead."""
    _, case = _as_submitter(request, case_id)
    form = DocumentForm({"title": title}, {"upload": upload} if upload is not None else {}, allowed_types="")
    if not form.is_valid():
        raise DomainError({k: [str(m) for m in v] for k, v in form.errors.items()})
    document = services.document_add(
        actor=request.user, case=case, title=form.cleaned_data["title"], upload=form.cleaned_data["upload"]
    )
    return Status(201, {"id": document.pk, "title": document.title})


@router.post("/cases/{case_id}/scrutiny/{aspect}", response={200: CaseDetailOut}, auth=WRITE_AUTH)
def record_scrutiny(request: HttpRequest, case_id: int, aspect: str, payload: ScrutinyIn) -> Any:
    """Record clinical or organisational scrutiny (`aspect`: clinical or organisational) against
    every stated criterion (PBC-3, DH 5.3). Someone with an interest in the submitting practice or
    its PBC group cannot assess it. Recording it again replaces that aspect's assessments."""
    trust_id, case = _case(request, case_id, "commissioning.scrutinise")
    assessor_id = payload.assessor_id if payload.assessor_id is not None else roles_of(request.user).person_id
    assessor = Person.objects.filter(pk=assessor_id or 0, trust_id=trust_id).first()
    names = {"assessor": "assessor_id"}
    for criterion in criteria_for(case.trust):
        names[f"{criterion.value}_assessment"] = f"assessments.{criterion.value}.assessment"
        names[f"{criterion.value}_comment"] = f"assessments.{criterion.value}.comment"
    with fields_as(names):
        services.scrutiny_record(
            actor=request.user,
            case=case,
            aspect=aspect,
            assessor=assessor,
            assessments={k: (v.assessment, v.comment) for k, v in payload.assessments.items()},
        )
    return _answer(request, trust_id, case)


@router.post("/cases/{case_id}/schedule", response={200: CaseDetailOut}, auth=WRITE_AUTH)
def schedule_case(request: HttpRequest, case_id: int, payload: ScheduleIn) -> Any:
    """Put the case on the agenda of a coming meeting of the committee that decides it (MTG-6),
    once scrutiny is complete (PBC-3). Governance lead only."""
    trust_id, case = _case(request, case_id, "commissioning.manage")
    meeting = Meeting.objects.filter(pk=payload.meeting_id or 0, committee__trust_id=trust_id).first()
    with fields_as({"meeting": "meeting_id"}):
        services.case_schedule(actor=request.user, case=case, meeting=meeting)
    return _answer(request, trust_id, case)


@router.post("/cases/{case_id}/decide", response={200: CaseDetailOut}, auth=WRITE_AUTH)
def decide_case(request: HttpRequest, case_id: int, payload: DirectorDecisionIn) -> Any:
    """An executive director approves or rejects a case the scheme gives them, with reasons
    (PBC-2, DH 5.8). A director with an interest in the case is told why not (422), as on the page."""
    trust_id, case = _case(request, case_id, "commissioning.decide_director")
    try:
        services.director_decide(actor=request.user, case=case, **payload.model_dump())
    except NotPermitted as error:  # a conflict of interest: say why, as the page does
        raise DomainError(str(error)) from error
    return _answer(request, trust_id, case)


@router.post("/cases/{case_id}/return", response={200: CaseDetailOut}, auth=WRITE_AUTH)
def return_case(request: HttpRequest, case_id: int, payload: ReasonIn) -> Any:
    """Return the case to its submitter for more information (PBC-2). Governance lead only."""
    trust_id, case = _case(request, case_id, "commissioning.manage")
    services.case_return(actor=request.user, case=case, reason=payload.reason)
    return _answer(request, trust_id, case)


@router.post("/cases/{case_id}/resubmit", response={200: CaseDetailOut}, auth=WRITE_AUTH)
def resubmit_case(request: HttpRequest, case_id: int, payload: NoteIn) -> Any:
    """Resubmit a returned case, with an optional note of what changed (PBC-2, PBC-4)."""
    trust_id, case = _as_submitter(request, case_id)
    services.case_resubmit(actor=request.user, case=case, note=payload.note)
    return _answer(request, trust_id, case)


@router.post("/cases/{case_id}/withdraw", response={200: CaseDetailOut}, auth=WRITE_AUTH)
def withdraw_case(request: HttpRequest, case_id: int, payload: ReasonIn) -> Any:
    """Withdraw an open case, saying why (PBC-2). The submitter or the governance lead."""
    trust_id, case = _as_submitter(request, case_id)
    services.case_withdraw(actor=request.user, case=case, reason=payload.reason)
    return _answer(request, trust_id, case)
