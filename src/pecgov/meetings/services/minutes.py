"""Minutes and actions (MTG-5): minutes drafted from the record, approved at a later meeting and
then locked (a correction is a new, visible version); actions with an owner and a due date."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from pecgov.actors import Actor, require
from pecgov.audit.recording import save_tracked
from pecgov.errors import DomainError
from pecgov.meetings.enums import MINUTES_TRANSITIONS, MinutesStatus
from pecgov.meetings.models import Action, AgendaItem, Meeting, Minutes
from pecgov.meetings.queries import minutes_text
from pecgov.servicekit import event, require_lead
from pecgov.trust.models import Person


def _next_version(meeting: Meeting) -> int:
    return (Minutes.objects.filter(meeting=meeting).aggregate(v=Max("version"))["v"] or 0) + 1


def minutes_draft(*, actor: Actor, meeting: Meeting) -> Minutes:
    """Draft minutes generated from the record; a new version if earlier ones exist."""
    require_lead(actor, meeting.committee.trust_id)
    if Minutes.objects.filter(meeting=meeting, status=MinutesStatus.DRAFT).exists():
        raise DomainError("A draft already exists: edit it")
    with transaction.atomic():
        minutes = save_tracked(
            Minutes(meeting=meeting, version=_next_version(meeting), text=minutes_text(meeting)),
            actor=actor,
            reason="Minutes drafted",
        )
        event(actor, "minutes.draft", minutes, meeting.committee.trust_id, f"Drafted {minutes}")
    return minutes


def minutes_edit(*, actor: Actor, minutes: Minutes, text: str, correction_note: str = "") -> Minutes:
    require_lead(actor, minutes.meeting.committee.trust_id)
    if minutes.status != MinutesStatus.DRAFT:
        raise DomainError(
            "Approved minutes are locked. Make a correction instead: it is kept as a new, visible version"
        )
    if not text.strip():
        raise DomainError({"text": "Enter the minutes"})
    with transaction.atomic():
        minutes.text, minutes.correction_note = text.strip(), correction_note.strip()
        save_tracked(minutes, actor=actor, update_fields=["text", "correction_note"], reason="Minutes edited")
        event(actor, "minutes.edit", minutes, minutes.meeting.committee.trust_id, f"Edited {minutes}")
    return minutes


def minutes_approve(*, actor: Actor, minutes: Minutes, at_meeting: Meeting) -> Minutes:
    """Approved at a later meeting of the same committee, then locked (MTG-5)."""
    require_lead(actor, minutes.meeting.committee.trust_id)
    if MinutesStatus.APPROVED not in MINUTES_TRANSITIONS[minutes.status]:
        raise DomainError("These minutes are already approved and locked")
    if (
        at_meeting.committee_id != minutes.meeting.committee_id
        or at_meeting.starts_at <= minutes.meeting.starts_at
    ):
        raise DomainError({"at_meeting": "Minutes are approved at a later meeting of the same committee"})
    with transaction.atomic():
        minutes.status = MinutesStatus.APPROVED
        minutes.approved_at_meeting = at_meeting
        minutes.approved_on = timezone.localtime(at_meeting.starts_at).date()
        save_tracked(
            minutes,
            actor=actor,
            update_fields=["status", "approved_at_meeting", "approved_on"],
            reason="Minutes approved",
        )
        event(
            actor,
            "minutes.approve",
            minutes,
            minutes.meeting.committee.trust_id,
            f"Approved {minutes} at {at_meeting}",
        )
    return minutes


def minutes_correct(*, actor: Actor, minutes: Minutes, text: str, correction_note: str) -> Minutes:
    """A correction to approved minutes: a new draft version that says what was corrected."""
    require_lead(actor, minutes.meeting.committee.trust_id)
    if minutes.status != MinutesStatus.APPROVED:
        raise DomainError("Only approved minutes need a correction; edit the draft instead")
    if not correction_note.strip():
        raise DomainError({"correction_note": "Say what is corrected and why"})
    if not text.strip():
        raise DomainError({"text": "Enter the corrected minutes"})
    if Minutes.objects.filter(meeting=minutes.meeting, status=MinutesStatus.DRAFT).exists():
        raise DomainError("A draft correction already exists: edit it")
    with transaction.atomic():
        corrected = save_tracked(
            Minutes(
                meeting=minutes.meeting,
                version=_next_version(minutes.meeting),
                text=text.strip(),
                correction_note=correction_note.strip(),
            ),
            actor=actor,
            reason="Correction drafted",
        )
        event(
            actor,
            "minutes.correct",
            corrected,
            minutes.meeting.committee.trust_id,
            f"Drafted a correction to {minutes}: {correction_note.strip()}",
        )
    return corrected


def action_add(
    *,
    actor: Actor,
    meeting: Meeting,
    description: str,
    owner: Person | None,
    due_date: dt.date | None,
    item: AgendaItem | None = None,
) -> Action:
    require_lead(actor, meeting.committee.trust_id)
    if not description.strip():
        raise DomainError({"description": "Enter what needs to be done"})
    if owner is None or owner.trust_id != meeting.committee.trust_id:
        raise DomainError({"owner": "Select who owns the action"})
    if due_date is None:
        raise DomainError({"due_date": "Enter the date the action is due"})
    if item is not None and item.meeting_id != meeting.pk:
        raise DomainError({"item": "Select an item of this meeting"})
    with transaction.atomic():
        action = save_tracked(
            Action(
                meeting=meeting, item=item, description=description.strip(), owner=owner, due_date=due_date
            ),
            actor=actor,
            reason="Action added",
        )
        event(
            actor, "action.create", action, meeting.committee.trust_id, f"Action for {owner.name}: {action}"
        )
    return action


def action_complete(*, actor: Actor, action: Action, done_on: dt.date | None = None) -> Action:
    require(
        actor,
        "meetings.complete_action",
        action,
        message="Only the action's owner or the governance lead can complete it.",
    )
    if action.done_on is not None:
        raise DomainError("This action is already done")
    with transaction.atomic():
        action.done_on = done_on or timezone.localdate()
        save_tracked(action, actor=actor, update_fields=["done_on"], reason="Action done")
        event(actor, "action.complete", action, action.meeting.committee.trust_id, f"Done: {action}")
    return action
