"""The chair's handling of each person's conflict on an agenda item, and members' concerns about
it (COI-3, COI-4, COI-8)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from pecgov.audit import chain
from pecgov.audit.recording import actor_user, save_tracked
from pecgov.errors import DomainError, NotPermitted
from pecgov.interests.enums import Handling
from pecgov.interests.models import Declaration
from pecgov.meetings.models import AgendaItem, ConflictConcern, ItemConflict
from pecgov.meetings.rules import require_chair
from pecgov.policy.services import effective_policy
from pecgov.trust.models import Organisation, Person
from pecgov.trust.roles import roles_of


def _event(actor: Any, action: str, obj: Any, trust_id: int, summary: str) -> None:
    chain.append(actor=actor, action=action, objects=[obj], trust_id=trust_id, summary=summary)


def financial_default(trust: Organisation) -> str:
    """The handling the policy pack proposes for a financial interest (COI-3)."""
    value = effective_policy(trust)["interests.financial_default_handling"]
    return str(value) if value in Handling.values else Handling.EXCLUDE_DECISION


def proposed_handling(*, financial: bool, default_for_financial: str) -> str:
    """COI-3: a financial interest (or the member's own practice) gets the pack's default (DH: may
    advise but not decide; Alliance: excluded from the debate); any other interest is proposed as
    no action, for the chair to decide with a reason."""
    return default_for_financial if financial else Handling.NO_ACTION


# Handling conflicts per item (COI-3, COI-4) ------------------------------------------------


def conflict_record(
    *,
    actor: Any,
    item: AgendaItem,
    person: Person,
    handling: str,
    interest: str,
    reason: str = "",
    declaration: Declaration | None = None,
) -> ItemConflict:
    """The chair records how one person's conflict on one item is handled (COI-3)."""
    require_chair(actor, item.meeting)
    if item.is_decided:
        raise DomainError("This item has been decided: conflict handling can no longer be changed")
    if handling not in Handling.values:
        raise DomainError({"handling": "Select how the conflict is handled"})
    if handling == Handling.NO_ACTION and not reason.strip():
        raise DomainError({"reason": "Enter why no action is needed"})
    if person.trust_id != item.meeting.committee.trust_id:
        raise DomainError({"person": "Select a person in this trust"})
    if declaration is not None and declaration.person_id != person.pk:
        raise DomainError({"declaration": "That declaration is not this person's"})
    if not interest.strip():
        raise DomainError({"interest": "Say where the conflict lies"})
    with transaction.atomic():
        record = ItemConflict.objects.filter(item=item, person=person).first()
        if record is None:
            record = ItemConflict(item=item, person=person)
        record.declaration, record.interest, record.handling = declaration, interest.strip(), handling
        record.reason, record.recorded_by, record.recorded_at = (
            reason.strip(),
            actor_user(actor),
            timezone.now(),
        )
        save_tracked(record, actor=actor, reason="Conflict handling recorded")
        _event(
            actor,
            "conflict.record",
            record,
            person.trust_id,
            f"{person.name} on {item}: {Handling(handling).label}",
        )
    return record


def concern_raise(*, actor: Any, item: AgendaItem, text: str) -> ConflictConcern:
    """A member records a concern that a conflict was not handled well (COI-4)."""
    roles = roles_of(actor)
    if roles.person_id is None or item.meeting.committee_id not in roles.committee_ids:
        raise NotPermitted("Only members of the committee can record a concern.")
    if not text.strip():
        raise DomainError({"text": "Describe your concern"})
    with transaction.atomic():
        concern = save_tracked(
            ConflictConcern(
                item=item, raised_by_id=roles.person_id, text=text.strip(), raised_at=timezone.now()
            ),
            actor=actor,
            reason="Concern raised",
        )
        _event(
            actor, "concern.create", concern, item.meeting.committee.trust_id, f"Concern recorded on {item}"
        )
    return concern
