"""What the record proves of the checklist (EFF-1): an action ticks itself, with a link to the
proof, once the record shows it done. One query a kind of proof, whatever the trust's size."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import F, Q
from django.urls import reverse

from pecgov.appointments.enums import ApplicationStatus, CampaignStatus
from pecgov.appointments.models import Application, Campaign, MemberNotice, Offer, Post
from pecgov.delegation.models import Delegation
from pecgov.members.models import Induction, PdpAction, TrainingRecord
from pecgov.surveys.models import Recipient
from pecgov.trust.enums import CommitteeKind


@dataclass(frozen=True)
class Proof:
    """What in the record shows the action done, and where to see it."""

    text: str
    url: str


def _functions(trust_id: int, today: dt.date) -> Proof | None:
    # TOR-1: the Board has delegated functions to the PEC (DH 3.2, Annex A).
    count = (
        Delegation.objects.filter(committee__trust_id=trust_id, committee__kind=CommitteeKind.PEC)
        .filter(start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .count()
    )
    if not count:
        return None
    noun = "function" if count == 1 else "functions"
    return Proof(f"{count} {noun} delegated to the PEC", reverse("delegation:catalogue"))


def _competencies(trust_id: int, today: dt.date) -> Proof | None:
    # APP-2: a post names the competencies candidates are assessed against (DH Annex B).
    post = Post.objects.filter(trust_id=trust_id).exclude(competency_keys=[]).order_by("pk").first()
    if post is None:
        return None
    return Proof(f"Competencies chosen for {post.title}", reverse("appointments:post_detail", args=[post.pk]))


def _panel(trust_id: int, today: dt.date) -> Proof | None:
    # APP-4: a campaign with its interview panel seated (with the interview date, once set).
    campaign = (
        Campaign.objects.filter(trust_id=trust_id, seats__isnull=False)
        .order_by(F("interview_date").desc(nulls_last=True), "pk")
        .distinct()
        .first()
    )
    if campaign is None:
        return None
    when = f", interviews on {campaign.interview_date:%-d %B %Y}" if campaign.interview_date else ""
    return Proof(
        f"Panel convened for {campaign.reference}{when}", reverse("appointments:panel", args=[campaign.pk])
    )


def _advertised(trust_id: int, today: dt.date) -> Proof | None:
    # APP-3: a campaign advertised (or gone further).
    gone_out = [CampaignStatus.ADVERTISED, CampaignStatus.SHORTLISTED, CampaignStatus.COMPLETE]
    campaign = (
        Campaign.objects.filter(trust_id=trust_id, status__in=gone_out).order_by("opens_on", "pk").first()
    )
    if campaign is None:
        return None
    return Proof(
        f"{campaign.reference} advertised from {campaign.opens_on:%-d %B %Y}",
        reverse("appointments:campaign_detail", args=[campaign.pk]),
    )


def _shortlist(trust_id: int, today: dt.date) -> Proof | None:
    # APP-3: the sift has shortlisted a candidate.
    listed = [
        ApplicationStatus.SHORTLISTED,
        ApplicationStatus.OFFERED,
        ApplicationStatus.ACCEPTED,
        ApplicationStatus.DECLINED,
        ApplicationStatus.NOT_APPOINTED,
    ]
    campaign_id = (
        Application.objects.filter(campaign__trust_id=trust_id, status__in=listed)
        .order_by("campaign_id")
        .values_list("campaign_id", flat=True)
        .first()
    )
    if campaign_id is None:
        return None
    return Proof("Shortlist drawn up", reverse("appointments:sift_overview", args=[campaign_id]))


def _offers(trust_id: int, today: dt.date) -> Proof | None:
    # APP-3, APP-7: offers made and answered, at least one accepted on the terms recorded with
    # it; an offer still waiting for an answer means the action is not finished.
    offers = Offer.objects.filter(application__campaign__trust_id=trust_id)
    if offers.filter(responded_on__isnull=True).exists():
        return None
    campaign_id = (
        offers.filter(accepted=True)
        .order_by("offered_on", "pk")
        .values_list("application__campaign_id", flat=True)
        .first()
    )
    if campaign_id is None:
        return None
    return Proof(
        "Offers answered, accepted on agreed terms", reverse("appointments:results", args=[campaign_id])
    )


def _notice(trust_id: int, today: dt.date) -> Proof | None:
    # APP-3: notice given to a current member, recorded on the appointment plan.
    notice = (
        MemberNotice.objects.filter(step__plan__trust_id=trust_id)
        .select_related("step")
        .order_by("given_on", "pk")
        .first()
    )
    if notice is None:
        return None
    return Proof(
        f"Notice given on {notice.given_on:%-d %B %Y}",
        reverse("appointments:plan_detail", args=[notice.step.plan_id]),
    )


def _induction(trust_id: int, today: dt.date) -> Proof | None:
    # PERF-4: a mentor named in a member's induction, and training or development needs recorded.
    induction = (
        Induction.objects.filter(membership__committee__trust_id=trust_id, mentor__isnull=False)
        .order_by("pk")
        .first()
    )
    if induction is None:
        return None
    trained = (
        TrainingRecord.objects.filter(person__trust_id=trust_id).exists()
        or PdpAction.objects.filter(appraisal__membership__committee__trust_id=trust_id).exists()
    )
    if not trained:
        return None
    return Proof(
        "Mentor named and training and development needs recorded",
        reverse("members:member_year", args=[induction.membership_id]),
    )


def _effectiveness(trust_id: int, today: dt.date) -> Proof | None:
    # EFF-2: an effectiveness survey sent to those asked (pecgov.surveys).
    survey_id = (
        Recipient.objects.filter(survey__trust_id=trust_id, sent_on__isnull=False)
        .order_by("sent_on", "survey_id")
        .values_list("survey_id", flat=True)
        .first()
    )
    if survey_id is None:
        return None
    return Proof("Effectiveness survey sent", reverse("surveys:detail", args=[survey_id]))


PROVERS: dict[str, Callable[[int, dt.date], Proof | None]] = {
    "roles": _functions,
    "competencies": _competencies,
    "panel": _panel,
    "advertise": _advertised,
    "shortlist": _shortlist,
    "offers": _offers,
    "notice": _notice,
    "induction": _induction,
    "effectiveness": _effectiveness,
}


def proofs(trust_id: int, keys: list[str], today: dt.date) -> dict[str, Proof]:
    """The proof of each action in `keys` the record shows done."""
    found: dict[str, Proof] = {}
    for key in keys:
        prover = PROVERS.get(key)
        proof = prover(trust_id, today) if prover is not None else None
        if proof is not None:
            found[key] = proof
    return found
