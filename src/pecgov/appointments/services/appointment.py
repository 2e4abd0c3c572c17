"""Appointing (APP-3, APP-6, ORG-4): the decision with reasons and the offer, the candidate's
answer (acceptance makes the membership, so the composition findings update), completing the
round, and the Alliance chair recommendation by the PEC's members."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from pecgov.actors import Actor, may, require
from pecgov.appointments import framework, rules
from pecgov.appointments.enums import ApplicationStatus, CampaignStatus
from pecgov.appointments.models import Application, Campaign, ChairRecommendation, Offer
from pecgov.appointments.services.assessment import results
from pecgov.appointments.services.base import (
    _text,
    _today,
    person_of,
)
from pecgov.appointments.services.panel_conflicts import panel_findings, panel_flags
from pecgov.audit.recording import actor_user, save_tracked
from pecgov.errors import DomainError, NotPermitted
from pecgov.policy.engine import Status
from pecgov.policy.services import effective_policy
from pecgov.servicekit import SYSTEM, event, require_lead
from pecgov.trust import services as trust_services
from pecgov.trust.enums import CommitteeKind
from pecgov.trust.models import Committee, Membership, Person

# Appointment, offer and acceptance (APP-3, APP-6, ORG-4) -----------------------------------------


def chair_model(campaign: Campaign) -> str:
    """How the trust's policy appoints the PEC chair: "panel" or "membership_recommends"."""
    return str(effective_policy(campaign.trust).values().get("appointment.chair_model", "panel"))


def membership_recommends(campaign: Campaign) -> bool:
    """APP-6: this campaign is for the PEC chair under the Alliance model."""
    return rules.membership_recommends(campaign)


def may_appoint(actor: Actor, campaign: Campaign) -> bool:
    """Who appoints ("appointments.appoint"): the panel's chair or the lead; under the Alliance
    chair model the PCT chair appoints the PEC chair (APP-6)."""
    return may(actor, "appointments.appoint", campaign)


def require_appointer(actor: Actor, campaign: Campaign) -> None:
    require(
        actor,
        "appointments.appoint",
        campaign,
        message="Under the trust's policy the PCT chair appoints the PEC chair."
        if membership_recommends(campaign)
        else "Only the chair of the panel or the governance lead can appoint.",
    )


def _stage_problems(application: Application) -> list[str]:
    if application.campaign.status != CampaignStatus.SHORTLISTED:
        return ["Candidates are appointed after interview, before the round is complete."]
    if application.status != ApplicationStatus.SHORTLISTED:
        return [
            f"{application.name} cannot be appointed: they are {application.get_status_display().lower()}."
        ]
    return []


def appoint_problems(
    application: Application, *, alliance: bool | None = None, tally: RecommendationTally | None = None
) -> list[str]:
    """APP-3, APP-6: why the candidate cannot be appointed now (the round's stage, and under the
    Alliance model the membership's recommendation); empty when they can. The pages offer
    "Appoint" only when it is empty; `appoint` checks these and the rest. A page listing many
    candidates passes `alliance` and `tally`, read once."""
    problems = _stage_problems(application)
    if problems:
        return problems
    if alliance is None:
        alliance = membership_recommends(application.campaign)
    if not alliance:
        return []
    return _tally_problems(tally or recommendation_tally(application.campaign), application)


def _check_terms(reason: str, start_date: dt.date | None, tenure_terms: str, time_commitment: str) -> None:
    if not _text(reason):
        raise DomainError({"reason": "Enter the reasons for the appointment"})
    if start_date is None:
        raise DomainError({"start_date": "Enter the date the appointment starts"})
    if not _text(tenure_terms):
        raise DomainError({"tenure_terms": "Enter the terms of tenure"})
    if not _text(time_commitment):
        raise DomainError({"time_commitment": "Enter the time commitment, such as 2 sessions a week"})


def _respond_by(campaign: Campaign, respond_by: dt.date | None, start_date: dt.date) -> dt.date:
    """APP-3: the reply-by date, by default the pack's number of days from today; never in the
    past, and not after the appointment would start."""
    today = _today()
    if respond_by is None:
        days = effective_policy(campaign.trust)["appointment.offer_response_days"]
        assert isinstance(days, int)
        respond_by = min(today + dt.timedelta(days=days), max(start_date, today))
    if respond_by < today:
        raise DomainError({"respond_by": "The reply-by date must be today or in the future"})
    if respond_by > start_date:
        raise DomainError({"respond_by": "The reply-by date must be on or before the start date"})
    return respond_by


def _check_appointable(campaign: Campaign, application: Application) -> None:
    """APP-4, APP-5: the panel meets the policy, its conflicts with the candidate are handled, and
    the candidate is fully scored and shows skills or potential under both headings."""
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


def appoint(
    *,
    actor: Actor,
    application: Application,
    reason: str,
    start_date: dt.date | None,
    tenure_terms: str,
    time_commitment: str,
    respond_by: dt.date | None = None,
) -> Offer:
    """Record the decision to appoint, with reasons, and make the offer with its terms and the
    date to answer by (APP-3: the pack's number of days from today unless another is given)."""
    campaign = application.campaign
    require_appointer(actor, campaign)
    problems = _stage_problems(application)
    if problems:
        raise DomainError(problems[0])
    _check_terms(reason, start_date, tenure_terms, time_commitment)
    assert start_date is not None  # _check_terms refused a missing one
    respond_by = _respond_by(campaign, respond_by, start_date)
    _check_appointable(campaign, application)
    followed = _recommendation_followed(campaign, application)
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
                respond_by=respond_by,
                recommendation=followed,
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


def offer_respond(*, actor: Actor, offer: Offer, accept: bool) -> Offer:
    """The candidate accepts or declines. Acceptance makes them a member of the committee from
    the start date, so the composition findings update (ORG-4, POL-1); their person record is
    theirs if they have one in the trust, else made and linked to their account. A seat the
    committee cannot take (they already sit on it, or it has a chair for those dates) is refused
    with the reason and nothing saved. Declining creates nothing."""
    application = offer.application
    campaign = application.campaign
    require(
        actor,
        "appointments.answer_offer",
        application,
        message="Only the applicant or the governance lead can answer the offer.",
    )
    if offer.accepted is not None:
        raise DomainError("The offer has already been answered.")
    written: list[Any] = []
    try:
        with transaction.atomic():
            membership = None
            if accept:
                person = _person_for(application)
                membership = trust_services.membership_create(
                    actor=SYSTEM,
                    person=person,
                    committee=campaign.post.committee,
                    role=campaign.post.membership_role,
                    start_date=offer.start_date,
                )
                application.person = person
                written += [person, membership]
            offer.accepted, offer.responded_on, offer.membership = accept, _today(), membership
            application.status = ApplicationStatus.ACCEPTED if accept else ApplicationStatus.DECLINED
            save_tracked(offer, actor=actor, reason="Offer answered")
            save_tracked(
                application, actor=actor, reason="Offer answered", update_fields=["status", "person"]
            )
            event(
                actor,
                "offer.accept" if accept else "offer.decline",
                [offer, application, *written],
                campaign.trust_id,
                f"{campaign.reference}: {application.name} {'accepted' if accept else 'declined'} the offer",
            )
    except DomainError as error:
        offer.refresh_from_db()
        application.refresh_from_db()
        raise DomainError(f"The acceptance cannot be recorded yet: {' '.join(error.messages)}") from error
    return offer


def _person_for(application: Application) -> Person:
    """The applicant's person record in the trust: theirs if they already have one, else new and
    linked to their account. An account belongs to one person in one trust, so an applicant who
    is a person in another trust gets a record here without the link (the lead can link it)."""
    trust = application.campaign.trust
    existing = Person.objects.filter(trust=trust, user=application.applicant).first()
    if existing is not None:
        return existing
    linked_elsewhere = Person.objects.filter(user=application.applicant).exists()
    return trust_services.person_create(
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
        user=None if linked_elsewhere else application.applicant,
    )


def campaign_complete(*, actor: Actor, campaign: Campaign, note: str = "") -> Campaign:
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


# The Alliance chair recommendation (APP-6) -------------------------------------------------------


def recommenders(campaign: Campaign) -> list[Person]:
    """The PEC's current members: under the Alliance model they recommend the chair."""
    today = _today()
    # One condition on the same membership: a past seat elsewhere must not hide a current one.
    current = Membership.objects.filter(committee=campaign.post.committee, start_date__lte=today).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today)
    )
    return list(Person.objects.filter(pk__in=current.values("person_id")).order_by("name"))


@dataclass(frozen=True)
class RecommendationTally:
    """APP-6: how far the new PEC's members have got in recommending their chair. The PCT chair
    appoints once one candidate is recommended by more than `appointment.chair_recommendation_percent`
    per cent of the members (the Alliance's "recommendation by the whole new PEC membership")."""

    members: int
    needed: int
    counts: tuple[tuple[Application, int], ...]  # candidates by recommendations, most first

    @property
    def recommended(self) -> int:
        return sum(count for _, count in self.counts)

    @property
    def leader(self) -> Application | None:
        """The candidate the membership has recommended, once the threshold is reached."""
        if self.counts and self.counts[0][1] >= self.needed:
            return self.counts[0][0]
        return None

    @property
    def summary(self) -> str:
        """Such as "4 of 8 members have recommended one candidate; 5 needed"."""
        top = self.counts[0][1] if self.counts else 0
        verb = "has" if top == 1 else "have"
        whom = self.leader.name if self.leader is not None else "one candidate"
        return f"{top} of {self.members} members {verb} recommended {whom}; {self.needed} needed"


def recommendation_tally(campaign: Campaign) -> RecommendationTally:
    """APP-6: the membership's recommendations so far, against the threshold of the trust's policy."""
    members = len(recommenders(campaign))
    percent = effective_policy(campaign.trust).values().get("appointment.chair_recommendation_percent", 50)
    share = percent if isinstance(percent, int) else 50
    counts: dict[int, list[Any]] = {}
    for rec in campaign.recommendations.select_related("application"):
        counts.setdefault(rec.application_id, [rec.application, 0])[1] += 1
    ranked = sorted(((a, n) for a, n in counts.values()), key=lambda pair: (-pair[1], pair[0].name))
    return RecommendationTally(members=members, needed=members * share // 100 + 1, counts=tuple(ranked))


def _tally_problems(tally: RecommendationTally, application: Application) -> list[str]:
    if not tally.recommended:
        return ["The new PEC's members have not recommended a candidate yet (Alliance model)."]
    if tally.leader is None:
        return [f"The new PEC's members have not agreed a recommendation yet: {tally.summary}."]
    if tally.leader.pk != application.pk:
        return [
            f"The new PEC's members recommended {tally.leader.name}: the PCT chair appoints the "
            "recommended candidate."
        ]
    return []


def _recommendation_followed(campaign: Campaign, application: Application) -> str:
    """APP-6: under the Alliance model the PCT chair appoints the candidate the membership
    recommended, once the threshold is reached; the offer records which recommendation."""
    if not membership_recommends(campaign):
        return ""
    tally = recommendation_tally(campaign)
    problems = _tally_problems(tally, application)
    if problems:
        raise DomainError(problems[0])
    return f"Recommended by the new PEC's members: {tally.summary}."


def chair_recommend(
    *, actor: Actor, campaign: Campaign, application: Application, reason: str
) -> ChairRecommendation:
    """APP-6: a current PEC member recommends a shortlisted candidate (not themselves) for
    chair, with a reason; recommending again replaces their recommendation."""
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
    if application.applicant_id == getattr(actor, "pk", None):
        raise DomainError({"application": "You cannot recommend yourself: recommend another candidate"})
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
