"""Every write in an appointment round (APP-1 to APP-7): plan, posts, campaign, panel, applications,
sift and shortlist, panel conflicts, interview scores, appointment, offer and acceptance, the
Alliance chair recommendation, and the audit of score-sheet reads.

Who may act: the governance lead runs the round; the panel's members score; the panel's chair
(or the lead) shortlists and appoints; under the Alliance pack's `appointment.chair_model =
"membership_recommends"` the PCT chair appoints the PEC chair after the new PEC's members
recommend (APP-6). Every rule is checked here, so pages, demo data and tests share it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from pecgov.appointments import framework, panel, scoring
from pecgov.appointments.enums import (
    STEP_ORDER,
    ApplicationStatus,
    CampaignStatus,
    ConflictHandling,
    PanelRole,
    PostKind,
)
from pecgov.appointments.models import (
    ApplicantInterest,
    Application,
    AppointmentPlan,
    Campaign,
    ChairRecommendation,
    InterviewScore,
    Offer,
    PanelConflict,
    PanelSeat,
    PlanStep,
    Post,
    SiftScore,
    TrustCompetency,
)
from pecgov.audit.recording import actor_user, save_tracked
from pecgov.errors import DomainError, NotPermitted
from pecgov.interests import queries as iq
from pecgov.interests import screening
from pecgov.interests.enums import Category
from pecgov.policy.engine import Finding, Status
from pecgov.policy.services import effective_policy
from pecgov.servicekit import SYSTEM, event, require_lead
from pecgov.trust import services as trust_services
from pecgov.trust.enums import CommitteeKind, MembershipRole, Profession
from pecgov.trust.models import Committee, Organisation, Person
from pecgov.trust.roles import roles_of
from pecgov.uploads import check_upload

__all__ = ["SYSTEM"]

MEMBERSHIP_RECOMMENDS = "membership_recommends"
CLOSED_APPLICATIONS = {ApplicationStatus.WITHDRAWN, ApplicationStatus.NOT_SHORTLISTED}


def _today() -> dt.date:
    return timezone.localdate()


def _text(value: Any) -> str:
    return str(value or "").strip()


def _date(value: dt.date) -> str:
    return f"{value:%-d %B %Y}"


def person_of(actor: Any) -> Person | None:
    """The actor's own person record, if they have one."""
    if actor == SYSTEM:
        return None
    person_id = roles_of(actor).person_id
    return Person.objects.get(pk=person_id) if person_id else None


# The plan (APP-1, EFF-1) -----------------------------------------------------------


def plan_create(
    *, actor: Any, trust: Organisation, title: str, target_date: dt.date | None
) -> AppointmentPlan:
    """A plan with DH Annex C's appointment steps, in order, ready for owners and dates."""
    require_lead(actor, trust.pk)
    if not _text(title):
        raise DomainError({"title": "Enter a title for the plan, such as Appointing the new PEC 2007"})
    if target_date is None:
        raise DomainError({"target_date": "Enter the date the new PEC should be in place"})
    with transaction.atomic():
        plan = save_tracked(
            AppointmentPlan(
                trust=trust, title=_text(title), target_date=target_date, created_at=timezone.now()
            ),
            actor=actor,
            reason="Plan created",
        )
        steps = [
            save_tracked(PlanStep(plan=plan, key=key, position=index), actor=actor, reason="Plan created")
            for index, key in enumerate(STEP_ORDER, start=1)
        ]
        event(actor, "appointment_plan.create", [plan, *steps], trust.pk, f"Appointment plan: {plan.title}")
    return plan


def step_update(
    *,
    actor: Any,
    step: PlanStep,
    owner: Person | None,
    due_date: dt.date | None,
    done_on: dt.date | None,
    note: str = "",
) -> PlanStep:
    trust_id = step.plan.trust_id
    require_lead(actor, trust_id)
    if owner is not None and owner.trust_id != trust_id:
        raise DomainError({"owner": "Select a person in this trust"})
    if done_on is not None and done_on > _today():
        raise DomainError({"done_on": "The date the step was done must be today or in the past"})
    step.owner, step.due_date, step.done_on, step.note = owner, due_date, done_on, _text(note)
    with transaction.atomic():
        save_tracked(step, actor=actor, reason="Step updated")
        event(actor, "appointment_plan.step", step, trust_id, f"{step.plan.title}: {step}")
    return step


# Competencies and posts (APP-2) ----------------------------------------------------


def trust_competencies(trust_id: int) -> list[framework.Competency]:
    """DH Annex B's framework and the trust's own additions."""
    added = [
        framework.Competency(key=c.key, heading=c.heading, text=c.title, source="Added by the trust")
        for c in TrustCompetency.objects.filter(trust_id=trust_id).order_by("heading", "title")
    ]
    return [*framework.competencies(), *added]


def competency_add(
    *, actor: Any, trust: Organisation, heading: str, title: str, description: str = ""
) -> TrustCompetency:
    require_lead(actor, trust.pk)
    if heading not in framework.HEADINGS:
        raise DomainError({"heading": "Select the heading the competency comes under"})
    if not _text(title):
        raise DomainError({"title": "Enter the competency, such as Knowledge of local health needs"})
    key = f"trust-{slugify(title)[:50]}"
    if any(c.key == key for c in trust_competencies(trust.pk)):
        raise DomainError({"title": "The framework already has a competency with this name"})
    with transaction.atomic():
        competency = save_tracked(
            TrustCompetency(
                trust=trust, key=key, heading=heading, title=_text(title), description=_text(description)
            ),
            actor=actor,
            reason="Competency added",
        )
        event(actor, "competency.add", competency, trust.pk, f"Competency added: {competency.title}")
    return competency


def default_competency_keys(kind: str) -> list[str]:
    """Members are scored on core and added-value competencies; the chair on those and the
    chair's person specification (DH Annex B)."""
    headings = {"core", "added_value"} | ({"chair"} if kind == PostKind.CHAIR else set())
    return [c.key for c in framework.competencies() if c.heading in headings]


POST_FIELDS = {
    "committee",
    "title",
    "kind",
    "membership_role",
    "job_description",
    "person_specification",
    "competency_keys",
    "time_commitment",
    "tenure_terms",
}


def _validate_post(trust: Organisation, fields: dict[str, Any]) -> None:
    committee = fields.get("committee")
    if committee is None or committee.trust_id != trust.pk:
        raise DomainError({"committee": "Select the committee the post is on"})
    if not _text(fields.get("title")):
        raise DomainError({"title": "Enter the post's title, such as Clinical member (GP)"})
    if fields.get("kind") not in PostKind.values:
        raise DomainError({"kind": "Select whether the post is the chair or a member"})
    if fields.get("membership_role") not in MembershipRole.values:
        raise DomainError({"membership_role": "Select the seat the appointee will hold on the committee"})
    if not _text(fields.get("job_description")):
        raise DomainError({"job_description": "Enter the job description"})
    if not _text(fields.get("person_specification")):
        raise DomainError({"person_specification": "Enter the person specification, one criterion a line"})
    keys = list(fields.get("competency_keys") or [])
    if not keys:
        raise DomainError({"competency_keys": "Select the competencies candidates will be scored against"})
    known = {c.key: c for c in trust_competencies(trust.pk)}
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise DomainError({"competency_keys": f"Unknown competencies: {', '.join(unknown)}"})
    headings = {known[k].heading for k in keys}
    missing = [framework.HEADING_NAMES[h] for h in framework.REQUIRED_HEADINGS if h not in headings]
    if missing:
        # APP-5: candidates must show skills or potential under both headings.
        raise DomainError(
            {"competency_keys": f"Select at least one competency under each heading: {', '.join(missing)}"}
        )


def post_create(*, actor: Any, trust: Organisation, **fields: Any) -> Post:
    require_lead(actor, trust.pk)
    unknown = set(fields) - POST_FIELDS
    if unknown:
        raise DomainError(f"Unknown details: {', '.join(sorted(unknown))}")
    fields.setdefault("competency_keys", default_competency_keys(fields.get("kind", "")))
    _validate_post(trust, fields)
    with transaction.atomic():
        post = Post(trust=trust, **fields)
        post.title = _text(post.title)
        save_tracked(post, actor=actor, reason="Post created")
        event(actor, "post.create", post, trust.pk, f"Post created: {post.title}")
    return post


def post_update(*, actor: Any, post: Post, **changes: Any) -> Post:
    require_lead(actor, post.trust_id)
    unknown = set(changes) - POST_FIELDS
    if unknown:
        raise DomainError(f"Unknown details: {', '.join(sorted(unknown))}")
    fields = {name: getattr(post, name) for name in POST_FIELDS} | changes
    _validate_post(post.trust, fields)
    if (
        "person_specification" in changes
        and SiftScore.objects.filter(application__campaign__post=post).exists()
    ):
        raise DomainError(
            {
                "person_specification": "Applications have been sifted against this specification: it cannot change now"
            }
        )
    for name, value in changes.items():
        setattr(post, name, value)
    with transaction.atomic():
        save_tracked(post, actor=actor, reason="Post updated")
        event(actor, "post.update", post, post.trust_id, f"Post updated: {post.title}")
    return post


# Campaigns (APP-3) -------------------------------------------------------------------


def _next_reference(trust_id: int, year: int) -> str:
    prefix = f"APP-{year}-"
    count = Campaign.objects.filter(trust_id=trust_id, reference__startswith=prefix).count()
    return f"{prefix}{count + 1:03d}"


def _validate_campaign(fields: Mapping[str, Any]) -> None:
    vacancies = fields.get("vacancies")
    if not isinstance(vacancies, int) or vacancies < 1:
        raise DomainError({"vacancies": "Enter how many posts this round fills, 1 or more"})
    if not _text(fields.get("advert")):
        raise DomainError({"advert": "Enter the advert applicants will read"})
    opens, closes = fields.get("opens_on"), fields.get("closes_on")
    if opens is None:
        raise DomainError({"opens_on": "Enter the date applications open"})
    if closes is None:
        raise DomainError({"closes_on": "Enter the closing date for applications"})
    if closes < opens:
        raise DomainError({"closes_on": "The closing date must be on or after the opening date"})
    interview = fields.get("interview_date")
    if interview is not None and interview <= closes:
        raise DomainError({"interview_date": "The interview date must be after the closing date"})


def campaign_create(
    *,
    actor: Any,
    post: Post,
    vacancies: int,
    advert: str,
    opens_on: dt.date | None,
    closes_on: dt.date | None,
    interview_date: dt.date | None = None,
    first_appointment: bool = False,
    plan: AppointmentPlan | None = None,
) -> Campaign:
    require_lead(actor, post.trust_id)
    fields = {
        "vacancies": vacancies,
        "advert": advert,
        "opens_on": opens_on,
        "closes_on": closes_on,
        "interview_date": interview_date,
    }
    _validate_campaign(fields)
    if plan is not None and plan.trust_id != post.trust_id:
        raise DomainError({"plan": "Select a plan in this trust"})
    assert opens_on is not None and closes_on is not None
    with transaction.atomic():
        campaign = save_tracked(
            Campaign(
                trust_id=post.trust_id,
                post=post,
                plan=plan,
                reference=_next_reference(post.trust_id, opens_on.year),
                vacancies=vacancies,
                advert=_text(advert),
                opens_on=opens_on,
                closes_on=closes_on,
                interview_date=interview_date,
                first_appointment=first_appointment,
            ),
            actor=actor,
            reason="Campaign created",
        )
        event(
            actor,
            "campaign.create",
            campaign,
            post.trust_id,
            f"Campaign {campaign.reference} for {post.title}",
        )
    return campaign


def campaign_update(*, actor: Any, campaign: Campaign, **changes: Any) -> Campaign:
    require_lead(actor, campaign.trust_id)
    allowed = {"vacancies", "advert", "opens_on", "closes_on", "interview_date", "first_appointment"}
    unknown = set(changes) - allowed
    if unknown:
        raise DomainError(f"Unknown details: {', '.join(sorted(unknown))}")
    if campaign.status == CampaignStatus.COMPLETE:
        raise DomainError("The campaign is complete: it can no longer change.")
    if campaign.status != CampaignStatus.DRAFT and {"opens_on", "vacancies"} & {
        k for k, v in changes.items() if getattr(campaign, k) != v
    }:
        raise DomainError("Once advertised, only the advert, closing and interview dates can change.")
    fields = {name: getattr(campaign, name) for name in allowed} | changes
    _validate_campaign(fields)
    for name, value in changes.items():
        setattr(campaign, name, value)
    with transaction.atomic():
        save_tracked(campaign, actor=actor, reason="Campaign updated")
        event(actor, "campaign.update", campaign, campaign.trust_id, f"Campaign {campaign.reference} updated")
    return campaign


def campaign_advertise(*, actor: Any, campaign: Campaign) -> Campaign:
    """Publish the advert: the post appears on the public list of open posts until it closes."""
    require_lead(actor, campaign.trust_id)
    if campaign.status != CampaignStatus.DRAFT:
        raise DomainError("The campaign has already been advertised.")
    if campaign.closes_on < _today():
        raise DomainError("The closing date has passed: set a later closing date before advertising.")
    campaign.status = CampaignStatus.ADVERTISED
    with transaction.atomic():
        save_tracked(campaign, actor=actor, reason="Advertised", update_fields=["status"])
        event(
            actor,
            "campaign.advertise",
            campaign,
            campaign.trust_id,
            f"Campaign {campaign.reference} advertised",
        )
    return campaign


def accepting_applications(campaign: Campaign, on: dt.date | None = None) -> bool:
    on = on or _today()
    return campaign.status == CampaignStatus.ADVERTISED and campaign.opens_on <= on <= campaign.closes_on


# The panel (APP-4) ---------------------------------------------------------------------


def seat_add(
    *, actor: Any, campaign: Campaign, person: Person | None, role: str, is_chair: bool = False
) -> PanelSeat:
    """Add a panel member. Any size is allowed: the panel findings say what the policy expects."""
    require_lead(actor, campaign.trust_id)
    if campaign.status == CampaignStatus.COMPLETE:
        raise DomainError("The campaign is complete: its panel can no longer change.")
    if person is None or person.trust_id != campaign.trust_id:
        raise DomainError({"person": "Select a person in this trust"})
    if role not in PanelRole.values:
        raise DomainError({"role": "Select the role this person brings to the panel"})
    if PanelSeat.objects.filter(campaign=campaign, person=person, role=role).exists():
        raise DomainError({"role": f"{person} is already on the panel as {PanelRole(role).label.lower()}"})
    if is_chair:
        chair = PanelSeat.objects.filter(campaign=campaign, is_chair=True).exclude(person=person).first()
        if chair is not None:
            raise DomainError({"is_chair": f"{chair.person} already chairs the panel"})
    with transaction.atomic():
        seat = save_tracked(
            PanelSeat(campaign=campaign, person=person, role=role, is_chair=is_chair),
            actor=actor,
            reason="Added to the panel",
        )
        event(actor, "panel.add", seat, campaign.trust_id, f"{campaign.reference}: {seat} added to the panel")
    return seat


def seat_remove(*, actor: Any, seat: PanelSeat) -> None:
    campaign = seat.campaign
    require_lead(actor, campaign.trust_id)
    if campaign.status == CampaignStatus.COMPLETE:
        raise DomainError("The campaign is complete: its panel can no longer change.")
    scored = (
        SiftScore.objects.filter(application__campaign=campaign, scorer=seat.person).exists()
        or InterviewScore.objects.filter(application__campaign=campaign, scorer=seat.person).exists()
    )
    if scored:
        raise DomainError(
            f"{seat.person} has scored candidates: they stay on the panel so the record stays whole."
        )
    if seat.conflicts.exists():
        raise DomainError(
            f"{seat.person} has a recorded conflict: they stay on the panel so the record stays whole."
        )
    with transaction.atomic():
        event(
            actor,
            "panel.remove",
            [],
            campaign.trust_id,
            f"{campaign.reference}: {seat} removed from the panel",
        )
        seat.delete()


def panel_facts(campaign: Campaign, seats: Sequence[PanelSeat]) -> panel.PanelFacts:
    return panel.PanelFacts(
        members=tuple(panel.PanelMember(name=seat.person.name, role=seat.role) for seat in seats),
        first_appointment=campaign.first_appointment,
        post=PostKind.CHAIR if campaign.post.kind == PostKind.CHAIR else PostKind.MEMBER,
    )


def panel_findings(campaign: Campaign, seats: Sequence[PanelSeat] | None = None) -> list[Finding]:
    """The panel's composition against the trust's policy pack (APP-4, POL-4)."""
    if seats is None:
        seats = list(campaign.seats.select_related("person"))
    policy = effective_policy(campaign.trust)
    return panel.check_panel(panel_facts(campaign, seats), policy.values(), policy.sources())


# Applications (APP-3) --------------------------------------------------------------------


@dataclass(frozen=True)
class DeclaredInterest:
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


APPLICATION_FIELDS = {
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
}


def application_submit(
    *,
    actor: Any,
    campaign: Campaign,
    cv: UploadedFile | None,
    interests: Sequence[DeclaredInterest] = (),
    on: dt.date | None = None,
    **fields: Any,
) -> Application:
    """An applicant applies with their own account (APP-3). One application per campaign."""
    if not getattr(actor, "is_authenticated", False):
        raise NotPermitted("Sign in to apply.")
    on = on or _today()
    unknown = set(fields) - APPLICATION_FIELDS
    if unknown:
        raise DomainError(f"Unknown details: {', '.join(sorted(unknown))}")
    if campaign.status != CampaignStatus.ADVERTISED or on < campaign.opens_on:
        raise DomainError("This post is not open for applications.")
    if on > campaign.closes_on:
        raise DomainError(
            f"Applications closed on {_date(campaign.closes_on)}: we cannot accept new applications."
        )
    if Application.objects.filter(campaign=campaign, applicant=actor).exists():
        raise DomainError(
            "You have already applied for this post. You can see your application under Your applications."
        )
    _validate_application(campaign, fields, interests)
    policy = effective_policy(campaign.trust)
    check_upload(policy, cv, field="cv", noun="CV")
    assert cv is not None
    with transaction.atomic():
        application = Application(
            campaign=campaign,
            applicant=actor,
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
    return application


def application_withdraw(*, actor: Any, application: Application) -> Application:
    if actor == SYSTEM or application.applicant_id != getattr(actor, "pk", None):
        raise NotPermitted("Only the applicant can withdraw their application.")
    if application.status not in {ApplicationStatus.SUBMITTED, ApplicationStatus.SHORTLISTED}:
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


# Who is on the panel, and what they may do --------------------------------------------


def seat_of(actor: Any, campaign: Campaign) -> PanelSeat | None:
    person_id = roles_of(actor).person_id if actor != SYSTEM else None
    if person_id is None:
        return None
    return PanelSeat.objects.filter(campaign=campaign, person_id=person_id).order_by("-is_chair").first()


def _require_panel_member(actor: Any, campaign: Campaign) -> PanelSeat:
    seat = seat_of(actor, campaign)
    if seat is None:
        raise NotPermitted("Only members of the interview panel can score candidates.")
    return seat


def _require_chair_or_lead(actor: Any, campaign: Campaign, doing: str) -> None:
    if actor == SYSTEM:
        return
    roles = roles_of(actor)
    if roles.is_governance_lead and roles.trust_id == campaign.trust_id:
        return
    seat = seat_of(actor, campaign)
    if (
        seat is None
        or not PanelSeat.objects.filter(campaign=campaign, person=seat.person, is_chair=True).exists()
    ):
        raise NotPermitted(f"Only the chair of the panel or the governance lead can {doing}.")


# Panel conflicts (APP-4 with COI-2, COI-3) ----------------------------------------------


@dataclass(frozen=True)
class PanelFlag:
    seat: PanelSeat
    application: Application
    reasons: tuple[str, ...]
    record: PanelConflict | None

    @property
    def handling(self) -> str:
        return self.record.handling if self.record else ""

    @property
    def handled(self) -> bool:
        return bool(self.handling)

    @property
    def steps_aside(self) -> bool:
        return self.handling == ConflictHandling.STEPS_ASIDE


def panel_flags(
    campaign: Campaign,
    seats: Sequence[PanelSeat],
    applications: Sequence[Application],
    on: dt.date | None = None,
) -> dict[tuple[int, int], PanelFlag]:
    """Every (seat, application) where a panel member has a conflict with a candidate: found by
    screening the member's declarations and employer against the candidate's practice or
    employer and the organisations the candidate declared an interest in, through every link
    that carries an interest (COI-2), or declared by the member. A fixed number of queries."""
    on = on or _today()
    if not seats or not applications:
        return {}
    records = {
        (c.seat_id, c.application_id): c
        for c in PanelConflict.objects.filter(seat__campaign=campaign).select_related("recorded_by")
    }
    app_ids = [a.pk for a in applications]
    declared_orgs: dict[int, set[int]] = {}
    for app_id, org_id in ApplicantInterest.objects.filter(
        application_id__in=app_ids, organisation__isnull=False
    ).values_list("application_id", "organisation_id"):
        declared_orgs.setdefault(app_id, set()).add(org_id)
    attendees = iq.attendees_for({seat.person_id for seat in seats}, on)
    links = iq.links_for(campaign.trust_id)
    names = iq.organisation_names(campaign.trust_id)
    seats_by_person: dict[int, list[PanelSeat]] = {}
    for seat in seats:
        seats_by_person.setdefault(seat.person_id, []).append(seat)
    reasons: dict[tuple[int, int], list[str]] = {}
    for application in applications:
        affected = set(declared_orgs.get(application.pk, set()))
        if application.organisation_id is not None:
            affected.add(application.organisation_id)
        found = screening.screen(affected=affected, attendees=attendees, links=links, on=on, names=names)
        for conflict in found:
            for seat in seats_by_person.get(conflict.person_id, []):
                text = (
                    f"{conflict.explanation} ({application.name}'s practice, employer or declared interest)"
                )
                bucket = reasons.setdefault((seat.pk, application.pk), [])
                if text not in bucket:
                    bucket.append(text)
    for (seat_id, app_id), record in records.items():
        if record.declared:
            reasons.setdefault((seat_id, app_id), []).insert(0, f"Declared: {record.description}")
    seat_by_id = {seat.pk: seat for seat in seats}
    app_by_id = {a.pk: a for a in applications}
    return {
        key: PanelFlag(seat_by_id[key[0]], app_by_id[key[1]], tuple(texts), records.get(key))
        for key, texts in reasons.items()
        if key[0] in seat_by_id and key[1] in app_by_id
    }


def conflict_declare(
    *, actor: Any, seat: PanelSeat, application: Application, description: str
) -> PanelConflict:
    """A panel member (or the lead for them) declares a conflict with a candidate."""
    campaign = seat.campaign
    if application.campaign_id != campaign.pk:
        raise DomainError({"application": "Select a candidate in this campaign"})
    own = seat_of(actor, campaign)
    roles = roles_of(actor) if actor != SYSTEM else None
    if (
        actor != SYSTEM
        and not (own and own.person_id == seat.person_id)
        and not (roles and roles.is_governance_lead and roles.trust_id == campaign.trust_id)
    ):
        raise NotPermitted("Only the panel member or the governance lead can declare their conflict.")
    if not _text(description):
        raise DomainError(
            {"description": "Describe the conflict, such as We are partners in the same practice"}
        )
    record = PanelConflict.objects.filter(seat=seat, application=application).first()
    if record is None:
        record = PanelConflict(seat=seat, application=application, recorded_at=timezone.now())
    record.description, record.declared = _text(description), True
    with transaction.atomic():
        save_tracked(record, actor=actor, reason="Conflict declared")
        event(
            actor,
            "panel.conflict_declare",
            record,
            campaign.trust_id,
            f"{campaign.reference}: {seat.person} declared a conflict with a candidate",
        )
    return record


def conflict_handle(
    *, actor: Any, seat: PanelSeat, application: Application, handling: str, reason: str = ""
) -> PanelConflict:
    """How a panel member's conflict with a candidate is handled: they step aside from that
    candidate, or no action with a recorded reason. Recorded by the panel's chair or the lead,
    never by the conflicted member (COI-3)."""
    campaign = seat.campaign
    _require_chair_or_lead(actor, campaign, "record how a conflict is handled")
    if actor != SYSTEM and roles_of(actor).person_id == seat.person_id:
        raise NotPermitted("Someone other than the conflicted panel member must record how it is handled.")
    if handling not in {ConflictHandling.STEPS_ASIDE, ConflictHandling.NO_ACTION}:
        raise DomainError({"handling": "Select how the conflict is handled"})
    if handling == ConflictHandling.NO_ACTION and not _text(reason):
        raise DomainError({"reason": "Enter why no action is needed"})
    flags = panel_flags(campaign, [seat], [application])
    flag = flags.get((seat.pk, application.pk))
    if flag is None:
        raise DomainError("No conflict is recorded or found for this panel member and candidate.")
    if handling == ConflictHandling.STEPS_ASIDE and (
        InterviewScore.objects.filter(application=application, scorer=seat.person).exists()
        or SiftScore.objects.filter(application=application, scorer=seat.person).exists()
    ):
        raise DomainError(
            f"{seat.person} has already scored {application.name}: record no action with a reason, "
            "or ask the lead to review the scores."
        )
    record = flag.record or PanelConflict(
        seat=seat, application=application, description="; ".join(flag.reasons), recorded_at=timezone.now()
    )
    record.handling, record.handling_reason = handling, _text(reason)
    record.recorded_by, record.recorded_at = actor_user(actor), timezone.now()
    with transaction.atomic():
        save_tracked(record, actor=actor, reason="Conflict handled")
        event(
            actor,
            "panel.conflict_handle",
            record,
            campaign.trust_id,
            f"{campaign.reference}: {seat.person}'s conflict handled: {ConflictHandling(handling).label}",
        )
    return record


def _require_may_assess(seat: PanelSeat, application: Application) -> None:
    flag = panel_flags(seat.campaign, [seat], [application]).get((seat.pk, application.pk))
    if flag is None:
        return
    if not flag.handled:
        raise DomainError(
            f"You have a conflict with {application.name} that has not been handled yet: "
            "the panel's chair or the governance lead must record how it is handled first."
        )
    if flag.steps_aside:
        raise DomainError(f"You stepped aside from assessing {application.name} because of a conflict.")


# Sift and shortlist (APP-3) ---------------------------------------------------------------


def _scores(
    raw: Mapping[Any, tuple[Any, str]], valid: Iterable[Any], field_prefix: str
) -> dict[Any, tuple[int, str]]:
    """Validated scores; a score off the scale names its field."""
    allowed = set(valid)
    checked: dict[Any, tuple[int, str]] = {}
    for key, (value, note) in raw.items():
        if key not in allowed:
            raise DomainError(f"{key} is not something this post is scored against.")
        try:
            checked[key] = (scoring.validate_score(value), _text(note))
        except ValueError as error:
            raise DomainError({f"{field_prefix}{key}": str(error)}) from error
    missing = allowed - set(checked)
    if missing:
        raise DomainError("Score every criterion before saving.")
    return checked


def sift_record(
    *, actor: Any, application: Application, scores: Mapping[int, tuple[Any, str]]
) -> list[SiftScore]:
    """A panel member's scores of one application against the person specification, 1 to 5 per
    criterion (keys are criterion numbers from 1). Scoring again replaces their own scores."""
    campaign = application.campaign
    seat = _require_panel_member(actor, campaign)
    if campaign.status != CampaignStatus.ADVERTISED:
        raise DomainError("The shortlist has been drawn up: sift scores can no longer change.")
    if _today() <= campaign.closes_on:
        raise DomainError(
            f"Applications are open until {_date(campaign.closes_on)}: sift after the closing date."
        )
    if application.status == ApplicationStatus.WITHDRAWN:
        raise DomainError(f"{application.name} withdrew their application.")
    _require_may_assess(seat, application)
    criteria = campaign.post.criteria
    checked = _scores(scores, range(1, len(criteria) + 1), "criterion_")
    now = timezone.now()
    with transaction.atomic():
        existing = {
            s.criterion: s for s in SiftScore.objects.filter(application=application, scorer=seat.person)
        }
        rows = []
        for criterion, (value, note) in sorted(checked.items()):
            row = existing.get(criterion) or SiftScore(
                application=application, scorer=seat.person, criterion=criterion
            )
            row.score, row.note, row.recorded_at = value, note, now
            rows.append(save_tracked(row, actor=actor, reason="Sift scored"))
        event(
            actor,
            "sift.score",
            rows,
            campaign.trust_id,
            f"{campaign.reference}: {seat.person} sifted an application",
        )
    return rows


def shortlist_record(
    *, actor: Any, campaign: Campaign, decisions: Mapping[int, tuple[bool, str]], note: str = ""
) -> Campaign:
    """The shortlist with a reason for every application (APP-3): keys are application ids."""
    _require_chair_or_lead(actor, campaign, "draw up the shortlist")
    if campaign.status != CampaignStatus.ADVERTISED:
        raise DomainError("The shortlist can be drawn up once, while the campaign is advertised.")
    if _today() <= campaign.closes_on:
        raise DomainError(
            f"Applications are open until {_date(campaign.closes_on)}: shortlist after the closing date."
        )
    applications = list(campaign.applications.exclude(status=ApplicationStatus.WITHDRAWN))
    if not applications:
        raise DomainError("There are no applications to shortlist.")
    errors: dict[str, str | list[str]] = {}
    for application in applications:
        decision = decisions.get(application.pk)
        if decision is None:
            errors[f"decision_{application.pk}"] = f"Select whether {application.name} is shortlisted"
        elif not _text(decision[1]):
            errors[f"reason_{application.pk}"] = f"Enter the reason for the decision on {application.name}"
    if errors:
        raise DomainError(errors)
    if not any(decisions[a.pk][0] for a in applications):
        raise DomainError("Shortlist at least one candidate, or close the campaign.")
    with transaction.atomic():
        for application in applications:
            chosen, reason = decisions[application.pk]
            application.status = (
                ApplicationStatus.SHORTLISTED if chosen else ApplicationStatus.NOT_SHORTLISTED
            )
            application.shortlist_reason = _text(reason)
            save_tracked(
                application, actor=actor, reason="Shortlist", update_fields=["status", "shortlist_reason"]
            )
        campaign.status, campaign.shortlist_note = CampaignStatus.SHORTLISTED, _text(note)
        save_tracked(campaign, actor=actor, reason="Shortlisted", update_fields=["status", "shortlist_note"])
        chosen_count = sum(1 for a in applications if decisions[a.pk][0])
        event(
            actor,
            "campaign.shortlist",
            [campaign, *applications],
            campaign.trust_id,
            f"{campaign.reference}: {chosen_count} of {len(applications)} shortlisted",
        )
    return campaign


# Interview scores (APP-5) --------------------------------------------------------------


def campaign_competencies(campaign: Campaign) -> list[framework.Competency]:
    known = {c.key: c for c in trust_competencies(campaign.trust_id)}
    return [known[key] for key in campaign.post.competency_keys if key in known]


def interview_record(
    *, actor: Any, application: Application, scores: Mapping[str, tuple[Any, str]]
) -> list[InterviewScore]:
    """A panel member's scores of one candidate against every competency of the post."""
    campaign = application.campaign
    seat = _require_panel_member(actor, campaign)
    if campaign.status != CampaignStatus.SHORTLISTED:
        raise DomainError(
            "Interview scores are recorded once the shortlist is drawn up and before the round is complete."
        )
    if application.status != ApplicationStatus.SHORTLISTED:
        raise DomainError(f"{application.name} is not shortlisted for interview.")
    _require_may_assess(seat, application)
    checked = _scores(scores, [c.key for c in campaign_competencies(campaign)], "score_")
    now = timezone.now()
    with transaction.atomic():
        existing = {
            s.competency: s
            for s in InterviewScore.objects.filter(application=application, scorer=seat.person)
        }
        rows = []
        for key, (value, note) in sorted(checked.items()):
            row = existing.get(key) or InterviewScore(
                application=application, scorer=seat.person, competency=key
            )
            row.score, row.note, row.recorded_at = value, note, now
            rows.append(save_tracked(row, actor=actor, reason="Interview scored"))
        event(
            actor,
            "interview.score",
            rows,
            campaign.trust_id,
            f"{campaign.reference}: {seat.person} scored {application.name}",
        )
    return rows


def score_sheet_read(*, actor: Any, application: Application, scorer: Person) -> None:
    """APP-7: a read of a score sheet by anyone but its author goes in the audit trail."""
    if actor != SYSTEM and roles_of(actor).person_id == scorer.pk:
        return
    event(
        actor,
        "score_sheet.read",
        [],
        application.campaign.trust_id,
        f"{application.campaign.reference}: read {scorer}'s score sheet for {application.name}",
        application=application.pk,
        scorer=scorer.pk,
    )


def results(
    campaign: Campaign, applications: Sequence[Application] | None = None
) -> list[scoring.CandidateResult]:
    """The panel's aggregated interview scores, keyed by application id as a string (APP-5).

    A panel member who stepped aside from a candidate is not expected to score them."""
    if applications is None:
        applications = list(campaign.applications.filter(status__in=INTERVIEWED))
    seats = list(campaign.seats.select_related("person"))
    flags = panel_flags(campaign, seats, applications)
    stepped = {(f.seat.person_id, f.application.pk) for f in flags.values() if f.steps_aside}
    rows = InterviewScore.objects.filter(application__in=applications).values_list(
        "scorer_id", "application_id", "competency", "score"
    )
    scores = [(str(s), str(a), k, v) for s, a, k, v in rows]
    competencies = campaign_competencies(campaign)
    panel_ids = sorted({str(seat.person_id) for seat in seats})
    out = []
    for application in applications:
        expected = [p for p in panel_ids if (int(p), application.pk) not in stepped]
        mine = [row for row in scores if row[1] == str(application.pk) and row[0] in expected]
        out.extend(scoring.aggregate(mine, competencies, panel=expected, candidates=[str(application.pk)]))
    return sorted(
        out,
        key=lambda r: (
            not r.appointable,
            -(r.overall_mean if r.overall_mean is not None else float("-inf")),
            r.candidate,
        ),
    )


INTERVIEWED = [
    ApplicationStatus.SHORTLISTED,
    ApplicationStatus.OFFERED,
    ApplicationStatus.ACCEPTED,
    ApplicationStatus.DECLINED,
    ApplicationStatus.NOT_APPOINTED,
]


# Appointment, offer and acceptance (APP-3, APP-6, ORG-4) ---------------------------------


def chair_model(campaign: Campaign) -> str:
    return str(effective_policy(campaign.trust).values().get("appointment.chair_model", "panel"))


def membership_recommends(campaign: Campaign) -> bool:
    return campaign.post.kind == PostKind.CHAIR and chair_model(campaign) == MEMBERSHIP_RECOMMENDS


def _require_appointer(actor: Any, campaign: Campaign) -> None:
    if membership_recommends(campaign):
        if actor != SYSTEM and not (
            roles_of(actor).is_pct_chair and roles_of(actor).trust_id == campaign.trust_id
        ):
            raise NotPermitted("Under the trust's policy the PCT chair appoints the PEC chair.")
        return
    _require_chair_or_lead(actor, campaign, "appoint")


def appoint(
    *,
    actor: Any,
    application: Application,
    reason: str,
    start_date: dt.date | None,
    tenure_terms: str,
    time_commitment: str,
) -> Offer:
    """Record the decision to appoint, with reasons, and make the offer with its terms."""
    campaign = application.campaign
    _require_appointer(actor, campaign)
    if campaign.status != CampaignStatus.SHORTLISTED:
        raise DomainError("Candidates are appointed after interview, before the round is complete.")
    if application.status != ApplicationStatus.SHORTLISTED:
        raise DomainError(
            f"{application.name} cannot be appointed: they are {application.get_status_display().lower()}."
        )
    if not _text(reason):
        raise DomainError({"reason": "Enter the reasons for the appointment"})
    if start_date is None:
        raise DomainError({"start_date": "Enter the date the appointment starts"})
    if not _text(tenure_terms):
        raise DomainError({"tenure_terms": "Enter the terms of tenure"})
    if not _text(time_commitment):
        raise DomainError({"time_commitment": "Enter the time commitment, such as 2 sessions a week"})
    failing = [f for f in panel_findings(campaign) if f.status == Status.FAIL]
    if failing:
        raise DomainError(f"The panel does not meet the policy: {failing[0].facts} Fix the panel first.")
    seats = list(campaign.seats.select_related("person"))
    unhandled = [f for f in panel_flags(campaign, seats, [application]).values() if not f.handled]
    if unhandled:
        raise DomainError(
            f"{unhandled[0].seat.person}'s conflict with {application.name} has not been handled yet."
        )
    result = results(campaign, [application])[0]
    if result.missing:
        raise DomainError(f"Not every panel member has scored {application.name} on every competency yet.")
    if not result.appointable:
        headings = ", ".join(framework.HEADING_NAMES[h] for h in result.fails_heading) or "a required heading"
        raise DomainError(
            f"{application.name} did not show skills or development potential under {headings}: "
            "the guidance requires both headings (DH Annex B)."
        )
    if membership_recommends(campaign) and not campaign.recommendations.exists():
        raise DomainError("The new PEC's members have not recommended a candidate yet (Alliance model).")
    taken = campaign.applications.filter(
        status__in=[ApplicationStatus.OFFERED, ApplicationStatus.ACCEPTED]
    ).count()
    if taken >= campaign.vacancies:
        raise DomainError(f"All {campaign.vacancies} post(s) in this round have been offered.")
    with transaction.atomic():
        application.status = ApplicationStatus.OFFERED
        application.decision_reason = _text(reason)
        application.decided_by = actor_user(actor)
        application.decided_at = timezone.now()
        save_tracked(
            application,
            actor=actor,
            reason="Appointed",
            update_fields=["status", "decision_reason", "decided_by", "decided_at"],
        )
        offer = save_tracked(
            Offer(
                application=application,
                offered_on=_today(),
                start_date=start_date,
                tenure_terms=_text(tenure_terms),
                time_commitment=_text(time_commitment),
            ),
            actor=actor,
            reason="Offer made",
        )
        event(
            actor,
            "application.appoint",
            [application, offer],
            campaign.trust_id,
            f"{campaign.reference}: {application.name} appointed, offer made. {application.decision_reason}",
        )
    return offer


def _require_applicant_or_lead(actor: Any, application: Application) -> None:
    if actor == SYSTEM or application.applicant_id == getattr(actor, "pk", None):
        return
    roles = roles_of(actor)
    if not (roles.is_governance_lead and roles.trust_id == application.campaign.trust_id):
        raise NotPermitted("Only the applicant or the governance lead can answer the offer.")


def offer_respond(*, actor: Any, offer: Offer, accept: bool) -> Offer:
    """The candidate accepts or declines. Acceptance makes them a member of the committee from
    the start date, so the composition findings update (ORG-4, POL-1)."""
    application = offer.application
    campaign = application.campaign
    _require_applicant_or_lead(actor, application)
    if offer.accepted is not None:
        raise DomainError("The offer has already been answered.")
    with transaction.atomic():
        offer.accepted, offer.responded_on = accept, _today()
        written: list[Any] = []
        if accept:
            person = _person_for(application)
            membership = trust_services.membership_create(
                actor=SYSTEM,
                person=person,
                committee=campaign.post.committee,
                role=campaign.post.membership_role,
                start_date=offer.start_date,
            )
            offer.membership = membership
            application.person = person
            written += [person, membership]
        application.status = ApplicationStatus.ACCEPTED if accept else ApplicationStatus.DECLINED
        save_tracked(offer, actor=actor, reason="Offer answered")
        save_tracked(application, actor=actor, reason="Offer answered", update_fields=["status", "person"])
        event(
            actor,
            "offer.accept" if accept else "offer.decline",
            [offer, application],
            campaign.trust_id,
            f"{campaign.reference}: {application.name} {'accepted' if accept else 'declined'} the offer",
        )
    return offer


def _person_for(application: Application) -> Person:
    """The applicant's person record in the trust: theirs if they already have one, else new."""
    trust = application.campaign.trust
    existing = Person.objects.filter(trust=trust, user=application.applicant).first()
    if existing is not None:
        return existing
    person = trust_services.person_create(
        actor=SYSTEM,
        trust=trust,
        name=application.name,
        profession=application.profession,
        registration_body=application.registration_body,
        registration_number=application.registration_number,
        practising=application.practising,
        has_caseload=application.has_caseload,
        organisation=application.organisation,
        email=application.email,
    )
    person.user = application.applicant
    save_tracked(person, actor=SYSTEM, reason="Linked to the applicant's account", update_fields=["user"])
    return person


def campaign_complete(*, actor: Any, campaign: Campaign, note: str = "") -> Campaign:
    """Close the round: candidates not offered a post are told they were not appointed."""
    require_lead(actor, campaign.trust_id)
    if campaign.status == CampaignStatus.COMPLETE:
        raise DomainError("The campaign is already complete.")
    if Offer.objects.filter(application__campaign=campaign, accepted__isnull=True).exists():
        raise DomainError("An offer is still waiting for an answer: complete the round once it is answered.")
    with transaction.atomic():
        rest = list(
            campaign.applications.filter(
                status__in=[ApplicationStatus.SUBMITTED, ApplicationStatus.SHORTLISTED]
            )
        )
        for application in rest:
            application.status = ApplicationStatus.NOT_APPOINTED
            save_tracked(application, actor=actor, reason="Round complete", update_fields=["status"])
        campaign.status = CampaignStatus.COMPLETE
        if _text(note):
            campaign.shortlist_note = "\n\n".join(filter(None, [campaign.shortlist_note, _text(note)]))
        save_tracked(campaign, actor=actor, reason="Complete", update_fields=["status", "shortlist_note"])
        event(
            actor,
            "campaign.complete",
            [campaign, *rest],
            campaign.trust_id,
            f"Campaign {campaign.reference} complete",
        )
    return campaign


# The Alliance chair recommendation (APP-6) -------------------------------------------------


def recommenders(campaign: Campaign) -> list[Person]:
    """The PEC's current members: under the Alliance model they recommend the chair."""
    today = _today()
    return list(
        Person.objects.filter(
            memberships__committee=campaign.post.committee,
            memberships__start_date__lte=today,
        )
        .exclude(memberships__end_date__lt=today)
        .distinct()
        .order_by("name")
    )


def chair_recommend(
    *, actor: Any, campaign: Campaign, application: Application, reason: str
) -> ChairRecommendation:
    if not membership_recommends(campaign):
        raise DomainError(
            "Under the trust's policy the panel appoints the chair: no recommendation is needed."
        )
    if campaign.post.committee.kind != CommitteeKind.PEC:
        raise DomainError("Only a PEC chair is recommended by the membership.")
    member = person_of(actor)
    if member is None or member.pk not in {p.pk for p in recommenders(campaign)}:
        raise NotPermitted("Only members of the PEC recommend its chair.")
    if application.campaign_id != campaign.pk or application.status != ApplicationStatus.SHORTLISTED:
        raise DomainError({"application": "Select a shortlisted candidate"})
    if campaign.status != CampaignStatus.SHORTLISTED:
        raise DomainError("Recommendations are made between the shortlist and the appointment.")
    if not _text(reason):
        raise DomainError({"reason": "Enter why you recommend this candidate"})
    record = ChairRecommendation.objects.filter(
        campaign=campaign, member=member
    ).first() or ChairRecommendation(campaign=campaign, member=member)
    record.application, record.reason, record.recorded_at = application, _text(reason), timezone.now()
    with transaction.atomic():
        save_tracked(record, actor=actor, reason="Chair recommendation")
        event(
            actor,
            "chair.recommend",
            record,
            campaign.trust_id,
            f"{campaign.reference}: {member} recommended a candidate",
        )
    return record


def committee_of_kind(trust_id: int, kind: str) -> Committee | None:
    return Committee.objects.filter(trust_id=trust_id, kind=kind).order_by("pk").first()
