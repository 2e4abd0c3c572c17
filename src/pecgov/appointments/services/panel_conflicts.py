"""The interview panel and its conflicts (APP-4 with COI-2, COI-3): seats, the composition
findings against the trust's pack, conflicts screened against the register or declared, and how
each is handled. An unhandled or stepped-aside conflict keeps a member from assessing that
candidate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from pecgov.actors import Actor, require
from pecgov.appointments import panel
from pecgov.appointments.enums import CampaignStatus, ConflictHandling, PanelRole, PostKind
from pecgov.appointments.models import (
    ApplicantInterest,
    Application,
    Campaign,
    InterviewScore,
    PanelConflict,
    PanelSeat,
    SiftScore,
)
from pecgov.appointments.services.base import _text, _today, require_chair_or_lead
from pecgov.audit.recording import actor_user, save_tracked
from pecgov.errors import DomainError
from pecgov.interests import queries as iq
from pecgov.interests import screening
from pecgov.policy.engine import Finding
from pecgov.policy.services import effective_policy
from pecgov.servicekit import event, require_lead
from pecgov.trust.models import Person

# The panel (APP-4) -------------------------------------------------------------------------------


def seat_add(
    *, actor: Actor, campaign: Campaign, person: Person | None, role: str, is_chair: bool = False
) -> PanelSeat:
    """Add a panel member. Any size is allowed: the panel findings say what the policy expects."""
    require_lead(actor, campaign.trust_id)
    if campaign.status == CampaignStatus.COMPLETE:
        raise DomainError("The campaign is complete: its panel can no longer change.")
    if person is None or person.trust_id != campaign.trust_id:
        raise DomainError({"person": "Select a person in this trust"})
    if role not in PanelRole.values:
        raise DomainError({"role": "Select the role this person brings to the panel"})
    if person.user_id is not None and campaign.applications.filter(applicant_id=person.user_id).exists():
        raise DomainError({"person": f"{person} has applied for this post and cannot sit on its panel"})
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


def seat_remove(*, actor: Actor, seat: PanelSeat) -> None:
    """Take someone off the panel, before they have scored anyone or had a conflict recorded
    (so the record of who assessed whom stays whole). The removal is audited (X-2)."""
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
        label, seat_id = str(seat), seat.pk
        # The deletion writes a history row ("-"); the event must name it, so remember
        # where the seat's history stood, delete, and give the instance its id back to look it up.
        save_floor = seat.history.order_by("-history_id").values_list("history_id", flat=True).first()
        seat._history_floor = save_floor or 0  # type: ignore[attr-defined]
        seat._history_user = actor_user(actor)  # type: ignore[attr-defined]
        seat._change_reason = "Removed from the panel"  # type: ignore[attr-defined]
        seat.delete()
        seat.pk = seat_id
        event(
            actor,
            "panel.remove",
            seat,
            campaign.trust_id,
            f"{campaign.reference}: {label} removed from the panel",
        )


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


# Panel conflicts (APP-4 with COI-2, COI-3) -------------------------------------------------------


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
    affected_by_application: dict[int, set[int]] = {}
    for application in applications:
        affected = set(declared_orgs.get(application.pk, set()))
        if application.organisation_id is not None:
            affected.add(application.organisation_id)
        affected_by_application[application.pk] = affected
    # One screening over every candidate, sharing the graph searches (COI-2).
    found_by_application = screening.screen_agenda(
        items=affected_by_application, attendees=attendees, links=links, on=on, names=names
    )
    for application in applications:
        for conflict in found_by_application.get(application.pk, []):
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
    *, actor: Actor, seat: PanelSeat, application: Application, description: str
) -> PanelConflict:
    """A panel member (or the lead for them) declares a conflict with a candidate."""
    campaign = seat.campaign
    if application.campaign_id != campaign.pk:
        raise DomainError({"application": "Select a candidate in this campaign"})
    require(
        actor,
        "appointments.declare_conflict",
        seat,
        message="Only the panel member or the governance lead can declare their conflict.",
    )
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
    *, actor: Actor, seat: PanelSeat, application: Application, handling: str, reason: str = ""
) -> PanelConflict:
    """How a panel member's conflict with a candidate is handled: they step aside from that
    candidate, or no action with a recorded reason. Recorded by the panel's chair or the lead,
    never by the conflicted member (COI-3)."""
    campaign = seat.campaign
    require_chair_or_lead(actor, campaign, "record how a conflict is handled")
    if application.campaign_id != campaign.pk:
        raise DomainError({"application": "Select a candidate in this campaign"})
    require(
        actor,
        "appointments.handle_conflict",
        seat,
        message="Someone other than the conflicted panel member must record how it is handled.",
    )
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


def conflict_problems(seat: PanelSeat, application: Application) -> list[str]:
    """APP-4, COI-3: why the member may not assess the candidate: a conflict recorded against any
    of their seats (someone may sit in two roles) keeps them out until it is handled, and for
    good if they step aside. Empty when they may."""
    seats = list(PanelSeat.objects.filter(campaign_id=seat.campaign_id, person_id=seat.person_id))
    found = panel_flags(seat.campaign, seats, [application]).values()
    if any(not flag.handled for flag in found):
        return [
            f"You have a conflict with {application.name} that has not been handled yet: "
            "the panel's chair or the governance lead must record how it is handled first."
        ]
    if any(flag.steps_aside for flag in found):
        return [f"You stepped aside from assessing {application.name} because of a conflict."]
    return []
