"""The chair's handling of each person's conflict on an agenda item, and members' concerns about
it (COI-3, COI-4, COI-8)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from pecgov.actors import Actor, SystemActor, require
from pecgov.audit.recording import actor_user, save_tracked
from pecgov.errors import DomainError
from pecgov.interests.enums import Handling
from pecgov.interests.models import Declaration
from pecgov.meetings.conflicts import tasks
from pecgov.meetings.conflicts.statement import build, render_text, sha256
from pecgov.meetings.models import AgendaItem, ConflictConcern, ItemConflict, StatementVersion, Vote
from pecgov.meetings.rules import require_chair
from pecgov.policy.services import effective_policy
from pecgov.servicekit import event, require_lead
from pecgov.trust.enums import MembershipRole
from pecgov.trust.models import Membership, Organisation, Person
from pecgov.trust.queries import current_q
from pecgov.trust.roles import roles_of

OWN_CONFLICT = (
    "No one can rule on their own conflict: the vice-chair, or a member the meeting names, "
    "rules on it and chairs the item."
)


def financial_default(trust: Organisation) -> str:
    """The handling the policy pack proposes for a financial interest (COI-3)."""
    value = effective_policy(trust)["interests.financial_default_handling"]
    return str(value) if value in Handling.values else Handling.EXCLUDE_DECISION


def proposed_handling(*, financial: bool, default_for_financial: str) -> str:
    """COI-3: a financial interest (or the member's own practice) gets the pack's default (DH: may
    advise but not decide; Alliance: excluded from the debate); any other interest is proposed as
    no action, for the chair to decide with a reason."""
    return default_for_financial if financial else Handling.NO_ACTION


def _seats(item: AgendaItem) -> dict[int, str]:
    """Who sits on the item's committee on the meeting day, with their role."""
    day = timezone.localtime(item.meeting.starts_at).date()
    return dict(
        Membership.objects.filter(current_q(day), committee_id=item.meeting.committee_id).values_list(
            "person_id", "role"
        )
    )


def _ruler(actor: Actor, item: AgendaItem, person: Person, ruled_by: Person | None) -> Person | None:
    """Who ruled on the chair's own conflict and chaired the item (COI-8): named, or the member
    recording it. The system loading records may leave it unnamed; a user may not."""
    seats = _seats(item)
    if seats.get(person.pk) != MembershipRole.CHAIR:
        return ruled_by
    if ruled_by is None:
        person_id = roles_of(actor).person_id
        ruled_by = Person.objects.filter(pk=person_id).first() if person_id in seats else None
    if ruled_by is None:
        if isinstance(actor, SystemActor):
            return None
        raise DomainError(
            {
                "ruled_by": "Select who ruled on the chair's conflict and chaired the item: the vice-chair or a member the meeting named"
            }
        )
    if ruled_by.pk == person.pk:
        raise DomainError({"ruled_by": OWN_CONFLICT})
    if ruled_by.pk not in seats:
        raise DomainError({"ruled_by": "Select a member of the committee"})
    return ruled_by


def _check_referral(item: AgendaItem, referred_to: str, advice: str, referred_on: dt.date | None) -> None:
    """The optional advice of a clinical reference group, recorded before the handling (COI-8)."""
    if not (referred_to.strip() or advice.strip() or referred_on):
        return
    if not referred_to.strip():
        raise DomainError({"referred_to": "Enter who was asked for advice"})
    if not advice.strip():
        raise DomainError({"referral_advice": "Enter what they advised"})
    if referred_on is None:
        raise DomainError({"referred_on": "Enter the date they advised"})
    if referred_on > timezone.localdate() or referred_on.year < 1948:
        raise DomainError({"referred_on": "The date they advised must be today or in the past"})


def _strike_votes(actor: Actor, record: ItemConflict) -> list[Vote]:
    """An exclusion strikes a vote the member already cast (COI-3): the row stays, marked struck
    with when and why, and is no longer counted."""
    if not record.excluded_from_decision:
        return []
    struck = []
    for vote in Vote.objects.filter(item=record.item, person=record.person, struck_at__isnull=True):
        vote.struck_at = timezone.now()
        vote.struck_reason = (
            f"{record.person.name} was excluded from the decision because of a conflict of interest "
            f"({record.get_handling_display().lower()})"
        )
        save_tracked(vote, actor=actor, update_fields=["struck_at", "struck_reason"], reason="Vote struck")
        struck.append(vote)
    return struck


def conflict_record(
    *,
    actor: Actor,
    item: AgendaItem,
    person: Person,
    handling: str,
    interest: str,
    reason: str = "",
    declaration: Declaration | None = None,
    ruled_by: Person | None = None,
    referred_to: str = "",
    referral_advice: str = "",
    referred_on: dt.date | None = None,
) -> ItemConflict:
    """The chair records how one person's conflict on one item is handled (COI-3); no one rules
    on their own conflict (COI-8)."""
    require_chair(actor, item.meeting)
    require(actor, "meetings.rule_on_conflict", ItemConflict(item=item, person=person), message=OWN_CONFLICT)
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
    _check_referral(item, referred_to, referral_advice, referred_on)
    ruler = _ruler(actor, item, person, ruled_by)
    with transaction.atomic():
        record = ItemConflict.objects.filter(item=item, person=person).first() or ItemConflict(
            item=item, person=person
        )
        record.declaration, record.interest, record.handling = declaration, interest.strip(), handling
        record.reason, record.recorded_by, record.recorded_at = (
            reason.strip(),
            actor_user(actor),
            timezone.now(),
        )
        record.ruled_by = ruler
        record.referred_to, record.referral_advice, record.referred_on = (
            referred_to.strip(),
            referral_advice.strip(),
            referred_on,
        )
        save_tracked(record, actor=actor, reason="Conflict handling recorded")
        struck = _strike_votes(actor, record)
        event(
            actor,
            "conflict.record",
            [record, *struck],
            person.trust_id,
            f"{person.name} on {item}: {Handling(handling).label}"
            + (f"; ruled on by {ruler.name}, who chaired the item" if ruler else "")
            + ("; their vote is struck" if struck else ""),
        )
    return record


def concern_raise(*, actor: Actor, item: AgendaItem, text: str) -> ConflictConcern:
    """A member records a concern that a conflict was not handled well (COI-4)."""
    require(
        actor,
        "meetings.raise_concern",
        item.meeting,
        message="Only members of the committee can record a concern.",
    )
    person_id = roles_of(actor).person_id
    if person_id is None:
        raise DomainError("Only members of the committee can record a concern.")
    if not text.strip():
        raise DomainError({"text": "Describe your concern"})
    with transaction.atomic():
        concern = save_tracked(
            ConflictConcern(item=item, raised_by_id=person_id, text=text.strip(), raised_at=timezone.now()),
            actor=actor,
            reason="Concern raised",
        )
        event(
            actor, "concern.create", concern, item.meeting.committee.trust_id, f"Concern recorded on {item}"
        )
        if StatementVersion.objects.filter(item=item).exists():
            statement_freeze(actor=actor, item=item, reason="A concern was recorded after it was sent")
    return concern


# The statement to the Board as sent (COI-5) --------------------------------------------------


def statement_freeze(*, actor: Actor, item: AgendaItem, reason: str) -> StatementVersion | None:
    """Store the statement's text as it now stands, with its SHA-256 in the audit event; its PDF
    is built from that text by a task once this commits (X-4). A new version only when the text
    differs from the last one; None when it does not. What the Board saw is never altered (COI-5)."""
    text = render_text(build(item))
    digest = sha256(text)
    last = StatementVersion.objects.filter(item=item).order_by("-version").defer("pdf").first()
    if last is not None and last.sha256 == digest:
        return None
    number = (last.version if last else 0) + 1
    with transaction.atomic():
        version = save_tracked(
            StatementVersion(
                item=item,
                version=number,
                frozen_at=timezone.now(),
                reason=reason,
                html=text,
                sha256=digest,
                frozen_by=actor_user(actor),
            ),
            actor=actor,
            reason="Statement frozen",
        )
        event(
            actor,
            "statement.freeze",
            version,
            item.meeting.committee.trust_id,
            f"Statement to the Board on {item}, version {number}: {reason}",
            sha256=digest,
            version=number,
        )
        tasks.enqueue_on_commit(version.pk)
    return version


def statement_send(*, actor: Actor, item: AgendaItem) -> StatementVersion:
    """The lead marks the statement sent to the Board: it is frozen as it now stands (COI-5)."""
    require_lead(actor, item.meeting.committee.trust_id)
    if not item.went_to_board:
        raise DomainError("Only a recommendation the committee made to the Board can be sent to it")
    version = statement_freeze(actor=actor, item=item, reason="Marked as sent to the Board")
    if version is None:
        raise DomainError("This statement has already been sent: nothing in the record has changed since")
    return version
