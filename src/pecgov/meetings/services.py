"""Every write to the MTG domain (MTG-1 to MTG-5, COI-3 votes): actor required, one transaction,
history and an audit event; a broken rule raises DomainError and saves nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from pecgov.actors import SYSTEM
from pecgov.audit import chain
from pecgov.audit.recording import actor_user, save_tracked
from pecgov.errors import DomainError, NotPermitted
from pecgov.meetings import signals
from pecgov.meetings.enums import (
    MINUTES_TRANSITIONS,
    AttendanceStatus,
    AttendeeKind,
    BoardOutcome,
    Contribution,
    ItemKind,
    MeetingStatus,
    MinutesStatus,
    Outcome,
    VoteChoice,
)
from pecgov.meetings.models import (
    Action,
    AgendaItem,
    Attendance,
    BoardDecision,
    Meeting,
    Minutes,
    Paper,
    Vote,
)
from pecgov.meetings.rules import require_chair
from pecgov.policy.services import effective_policy
from pecgov.servicekit import require_lead
from pecgov.trust.models import Committee, Organisation, Person
from pecgov.trust.roles import roles_of
from pecgov.uploads import check_upload


def _event(actor: Any, action: str, obj: Any, trust_id: int, summary: str, **data: Any) -> None:
    chain.append(actor=actor, action=action, objects=[obj], trust_id=trust_id, summary=summary, data=data)


# Meetings and agenda (MTG-1) -------------------------------------------------


def meeting_create(
    *, actor: Any, committee: Committee, starts_at: dt.datetime | None, location: str, public: bool = True
) -> Meeting:
    require_lead(actor, committee.trust_id)
    if starts_at is None:
        raise DomainError({"starts_at": "Enter the date and time the meeting starts"})
    if not location.strip():
        raise DomainError({"location": "Enter where the meeting is held"})
    with transaction.atomic():
        meeting = save_tracked(
            Meeting(committee=committee, starts_at=starts_at, location=location.strip(), public=public),
            actor=actor,
            reason="Meeting scheduled",
        )
        _event(actor, "meeting.create", meeting, committee.trust_id, f"Scheduled {meeting}")
    return meeting


def meeting_update(*, actor: Any, meeting: Meeting, **changes: Any) -> Meeting:
    require_lead(actor, meeting.committee.trust_id)
    allowed = {"starts_at", "location", "public", "status"}
    if set(changes) - allowed:
        raise DomainError(f"These cannot be changed here: {', '.join(sorted(set(changes) - allowed))}")
    if "starts_at" in changes and changes["starts_at"] is None:
        raise DomainError({"starts_at": "Enter the date and time the meeting starts"})
    if "status" in changes and changes["status"] not in MeetingStatus.values:
        raise DomainError({"status": "Select the meeting's status"})
    if "location" in changes and not str(changes["location"]).strip():
        raise DomainError({"location": "Enter where the meeting is held"})
    changes = {k: v for k, v in changes.items() if getattr(meeting, k) != v}
    if not changes:
        return meeting
    with transaction.atomic():
        for key, value in changes.items():
            setattr(meeting, key, value)
        save_tracked(meeting, actor=actor, update_fields=list(changes), reason="Meeting edited")
        _event(actor, "meeting.update", meeting, meeting.committee.trust_id, f"Edited {meeting}")
        if changes.get("status") == MeetingStatus.CANCELLED:
            signals.meeting_cancelled.send(Meeting, actor=actor, meeting=meeting)  # MTG-6
    return meeting


def _check_affected(meeting: Meeting, affected: list[Organisation]) -> None:
    for org in affected:
        if org.trust_id != meeting.committee.trust_id:
            raise DomainError({"affected": "Select organisations in this trust"})


def item_add(
    *,
    actor: Any,
    meeting: Meeting,
    title: str,
    kind: str,
    description: str = "",
    affected: list[Organisation] | None = None,
) -> AgendaItem:
    require_lead(actor, meeting.committee.trust_id)
    if not title.strip():
        raise DomainError({"title": "Enter the item's title"})
    if kind not in ItemKind.values:
        raise DomainError({"kind": "Select the kind of item"})
    affected = list(affected or [])
    _check_affected(meeting, affected)
    with transaction.atomic():
        number = (AgendaItem.objects.filter(meeting=meeting).aggregate(n=Max("number"))["n"] or 0) + 1
        item = save_tracked(
            AgendaItem(
                meeting=meeting,
                number=number,
                title=title.strip(),
                kind=kind,
                description=description.strip(),
            ),
            actor=actor,
            reason="Item added",
        )
        item.affected.set(affected)
        _event(
            actor,
            "item.create",
            item,
            meeting.committee.trust_id,
            f"Added item {item} to {meeting}",
            affected=[o.pk for o in affected],
        )
    return item


def item_update(
    *, actor: Any, item: AgendaItem, affected: list[Organisation] | None = None, **changes: Any
) -> AgendaItem:
    require_lead(actor, item.meeting.committee.trust_id)
    if item.is_decided:
        raise DomainError("This item has been decided: its record can no longer be changed")
    allowed = {"title", "kind", "description"}
    if set(changes) - allowed:
        raise DomainError(f"These cannot be changed here: {', '.join(sorted(set(changes) - allowed))}")
    if "title" in changes and not str(changes["title"]).strip():
        raise DomainError({"title": "Enter the item's title"})
    if "kind" in changes and changes["kind"] not in ItemKind.values:
        raise DomainError({"kind": "Select the kind of item"})
    if affected is not None:
        _check_affected(item.meeting, affected)
    with transaction.atomic():
        for key, value in changes.items():
            setattr(item, key, value.strip() if isinstance(value, str) else value)
        save_tracked(item, actor=actor, update_fields=list(changes) or None, reason="Item edited")
        if affected is not None:
            item.affected.set(affected)
        _event(actor, "item.update", item, item.meeting.committee.trust_id, f"Edited item {item}")
    return item


def paper_add(*, actor: Any, item: AgendaItem, title: str, upload: UploadedFile | None) -> Paper:
    """Attach a paper, within the policy's size and type limits (MTG-1)."""
    trust = item.meeting.committee.trust
    require_lead(actor, trust.pk)
    check_upload(effective_policy(trust), upload)
    assert upload is not None
    with transaction.atomic():
        paper = Paper(
            item=item,
            title=title.strip() or Path(upload.name or "paper").stem,
            content_type=upload.content_type or "application/octet-stream",
            size=upload.size or 0,
            uploaded_by=actor_user(actor),
            uploaded_at=timezone.now(),
        )
        paper.file.save(f"{item.pk}-{Path(upload.name or 'paper').name}", upload, save=False)
        save_tracked(paper, actor=actor, reason="Paper uploaded")
        _event(actor, "paper.create", paper, trust.pk, f"Uploaded paper '{paper.title}' to {item}")
    return paper


# Attendance and quorum (MTG-2) ----------------------------------------------


def attendance_set(
    *, actor: Any, meeting: Meeting, person: Person, status: str, kind: str = AttendeeKind.MEMBER
) -> Attendance:
    require_lead(actor, meeting.committee.trust_id)
    if person.trust_id != meeting.committee.trust_id:
        raise DomainError({"person": "Select a person in this trust"})
    if status not in AttendanceStatus.values:
        raise DomainError({"status": "Select whether they attended"})
    if kind not in AttendeeKind.values:
        raise DomainError({"kind": "Select whether they are a member or in attendance"})
    with transaction.atomic():
        record = Attendance.objects.filter(meeting=meeting, person=person).first()
        if record is None:
            record = save_tracked(
                Attendance(meeting=meeting, person=person, status=status, kind=kind),
                actor=actor,
                reason="Attendance recorded",
            )
        elif (record.status, record.kind) != (status, kind):
            record.status, record.kind = status, kind
            save_tracked(record, actor=actor, update_fields=["status", "kind"], reason="Attendance changed")
        else:
            return record
        _event(
            actor,
            "attendance.set",
            record,
            meeting.committee.trust_id,
            f"{person.name}: {record.get_status_display()} at {meeting}",
        )
    return record


def vote_record(*, actor: Any, item: AgendaItem, person: Person, choice: str) -> Vote:
    """Record a member's vote. An excluded member's vote cannot be recorded (COI-3)."""
    from pecgov.meetings.models import ItemConflict

    meeting = item.meeting
    require_chair(actor, meeting)
    if item.kind not in {ItemKind.DECISION, ItemKind.RECOMMENDATION}:
        raise DomainError("Votes are recorded only on decision and recommendation items")
    if item.is_decided:
        raise DomainError("This item has been decided: votes can no longer be recorded")
    if choice not in VoteChoice.values:
        raise DomainError({"choice": "Select for, against or abstain"})
    conflict = ItemConflict.objects.filter(item=item, person=person).first()
    if conflict is not None and conflict.excluded_from_decision:
        raise DomainError(
            {
                "person": f"{person.name} is excluded from this decision because of a conflict of "
                f"interest ({conflict.get_handling_display().lower()}): their vote cannot be recorded"
            }
        )
    present = Attendance.objects.filter(
        meeting=meeting, person=person, status=AttendanceStatus.PRESENT, kind=AttendeeKind.MEMBER
    ).exists()
    if not present:
        raise DomainError({"person": f"{person.name} is not recorded as a member present at this meeting"})
    with transaction.atomic():
        vote = Vote.objects.filter(item=item, person=person).first()
        if vote is None:
            vote = save_tracked(
                Vote(item=item, person=person, choice=choice), actor=actor, reason="Vote recorded"
            )
        else:
            vote.choice = choice
            save_tracked(vote, actor=actor, update_fields=["choice"], reason="Vote changed")
        _event(
            actor, "vote.record", vote, meeting.committee.trust_id, f"{person.name} voted {choice} on {item}"
        )
    return vote


def item_decide(
    *,
    actor: Any,
    item: AgendaItem,
    outcome: str,
    contribution: str,
    reasons: str,
    evidence: str = "",
    changes_made: str = "",
) -> AgendaItem:
    """Record the outcome (MTG-3, MTG-4). Every screened conflict must be handled and the item
    must be quorate after exclusions (MTG-2, COI-3)."""
    from pecgov.meetings.queries import item_row

    meeting = item.meeting
    require_chair(actor, meeting)
    if item.is_decided:
        raise DomainError("This item has already been decided")
    if outcome not in Outcome.values:
        raise DomainError({"outcome": "Select the outcome"})
    if contribution not in Contribution.values:
        raise DomainError({"contribution": "Select what the committee did with the item"})
    if item.kind == ItemKind.INFORMATION and outcome != Outcome.NOTED:
        raise DomainError({"outcome": "An information item can only be noted"})
    if outcome == Outcome.NOTED and contribution != Contribution.NOTED_ONLY:
        raise DomainError(
            {"contribution": "An item that was only noted was not debated: choose 'Only noted'"}
        )
    if outcome == Outcome.APPROVED_WITH_CHANGES and not changes_made.strip():
        raise DomainError({"changes_made": "Describe what the committee changed"})
    if (
        item.kind in {ItemKind.DECISION, ItemKind.RECOMMENDATION}
        and outcome != Outcome.NOTED
        and not reasons.strip()
    ):
        raise DomainError({"reasons": "Enter the reasons for the decision"})
    row = item_row(item)  # one screening of the meeting serves both checks
    pending = row.unhandled
    if pending:
        raise DomainError(
            {"__all__": "Record how each conflict is handled before deciding: " + ", ".join(pending)}
        )
    if item.kind in {ItemKind.DECISION, ItemKind.RECOMMENDATION} and outcome != Outcome.NOTED:
        quorum = row.quorum
        if quorum is not None and not quorum.quorate:
            raise DomainError(
                {"__all__": f"The item is not quorate, so it cannot be decided: {quorum.explanation}"}
            )
    with transaction.atomic():
        item.outcome, item.contribution = outcome, contribution
        item.reasons, item.evidence, item.changes_made = (
            reasons.strip(),
            evidence.strip(),
            changes_made.strip(),
        )
        item.decided_at, item.decided_by = timezone.now(), actor_user(actor)
        save_tracked(
            item,
            actor=actor,
            reason="Decided",
            update_fields=[
                "outcome",
                "contribution",
                "reasons",
                "evidence",
                "changes_made",
                "decided_at",
                "decided_by",
            ],
        )
        _event(
            actor,
            "item.decide",
            item,
            meeting.committee.trust_id,
            f"{item}: {Outcome(outcome).label} ({Contribution(contribution).label})",
        )
        signals.item_decided.send(AgendaItem, actor=actor, item=item)  # PBC-2: a case follows its item
    return item


def board_decision_record(
    *,
    actor: Any,
    item: AgendaItem,
    decided_on: dt.date | None,
    outcome: str,
    conflicts_considered: bool,
    note: str = "",
) -> BoardDecision:
    """The Board's own decision on a recommendation, recording it considered the conflicts (MTG-3, COI-6)."""
    require_lead(actor, item.meeting.committee.trust_id)
    if (
        item.kind != ItemKind.RECOMMENDATION
        or not item.is_decided
        or item.outcome in {Outcome.DEFERRED, Outcome.REJECTED, Outcome.NOTED}
    ):
        raise DomainError("Only a recommendation the committee made to the Board can have a Board decision")
    if BoardDecision.objects.filter(item=item).exists():
        raise DomainError("The Board's decision on this recommendation is already recorded")
    if decided_on is None:
        raise DomainError({"decided_on": "Enter the date of the Board's decision"})
    if decided_on < timezone.localtime(item.meeting.starts_at).date():
        raise DomainError({"decided_on": "The Board cannot decide before the committee recommended"})
    if outcome not in BoardOutcome.values:
        raise DomainError({"outcome": "Select the Board's decision"})
    if not conflicts_considered:
        raise DomainError(
            {
                "conflicts_considered": "The Board must consider the statement of conflicts before deciding (COI-6)"
            }
        )
    with transaction.atomic():
        decision = save_tracked(
            BoardDecision(
                item=item,
                decided_on=decided_on,
                outcome=outcome,
                conflicts_considered=True,
                note=note.strip(),
                recorded_by=actor_user(actor),
            ),
            actor=actor,
            reason="Board decision recorded",
        )
        _event(
            actor,
            "board_decision.create",
            decision,
            item.meeting.committee.trust_id,
            f"Board decision on {item}: {BoardOutcome(outcome).label}",
        )
        signals.board_decided.send(BoardDecision, actor=actor, decision=decision)  # PBC-2, MTG-3
    return decision


# Minutes and actions (MTG-5) ---------------------------------------------------


def minutes_draft(*, actor: Any, meeting: Meeting) -> Minutes:
    """Draft minutes generated from the record; a new version if earlier ones exist."""
    from pecgov.meetings.queries import minutes_text

    require_lead(actor, meeting.committee.trust_id)
    if Minutes.objects.filter(meeting=meeting, status=MinutesStatus.DRAFT).exists():
        raise DomainError("A draft already exists: edit it")
    with transaction.atomic():
        version = (Minutes.objects.filter(meeting=meeting).aggregate(v=Max("version"))["v"] or 0) + 1
        minutes = save_tracked(
            Minutes(meeting=meeting, version=version, text=minutes_text(meeting)),
            actor=actor,
            reason="Minutes drafted",
        )
        _event(actor, "minutes.draft", minutes, meeting.committee.trust_id, f"Drafted {minutes}")
    return minutes


def minutes_edit(*, actor: Any, minutes: Minutes, text: str, correction_note: str = "") -> Minutes:
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
        _event(actor, "minutes.edit", minutes, minutes.meeting.committee.trust_id, f"Edited {minutes}")
    return minutes


def minutes_approve(*, actor: Any, minutes: Minutes, at_meeting: Meeting) -> Minutes:
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
        _event(
            actor,
            "minutes.approve",
            minutes,
            minutes.meeting.committee.trust_id,
            f"Approved {minutes} at {at_meeting}",
        )
    return minutes


def minutes_correct(*, actor: Any, minutes: Minutes, text: str, correction_note: str) -> Minutes:
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
        version = (Minutes.objects.filter(meeting=minutes.meeting).aggregate(v=Max("version"))["v"] or 0) + 1
        corrected = save_tracked(
            Minutes(
                meeting=minutes.meeting,
                version=version,
                text=text.strip(),
                correction_note=correction_note.strip(),
            ),
            actor=actor,
            reason="Correction drafted",
        )
        _event(
            actor,
            "minutes.correct",
            corrected,
            minutes.meeting.committee.trust_id,
            f"Drafted a correction to {minutes}: {correction_note.strip()}",
        )
    return corrected


def action_add(
    *,
    actor: Any,
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
        _event(
            actor, "action.create", action, meeting.committee.trust_id, f"Action for {owner.name}: {action}"
        )
    return action


def action_complete(*, actor: Any, action: Action, done_on: dt.date | None = None) -> Action:
    roles = roles_of(actor) if actor != SYSTEM else None
    if roles is not None and not (
        (roles.is_governance_lead and roles.trust_id == action.meeting.committee.trust_id)
        or roles.person_id == action.owner_id
    ):
        raise NotPermitted("Only the action's owner or the governance lead can complete it.")
    if action.done_on is not None:
        raise DomainError("This action is already done")
    with transaction.atomic():
        action.done_on = done_on or timezone.localdate()
        save_tracked(action, actor=actor, update_fields=["done_on"], reason="Action done")
        _event(actor, "action.complete", action, action.meeting.committee.trust_id, f"Done: {action}")
    return action
