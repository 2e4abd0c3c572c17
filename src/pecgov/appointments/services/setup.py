"""Setting up an appointment round: the plan with DH Annex C's steps (APP-1, EFF-1), the
competency framework and posts (APP-2), and campaigns from draft to advert (APP-3)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from pecgov.actors import Actor
from pecgov.appointments import framework
from pecgov.appointments.enums import STEP_ORDER, CampaignStatus, PostKind
from pecgov.appointments.models import (
    AppointmentPlan,
    Campaign,
    InterviewScore,
    PlanStep,
    Post,
    SiftScore,
    TrustCompetency,
)
from pecgov.appointments.services.base import _text, _today
from pecgov.audit.recording import save_tracked
from pecgov.errors import DomainError
from pecgov.policy.services import effective_policy
from pecgov.servicekit import apply_changes, check_editable, event, require_lead
from pecgov.trust.enums import MembershipRole
from pecgov.trust.models import Organisation, Person

# The plan (APP-1, EFF-1) -------------------------------------------------------------------------


def plan_create(
    *, actor: Actor, trust: Organisation, title: str, target_date: dt.date | None
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


def plan_default_target_date(trust: Organisation) -> dt.date | None:
    """EFF-1: the implementation checklist's target date from the policy (1 October 2007 by
    default), for a form to offer when a plan is created."""
    value = effective_policy(trust).values().get("implementation.target_date")
    return value if isinstance(value, dt.date) else None


def step_update(
    *,
    actor: Actor,
    step: PlanStep,
    owner: Person | None,
    due_date: dt.date | None,
    done_on: dt.date | None,
    note: str = "",
) -> PlanStep:
    """EFF-1: a step's owner (a person in the trust), due date, the date it was done (not in the
    future) and a note. The lead only."""
    trust_id = step.plan.trust_id
    require_lead(actor, trust_id)
    if owner is not None and owner.trust_id != trust_id:
        raise DomainError({"owner": "Select a person in this trust"})
    if done_on is not None and done_on > _today():
        raise DomainError({"done_on": "The date the step was done must be today or in the past"})
    apply_changes(
        step,
        {"owner": owner, "due_date": due_date, "done_on": done_on, "note": _text(note)},
        actor=actor,
        action="appointment_plan.step",
        trust_id=trust_id,
        summary=f"{step.plan.title}: {step}",
        reason="Step updated",
    )
    return step


# Competencies and posts (APP-2) ------------------------------------------------------------------


def trust_competencies(trust_id: int) -> list[framework.Competency]:
    """DH Annex B's framework and the trust's own additions."""
    added = [
        framework.Competency(key=c.key, heading=c.heading, text=c.title, source="Added by the trust")
        for c in TrustCompetency.objects.filter(trust_id=trust_id).order_by("heading", "title")
    ]
    return [*framework.competencies(), *added]


def competency_add(
    *, actor: Actor, trust: Organisation, heading: str, title: str, description: str = ""
) -> TrustCompetency:
    """APP-2: a trust adds its own competency under one of the framework's headings."""
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


def campaign_competencies(campaign: Campaign) -> list[framework.Competency]:
    """The competencies the campaign's candidates are scored against, in the post's order."""
    known = {c.key: c for c in trust_competencies(campaign.trust_id)}
    return [known[key] for key in campaign.post.competency_keys if key in known]


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
    # A competency listed twice would weigh twice in its heading's mean.
    keys = list(dict.fromkeys(fields.get("competency_keys") or []))
    fields["competency_keys"] = keys
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


def post_create(*, actor: Actor, trust: Organisation, **fields: Any) -> Post:
    """APP-2: a post with its job description, person specification (one criterion a line) and
    the competencies candidates are scored against, at least one under each required heading
    (DH Annex B's defaults for the kind of post unless given). The lead only."""
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


def post_update(*, actor: Actor, post: Post, **changes: Any) -> Post:
    """APP-2: change a post. The person specification is fixed once applications are sifted
    against it, and the competencies once candidates are scored against them."""
    require_lead(actor, post.trust_id)
    check_editable(changes, POST_FIELDS)
    fields = {name: getattr(post, name) for name in POST_FIELDS} | changes
    _validate_post(post.trust, fields)
    changes = {name: fields[name] for name in changes}
    if "title" in changes:
        changes["title"] = _text(changes["title"])
    # An edit form sends every field: only a real change counts.
    changed = {name for name, value in changes.items() if getattr(post, name) != value}
    if (
        "person_specification" in changed
        and SiftScore.objects.filter(application__campaign__post=post).exists()
    ):
        raise DomainError(
            {
                "person_specification": "Applications have been sifted against this specification: it cannot change now"
            }
        )
    if (
        "competency_keys" in changed
        and InterviewScore.objects.filter(application__campaign__post=post).exists()
    ):
        # APP-5: scores refer to the competencies; a changed list would orphan them.
        raise DomainError(
            {
                "competency_keys": "Candidates have been scored against these competencies: they cannot change now"
            }
        )
    apply_changes(
        post,
        changes,
        actor=actor,
        action="post.update",
        trust_id=post.trust_id,
        summary=f"Post updated: {_text(fields['title'])}",
        reason="Post updated",
    )
    return post


# Campaigns (APP-3) -------------------------------------------------------------------------------


def _next_reference(trust_id: int, year: int) -> str:
    prefix = f"APP-{year}-"
    count = Campaign.objects.filter(trust_id=trust_id, reference__startswith=prefix).count()
    return f"{prefix}{count + 1:03d}"


def _validate_campaign(fields: Mapping[str, Any]) -> None:
    vacancies = fields.get("vacancies")
    if isinstance(vacancies, bool) or not isinstance(vacancies, int) or vacancies < 1:
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
    actor: Actor,
    post: Post,
    vacancies: int,
    advert: str,
    opens_on: dt.date | None,
    closes_on: dt.date | None,
    interview_date: dt.date | None = None,
    first_appointment: bool = False,
    plan: AppointmentPlan | None = None,
) -> Campaign:
    """APP-3: a draft campaign for a post, numbered APP-<year>-<n>, with its dates in order
    (opening, closing, interview)."""
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


def campaign_update(*, actor: Actor, campaign: Campaign, **changes: Any) -> Campaign:
    """APP-3: change a campaign; once advertised the opening date and vacancies stay, and a
    complete campaign does not change."""
    require_lead(actor, campaign.trust_id)
    allowed = {"vacancies", "advert", "opens_on", "closes_on", "interview_date", "first_appointment"}
    check_editable(changes, allowed)
    if campaign.status == CampaignStatus.COMPLETE:
        raise DomainError("The campaign is complete: it can no longer change.")
    if campaign.status != CampaignStatus.DRAFT and {"opens_on", "vacancies"} & {
        k for k, v in changes.items() if getattr(campaign, k) != v
    }:
        raise DomainError("Once advertised, only the advert, closing and interview dates can change.")
    fields = {name: getattr(campaign, name) for name in allowed} | changes
    _validate_campaign(fields)
    apply_changes(
        campaign,
        changes,
        actor=actor,
        action="campaign.update",
        trust_id=campaign.trust_id,
        summary=f"Campaign {campaign.reference} updated",
        reason="Campaign updated",
    )
    return campaign


def campaign_advertise(*, actor: Actor, campaign: Campaign) -> Campaign:
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
    """Advertised and between its opening and closing dates (both included)."""
    on = on or _today()
    return campaign.status == CampaignStatus.ADVERTISED and campaign.opens_on <= on <= campaign.closes_on
