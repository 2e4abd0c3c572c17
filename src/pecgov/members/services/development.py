"""Induction, mentors and training (PERF-4); successors for seats and lead areas (PERF-5)."""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from pecgov.actors import Actor, require
from pecgov.audit.recording import save_tracked
from pecgov.delegation.models import LeadArea
from pecgov.errors import DomainError
from pecgov.members.enums import Readiness
from pecgov.members.models import Induction, PdpAction, Successor, TrainingRecord
from pecgov.policy.packs import PACK_DIR
from pecgov.policy.services import pack_key_for
from pecgov.servicekit import event, require_lead
from pecgov.trust.models import Membership, Organisation, Person

NOT_LEAD = "Only the trust's governance lead can do this."


def induction_checklist(trust: Organisation) -> list[dict[str, str]]:
    """PERF-4: the induction checklist of the trust's pack ([[members.induction]], DH 4.2, Annex C)."""
    path = PACK_DIR / f"{pack_key_for(trust)}.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [dict(item) for item in data.get("members", {}).get("induction", [])]


def _induction(actor: Actor, membership: Membership) -> Induction:
    found = Induction.objects.filter(membership=membership).first()
    if found is not None:
        return found
    return save_tracked(Induction(membership=membership), actor=actor, reason="Induction opened")


def induction_tick(*, actor: Actor, membership: Membership, item: str, done_on: dt.date) -> Induction:
    """PERF-4: an item of the induction checklist done; induction completes with the last one."""
    require(actor, "members.manage", membership, message=NOT_LEAD)
    trust = membership.committee.trust
    items = {entry["key"]: entry["text"] for entry in induction_checklist(trust)}
    if item not in items:
        raise DomainError({"item": "Select an item of the induction checklist"})
    if done_on > timezone.localdate() or done_on < membership.start_date:
        raise DomainError({"done_on": "The date must be between the member joining and today"})
    with transaction.atomic():
        induction = _induction(actor, membership)
        if item in induction.done:
            raise DomainError({"item": "This item is already done"})
        induction.done = {**induction.done, item: done_on.isoformat()}
        fields = ["done"]
        if set(items) <= set(induction.done):
            induction.completed_on = max(dt.date.fromisoformat(d) for d in induction.done.values())
            fields.append("completed_on")
        save_tracked(induction, actor=actor, update_fields=fields, reason="Induction item done")
        event(actor, "induction.tick", induction, trust.pk, f"{membership.person}: {items[item]}")
    return induction


def mentor_name(*, actor: Actor, membership: Membership, mentor: Person) -> Induction:
    """PERF-4 (DH Annex C): the member's named mentor, someone else in the trust."""
    require(actor, "members.manage", membership, message=NOT_LEAD)
    if mentor.trust_id != membership.person.trust_id or mentor.pk == membership.person_id:
        raise DomainError({"mentor": "Select someone else in the trust as mentor"})
    with transaction.atomic():
        induction = _induction(actor, membership)
        induction.mentor = mentor
        save_tracked(induction, actor=actor, update_fields=["mentor"], reason="Mentor named")
        event(actor, "induction.mentor", induction, mentor.trust_id, f"{mentor} mentors {membership.person}")
    return induction


def training_record(
    *,
    actor: Actor,
    membership: Membership,
    course: str,
    provider: str,
    start_date: dt.date,
    end_date: dt.date,
    hours: Decimal,
    leadership: bool = False,
    pdp_action: PdpAction | None = None,
) -> TrainingRecord:
    """PERF-4: training or leadership development the member took, linked to one of their own
    development plan actions where it serves one."""
    require(
        actor,
        "members.record_training",
        membership,
        message="Only the member and the governance lead record training.",
    )
    if not course.strip():
        raise DomainError({"course": "Enter the course"})
    if not provider.strip():
        raise DomainError({"provider": "Enter who provided it"})
    if end_date < start_date:
        raise DomainError({"end_date": "The end date must be on or after the start date"})
    if hours <= 0:
        raise DomainError({"hours": "Enter the hours, more than 0"})
    if pdp_action is not None and pdp_action.appraisal.membership.person_id != membership.person_id:
        raise DomainError({"pdp_action": "Select one of the member's own development plan actions"})
    with transaction.atomic():
        row = save_tracked(
            TrainingRecord(
                person=membership.person,
                course=course.strip(),
                provider=provider.strip(),
                start_date=start_date,
                end_date=end_date,
                hours=hours,
                leadership=leadership,
                pdp_action=pdp_action,
            ),
            actor=actor,
            reason="Training recorded",
        )
        event(
            actor,
            "training.record",
            row,
            membership.person.trust_id,
            f"{membership.person} took {row.course}",
        )
    return row


def successor_add(
    *,
    actor: Actor,
    trust: Organisation,
    person: Person,
    readiness: str,
    membership: Membership | None = None,
    lead_area: LeadArea | None = None,
    development: str = "",
) -> Successor:
    """PERF-5: someone who could follow the holder of a PEC seat or a lead area, with readiness."""
    require_lead(actor, trust.pk)
    if (membership is None) == (lead_area is None):
        raise DomainError("Name the successor for one seat or one lead area.")
    holder = membership.person if membership is not None else lead_area.person  # type: ignore[union-attr]
    if holder.trust_id != trust.pk or person.trust_id != trust.pk:
        raise DomainError({"person": "Select someone in the trust"})
    if person.pk == holder.pk:
        raise DomainError({"person": "The holder cannot be their own successor"})
    if readiness not in Readiness.values:
        raise DomainError({"readiness": "Select how soon they could follow"})
    clash = Successor.objects.filter(person=person, membership=membership, lead_area=lead_area)
    if clash.exists():
        raise DomainError({"person": f"{person} is already named to follow here"})
    with transaction.atomic():
        row = save_tracked(
            Successor(
                membership=membership,
                lead_area=lead_area,
                person=person,
                readiness=readiness,
                development=development.strip(),
            ),
            actor=actor,
            reason="Successor named",
        )
        event(actor, "successor.add", row, trust.pk, f"{person} named to follow {holder}")
    return row
