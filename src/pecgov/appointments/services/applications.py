"""Applications (APP-3, APP-7): an applicant applies with their own account while the post is
open, with an allowed CV and their interests declared (or none confirmed), withdraws their own
application, and downloads what they gave us."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from pecgov.actors import Actor
from pecgov.appointments.enums import ApplicationStatus, CampaignStatus
from pecgov.appointments.models import ApplicantInterest, Application, Campaign, Offer, PanelSeat
from pecgov.appointments.services.base import _date, _text, _today
from pecgov.audit import chain
from pecgov.audit.recording import save_tracked
from pecgov.errors import DomainError, NotPermitted
from pecgov.interests.enums import Category
from pecgov.policy.services import effective_policy
from pecgov.servicekit import SYSTEM, event
from pecgov.trust.enums import Profession
from pecgov.trust.models import Organisation
from pecgov.uploads import check_upload


@dataclass(frozen=True)
class DeclaredInterest:
    """An interest an applicant declares with their application (COI-1's categories)."""

    category: str
    description: str
    organisation: Organisation | None = None


def _validate_application(
    campaign: Campaign, fields: Mapping[str, Any], interests: Sequence[DeclaredInterest]
) -> None:
    if not _text(fields.get("name")):
        raise DomainError({"name": "Enter your full name"})
    if not _text(fields.get("email")) or "@" not in _text(fields.get("email")):
        raise DomainError({"email": "Enter an email address in the correct format, like name@example.com"})
    if fields.get("profession") not in Profession.values:
        raise DomainError({"profession": "Select your profession"})
    if fields.get("registration_number") and not _text(fields.get("registration_body")):
        raise DomainError({"registration_body": "Enter the body you are registered with, such as the GMC"})
    if fields.get("has_caseload") and not fields.get("practising"):
        raise DomainError({"has_caseload": "Only a practising clinician can carry a caseload"})
    if fields.get("practising") and fields.get("profession") not in Profession.clinical():
        raise DomainError({"practising": "Only clinicians are recorded as practising"})
    org = fields.get("organisation")
    if org is not None and org.trust_id != campaign.trust_id:
        raise DomainError({"organisation": "Select a practice or employer in this trust"})
    if not _text(fields.get("statement")):
        raise DomainError({"statement": "Enter your supporting statement"})
    if not interests and not fields.get("nil_interests"):
        raise DomainError({"nil_interests": "Declare your interests, or confirm you have none to declare"})
    if interests and fields.get("nil_interests"):
        raise DomainError({"nil_interests": "You have declared interests: do not also confirm you have none"})
    for interest in interests:
        if interest.category not in Category.values:
            raise DomainError({"interests": "Select the kind of each interest you declare"})
        if not _text(interest.description):
            raise DomainError({"interests": "Describe each interest you declare"})
        if interest.organisation is not None and interest.organisation.trust_id != campaign.trust_id:
            raise DomainError({"interests": "Select an organisation in this trust, or leave it blank"})


# The applicant's own fields of an application, in the order the form asks for them.
APPLICATION_FIELDS = (
    "name",
    "email",
    "profession",
    "registration_body",
    "registration_number",
    "practising",
    "has_caseload",
    "organisation",
    "statement",
    "nil_interests",
)


ALREADY_APPLIED = (
    "You have already applied for this post. You can see your application under Your applications."
)
USERNAME_TAKEN = "That username is taken: choose another"
# APP-3: an application can be withdrawn while received or shortlisted.
WITHDRAWABLE = frozenset({ApplicationStatus.SUBMITTED, ApplicationStatus.SHORTLISTED})


def _already_applied(campaign: Campaign, actor: Actor) -> bool:
    return Application.objects.filter(campaign=campaign, applicant_id=getattr(actor, "pk", None)).exists()


def account_create(*, username: str, email: str, password: str) -> AbstractBaseUser:
    """APP-3: an applicant's own account. A username taken at the same moment (two identical
    registrations) is refused on the username field, never a server error."""
    try:
        with transaction.atomic():
            user = get_user_model().objects.create_user(username=username, email=email, password=password)
            # every account made is in the ledger (the password never is).
            chain.append(actor=user, action="auth.register", summary=f"Applicant account {username} created")
            return user
    except IntegrityError as error:
        raise DomainError({"username": USERNAME_TAKEN}) from error


def _check_may_apply(campaign: Campaign, actor: Actor, user_id: int, on: dt.date) -> None:
    """APP-3: the campaign is open on `on`, the applicant has not applied and is not on its panel."""
    if campaign.status == CampaignStatus.DRAFT or on < campaign.opens_on:
        raise DomainError("This post is not open for applications.")
    if campaign.status != CampaignStatus.ADVERTISED or on > campaign.closes_on:
        # Once the shortlist is drawn up the campaign has closed too, whatever its dates say.
        raise DomainError(
            f"Applications closed on {_date(campaign.closes_on)}: we cannot accept new applications."
        )
    if _already_applied(campaign, actor):
        raise DomainError(ALREADY_APPLIED)
    if PanelSeat.objects.filter(campaign=campaign, person__user_id=user_id).exists():
        # APP-7: a panel member sees every application and score in the campaign.
        raise DomainError("You sit on this post's interview panel, so you cannot apply for it.")


def application_submit(
    *,
    actor: Actor,
    campaign: Campaign,
    cv: UploadedFile | None,
    interests: Sequence[DeclaredInterest] = (),
    on: dt.date | None = None,
    **fields: Any,
) -> Application:
    """An applicant applies with their own account (APP-3). One application per campaign."""
    user_id = actor.pk if actor.is_authenticated else None
    if not isinstance(user_id, int):
        raise NotPermitted("Sign in to apply.")
    on = on or _today()
    unknown = set(fields) - set(APPLICATION_FIELDS)
    if unknown:
        raise DomainError(f"Unknown details: {', '.join(sorted(unknown))}")
    _check_may_apply(campaign, actor, user_id, on)
    _validate_application(campaign, fields, interests)
    policy = effective_policy(campaign.trust)
    check_upload(policy, cv, field="cv", noun="CV")
    assert cv is not None
    try:
        with transaction.atomic():
            application = Application(
                campaign=campaign,
                applicant_id=user_id,
                submitted_at=timezone.now(),
                cv_content_type=getattr(cv, "content_type", "") or "application/octet-stream",
                cv_size=cv.size or 0,
                **fields,
            )
            application.name = _text(application.name)
            application.cv.save(cv.name or "cv", cv, save=False)
            save_tracked(application, actor=actor, reason="Application submitted")
            rows = [
                save_tracked(
                    ApplicantInterest(
                        application=application,
                        category=i.category,
                        organisation=i.organisation,
                        description=_text(i.description),
                    ),
                    actor=actor,
                    reason="Declared with the application",
                )
                for i in interests
            ]
            event(
                actor,
                "application.submit",
                [application, *rows],
                campaign.trust_id,
                f"{campaign.reference}: application received",
            )
    except IntegrityError as error:
        # The same application sent twice at once: the second meets the one-per-applicant
        # constraint (application_one_per_applicant) and is refused like the first check.
        raise DomainError(ALREADY_APPLIED) from error
    return application


def application_withdraw(*, actor: Actor, application: Application) -> Application:
    """APP-3: the applicant (and only they) withdraws, while received or shortlisted."""
    if actor == SYSTEM or application.applicant_id != getattr(actor, "pk", None):
        raise NotPermitted("Only the applicant can withdraw their application.")
    if application.status not in WITHDRAWABLE:
        raise DomainError(
            f"The application cannot be withdrawn now: it is {application.get_status_display().lower()}."
        )
    application.status = ApplicationStatus.WITHDRAWN
    with transaction.atomic():
        save_tracked(application, actor=actor, reason="Withdrawn", update_fields=["status"])
        event(
            actor, "application.withdraw", application, application.campaign.trust_id, "Application withdrawn"
        )
    return application


def applicant_export(application: Application) -> dict[str, Any]:
    """What an applicant gave us and where their application stands (APP-7: their own data)."""
    offer = Offer.objects.filter(application=application).first()
    return {
        "post": application.campaign.post.title,
        "campaign": application.campaign.reference,
        "submitted_at": application.submitted_at.isoformat(),
        "status": application.get_status_display(),
        "name": application.name,
        "email": application.email,
        "profession": application.get_profession_display(),
        "registration_body": application.registration_body,
        "registration_number": application.registration_number,
        "practising": application.practising,
        "carries_a_caseload": application.has_caseload,
        "organisation": application.organisation.name if application.organisation else "",
        "supporting_statement": application.statement,
        "cv": {
            "file": application.cv.name,
            "content_type": application.cv_content_type,
            "bytes": application.cv_size,
        },
        "no_interests_to_declare": application.nil_interests,
        "interests": [
            {
                "category": i.get_category_display(),
                "organisation": i.organisation.name if i.organisation else "",
                "description": i.description,
            }
            for i in application.interests.select_related("organisation")
        ],
        "offer": (
            {
                "offered_on": offer.offered_on.isoformat(),
                "start_date": offer.start_date.isoformat(),
                "tenure_terms": offer.tenure_terms,
                "time_commitment": offer.time_commitment,
                "accepted": offer.accepted,
                "responded_on": offer.responded_on.isoformat() if offer.responded_on else None,
            }
            if offer
            else None
        ),
    }
