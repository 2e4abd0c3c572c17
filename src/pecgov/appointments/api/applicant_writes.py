"""An applicant's own forms over the API (PUB-2; APP-3, APP-7): apply for an advertised post with
a CV, withdraw, and accept or decline an offer; and read one's own applications.

Anyone signed in may apply (an applicant has no trust), as on the public pages. An applicant acts
on their own applications only: every lookup goes through `queries.applications_of`, so anyone
else's application, the governance lead's included, is 404, never 403 (APP-7). These answers
never carry scores or panel notes. The application form is the page's own (`ApplicationForm`),
so the CV's type, size and content checks and every message are the page's.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.db.models import Q
from django.http import Http404, HttpRequest
from ninja import Field, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.params import functions as params
from pydantic import BaseModel, ValidationError

from pecgov.api.auth import WRITE_AUTH
from pecgov.api.listing import Paged, Rows, found
from pecgov.appointments import queries, services
from pecgov.appointments.api.decision_writes import AnswerIn, OfferOut, answer_offer, offer_out
from pecgov.appointments.api.reads import router
from pecgov.appointments.applicants.forms import ApplicationForm, interest_field
from pecgov.appointments.enums import CampaignStatus
from pecgov.appointments.models import Application, Campaign
from pecgov.errors import DomainError

CV_FILE = params.File(None, description="Your CV: a file of a type the trust's policy allows")
INTERESTS_HELP = (
    'A JSON array of the interests you declare, each {"category": ..., "description": ..., '
    '"organisation_id": optional}; send [] and nil_interests true if you have none'
)
MAX_INTERESTS = 50


class InterestIn(BaseModel):
    category: str = ""
    description: str = ""
    organisation_id: int | None = None


class InterestOut(Schema):
    category: str
    organisation_id: int | None
    description: str


class MyApplicationOut(Schema):
    id: int
    campaign_id: int
    reference: str
    post: str
    status: str
    submitted_at: dt.datetime
    name: str
    email: str
    profession: str
    registration_body: str
    registration_number: str
    practising: bool
    has_caseload: bool
    organisation_id: int | None
    statement: str
    nil_interests: bool
    interests: list[InterestOut]
    offer: OfferOut | None = Field(None, description="The offer, once one is made")


def my_application_out(application: Application) -> dict[str, Any]:
    fields = ["name", "email", "profession", "registration_body", "registration_number", "practising"]
    fields += ["has_caseload", "organisation_id", "statement", "nil_interests", "status", "submitted_at"]
    offer = getattr(application, "offer", None)
    return {
        "id": application.pk,
        "campaign_id": application.campaign_id,
        "reference": application.campaign.reference,
        "post": application.campaign.post.title,
        **{f: getattr(application, f) for f in fields},
        "interests": [
            {"category": i.category, "organisation_id": i.organisation_id, "description": i.description}
            for i in sorted(application.interests.all(), key=lambda i: i.pk)
        ],
        "offer": offer_out(offer) if offer is not None else None,
    }


def _own(request: HttpRequest, application_id: int) -> Application:
    """The caller's own application; anyone else's is 404 (APP-7)."""
    mine = queries.applications_of(request.user).select_related("campaign__post", "offer")
    return found(mine.get, Q(pk=application_id))


def _interests(raw: str) -> list[InterestIn]:
    try:
        rows = json.loads(raw or "[]")
        if not isinstance(rows, list) or len(rows) > MAX_INTERESTS:
            raise ValueError
        return [InterestIn.model_validate(row) for row in rows]
    except (ValueError, ValidationError, RecursionError) as error:  # RecursionError: JSON nested too deep
        message = (
            f'Send the interests as a JSON array (at most {MAX_INTERESTS}) of {{"category", "description"}}'
        )
        raise DomainError({"interests": message}) from error


def _form_data(fields: dict[str, Any], interests: list[InterestIn]) -> dict[str, Any]:
    data = {k: v for k, v in fields.items() if v not in (None, False)}
    for row, interest in enumerate(interests, start=1):
        data[interest_field(row, "category")] = interest.category
        data[interest_field(row, "organisation")] = interest.organisation_id or ""
        data[interest_field(row, "description")] = interest.description
    return data


def _field_map(errors: dict[str, Any]) -> dict[str, str | list[str]]:
    """The form's errors under the names sent: an interest row's under `interests`."""
    mapped: dict[str, list[str]] = {}
    for name, messages in errors.items():
        key = (
            "interests"
            if name.startswith("interest_")
            else {"organisation": "organisation_id"}.get(name, name)
        )
        mapped.setdefault(key, []).extend(str(m) for m in messages)
    return dict(mapped)


@router.post(
    "/applicant/campaigns/{campaign_id}/applications", response={201: MyApplicationOut}, auth=WRITE_AUTH
)
def apply(
    request: HttpRequest,
    campaign_id: int,
    name: str = params.Form(""),
    email: str = params.Form(""),
    profession: str = params.Form(""),
    registration_body: str = params.Form(""),
    registration_number: str = params.Form(""),
    practising: bool = params.Form(False),
    has_caseload: bool = params.Form(False),
    organisation_id: int | None = params.Form(None),
    statement: str = params.Form(""),
    nil_interests: bool = params.Form(False),
    interests: str = params.Form("[]", description=INTERESTS_HELP),
    cv: UploadedFile | None = CV_FILE,
) -> Any:
    """Apply for an advertised post while it is open (APP-3), as multipart/form-data with your
    `cv`, your details, your supporting statement and the interests you declare. One application
    per post; a member of its interview panel cannot apply. The page's checks and messages."""
    campaign = found(
        Campaign.objects.exclude(status=CampaignStatus.DRAFT).select_related("trust").get, Q(pk=campaign_id)
    )
    declared = _interests(interests)
    fields = {
        "name": name,
        "email": email,
        "profession": profession,
        "registration_body": registration_body,
        "registration_number": registration_number,
        "practising": practising,
        "has_caseload": has_caseload,
        "organisation": organisation_id,
        "statement": statement,
        "nil_interests": nil_interests,
    }
    form = ApplicationForm(
        _form_data(fields, declared),
        {"cv": cv} if cv is not None else {},
        campaign=campaign,
        rows=len(declared),
    )
    if not form.is_valid():
        raise DomainError(_field_map(form.errors))
    data = form.cleaned_data
    renamed = {"organisation": "organisation_id"}
    try:
        application = services.application_submit(
            actor=request.user,
            campaign=campaign,
            cv=data["cv"],
            interests=data["interests"],
            **form.application_fields(),
        )
    except DomainError as error:
        raise DomainError({renamed.get(k, k): v for k, v in error.errors.items()}) from error
    return Status(201, my_application_out(_own(request, application.pk)))


@router.get("/applicant/applications", response=list[MyApplicationOut])
@paginate(Paged)
def list_my_applications(request: HttpRequest) -> Any:
    """Your own applications, newest first, with any offer (APP-3, APP-7); never scores or notes."""
    mine = queries.applications_of(request.user).select_related("offer").prefetch_related("interests")
    return Rows(mine, my_application_out)


@router.get("/applicant/applications/{application_id}", response=MyApplicationOut)
def get_my_application(request: HttpRequest, application_id: int) -> Any:
    """One of your own applications (APP-7): anyone else's is 404."""
    return my_application_out(_own(request, application_id))


@router.post(
    "/applicant/applications/{application_id}/withdraw", response={200: MyApplicationOut}, auth=WRITE_AUTH
)
def withdraw_application(request: HttpRequest, application_id: int) -> Any:
    """Withdraw your application while it is received or shortlisted (APP-3)."""
    application = _own(request, application_id)
    services.application_withdraw(actor=request.user, application=application)
    return my_application_out(application)


@router.post("/applicant/applications/{application_id}/offer", response={200: OfferOut}, auth=WRITE_AUTH)
def answer_my_offer(request: HttpRequest, application_id: int, payload: AnswerIn) -> Any:
    """Accept or decline the offer made to you (APP-3, ORG-4): `answer` is accept or decline.
    Accepting makes you a member of the committee from the start date. No offer yet is 404."""
    application = _own(request, application_id)
    if not hasattr(application, "offer"):
        raise Http404
    return offer_out(answer_offer(request, application, payload.answer))
