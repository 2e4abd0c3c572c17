"""Attendance, votes and decisions (MTG-2 to MTG-4, COI-3): what the committee did with each
item, and the Board's own decision on a recommendation."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from pecgov.actors import Actor, SystemActor, require
from pecgov.audit.recording import actor_user, save_tracked
from pecgov.errors import DomainError
from pecgov.meetings import signals
from pecgov.meetings.conflicts.services import statement_freeze
from pecgov.meetings.enums import (
    AttendanceStatus,
    AttendeeKind,
    BoardOutcome,
    Contribution,
    ItemKind,
    Outcome,
    VoteChoice,
)
from pecgov.meetings.models import AgendaItem, Attendance, BoardDecision, ItemConflict, Meeting, Vote
from pecgov.meetings.queries import ItemRow, has_started, item_row, meeting_day
from pecgov.meetings.rules import require_chair_of_item
from pecgov.servicekit import event, require_lead
from pecgov.trust.models import Person


def _check_started(actor: Actor, meeting: Meeting, what: str) -> None:
    """Refuse to record what cannot yet have happened (MTG-2, MTG-3): attendance, votes and
    decisions wait for the meeting's start. The system loading a dated record is trusted with
    its dates (the demo and imports), so only people are refused."""
    if isinstance(actor, SystemActor) or has_started(meeting):
        return
    start = f"{timezone.localtime(meeting.starts_at):%-d %B %Y at %H:%M}"
    raise DomainError(f"This meeting has not started yet: {what} can be recorded from {start}")


def attendance_set(
    *, actor: Actor, meeting: Meeting, person: Person, status: str, kind: str = AttendeeKind.MEMBER
) -> Attendance:
    """Who attended (MTG-2): recorded by the governance lead or the committee's own chair."""
    require(actor, "trust.view", meeting, message="Only the trust's governance lead can do this.")
    require(
        actor,
        "meetings.record_attendance",
        meeting,
        message="Only the chair of the committee or the governance lead can record attendance.",
    )
    _check_started(actor, meeting, "attendance")
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
        event(
            actor,
            "attendance.set",
            record,
            meeting.committee.trust_id,
            f"{person.name}: {record.get_status_display()} at {meeting}",
        )
    return record


def _check_may_vote(item: AgendaItem, person: Person) -> None:
    """A member flagged by screening votes only once the chair has handled their conflict, and
    never when it excludes them (COI-3)."""
    conflict = ItemConflict.objects.filter(item=item, person=person).first()
    if conflict is None and person.pk in item_row(item).people:
        raise DomainError(
            {
                "person": f"{person.name} has a conflict of interest on this item: record how it is "
                "handled before recording their vote"
            }
        )
    if conflict is not None and conflict.excluded_from_decision:
        raise DomainError(
            {
                "person": f"{person.name} is excluded from this decision because of a conflict of "
                f"interest ({conflict.get_handling_display().lower()}): their vote cannot be recorded"
            }
        )


def vote_record(*, actor: Actor, item: AgendaItem, person: Person, choice: str) -> Vote:
    """Record a member's vote. An excluded member's vote cannot be recorded (COI-3)."""
    meeting = item.meeting
    require_chair_of_item(actor, item)
    if not item.takes_votes:
        raise DomainError("Votes are recorded only on decision and recommendation items")
    if item.is_decided:
        raise DomainError("This item has been decided: votes can no longer be recorded")
    _check_started(actor, meeting, "votes")
    if choice not in VoteChoice.values:
        raise DomainError({"choice": "Select for, against or abstain"})
    _check_may_vote(item, person)
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
            vote.choice, vote.struck_at, vote.struck_reason = choice, None, ""
            save_tracked(
                vote,
                actor=actor,
                update_fields=["choice", "struck_at", "struck_reason"],
                reason="Vote changed",
            )
        event(
            actor, "vote.record", vote, meeting.committee.trust_id, f"{person.name} voted {choice} on {item}"
        )
    return vote


def _check_outcome(
    item: AgendaItem, outcome: str, contribution: str, reasons: str, changes_made: str
) -> None:
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
    if item.takes_votes and outcome != Outcome.NOTED and not reasons.strip():
        raise DomainError({"reasons": "Enter the reasons for the decision"})


def _check_conflicts_and_quorum(row: ItemRow, outcome: str) -> None:
    pending = row.unhandled
    if pending:
        raise DomainError(
            {"__all__": "Record how each conflict is handled before deciding: " + ", ".join(pending)}
        )
    if row.item.takes_votes and outcome != Outcome.NOTED:
        quorum = row.quorum
        if quorum is not None and not quorum.quorate:
            raise DomainError(
                {"__all__": f"The item is not quorate, so it cannot be decided: {quorum.explanation}"}
            )


def item_decide(
    *,
    actor: Actor,
    item: AgendaItem,
    outcome: str,
    contribution: str,
    reasons: str,
    evidence: str = "",
    changes_made: str = "",
) -> AgendaItem:
    """Record the outcome (MTG-3, MTG-4). Every screened conflict must be handled and the item
    must be quorate after exclusions (MTG-2, COI-3)."""
    meeting = item.meeting
    require_chair_of_item(actor, item)
    if item.is_decided:
        raise DomainError("This item has already been decided")
    _check_started(actor, meeting, "decisions")
    _check_outcome(item, outcome, contribution, reasons, changes_made)
    _check_conflicts_and_quorum(item_row(item), outcome)  # one screening serves both checks
    with transaction.atomic():
        item.outcome, item.contribution = outcome, contribution
        item.reasons, item.evidence, item.changes_made = (
            reasons.strip(),
            evidence.strip(),
            changes_made.strip(),
        )
        # MTG-3: the decision is dated by its meeting's day; when it was typed in stays in decided_at.
        item.decided_on = meeting_day(meeting)
        item.decided_at, item.decided_by = timezone.now(), actor_user(actor)
        fields = [
            "outcome",
            "contribution",
            "reasons",
            "evidence",
            "changes_made",
            "decided_on",
            "decided_at",
            "decided_by",
        ]
        save_tracked(item, actor=actor, reason="Decided", update_fields=fields)
        event(
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
    actor: Actor,
    item: AgendaItem,
    decided_on: dt.date | None,
    outcome: str,
    conflicts_considered: bool,
    note: str = "",
) -> BoardDecision:
    """The Board's own decision on a recommendation, recording it considered the conflicts (MTG-3, COI-6)."""
    require_lead(actor, item.meeting.committee.trust_id)
    if not item.went_to_board:
        raise DomainError("Only a recommendation the committee made to the Board can have a Board decision")
    if BoardDecision.objects.filter(item=item).exists():
        raise DomainError("The Board's decision on this recommendation is already recorded")
    if decided_on is None:
        raise DomainError({"decided_on": "Enter the date of the Board's decision"})
    if decided_on < meeting_day(item.meeting):
        raise DomainError({"decided_on": "The Board cannot decide before the committee recommended"})
    if decided_on > timezone.localdate() and not isinstance(actor, SystemActor):
        raise DomainError({"decided_on": "The date of the Board's decision must be today or in the past"})
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
        event(
            actor,
            "board_decision.create",
            decision,
            item.meeting.committee.trust_id,
            f"Board decision on {item}: {BoardOutcome(outcome).label}",
        )
        signals.board_decided.send(BoardDecision, actor=actor, decision=decision)  # PBC-2, MTG-3
        statement_freeze(actor=actor, item=item, reason="The Board's decision was recorded")  # COI-5
    return decision
