"""Committee decisions come from the meeting record (PBC-2, MTG-3, MTG-6): commissioning.receivers
calls these when meetings announce a decision, a cancellation or the Board's decision. Each runs
inside the meeting service's transaction, so refusing here undoes the decision."""

from __future__ import annotations

from django.utils import timezone

from pecgov.actors import Actor
from pecgov.commissioning.enums import CaseStatus
from pecgov.commissioning.lifecycle import move
from pecgov.commissioning.models import BusinessCase
from pecgov.commissioning.routing import ITEM_KIND_FOR
from pecgov.delegation import scheme as engine
from pecgov.delegation.enums import Decider
from pecgov.errors import DomainError
from pecgov.meetings.enums import BoardOutcome, ItemKind, Outcome
from pecgov.meetings.models import AgendaItem, BoardDecision, Meeting


def sync_from_item(*, actor: Actor, item: AgendaItem) -> BusinessCase | None:
    """After a meeting decides an item, move its case: approved, rejected, deferred, or (for
    the PEC) recommended to the Board. Called inside the decision's transaction, so refusing
    here undoes the decision.

    Refused: only noting the case (it would stay on an agenda that is over, with no way on),
    and deciding it as the wrong kind of item (the agenda item's kind can be edited; a PEC
    "decision" would approve what the scheme says only the Board may)."""
    case = BusinessCase.objects.filter(agenda_item=item).first()
    if case is None:
        return None
    if item.outcome == Outcome.NOTED:
        raise DomainError(
            {
                "outcome": f"This item is {case.reference}, a {case.get_kind_display().lower()}: "
                "approve, reject or defer it. A case cannot only be noted."
            }
        )
    expected = ITEM_KIND_FOR.get(Decider(case.decider))
    if expected is not None and item.kind != expected:
        raise DomainError(
            f"This item is {case.reference}, which the scheme of delegation gives to "
            f"{engine.DECIDER_NAMES[case.decider]}: change the item back to "
            f"'{ItemKind(expected).label}' before deciding it."
        )
    day = timezone.localtime(item.meeting.starts_at).date()
    if item.outcome == Outcome.DEFERRED:
        target = CaseStatus.DEFERRED
    elif item.outcome == Outcome.REJECTED:
        target = CaseStatus.REJECTED
    elif item.kind == ItemKind.RECOMMENDATION:
        target = CaseStatus.RECOMMENDED
    else:
        target = CaseStatus.APPROVED
    fields = []
    if target in {CaseStatus.APPROVED, CaseStatus.REJECTED}:
        case.decided_on, fields = day, ["decided_on"]
    move(case, target, actor=actor, reason=f"{item.meeting}: {item.get_outcome_display()}", fields=fields)
    return case


def sync_from_cancelled(*, actor: Actor, meeting: Meeting) -> list[BusinessCase]:
    """A cancelled meeting cannot decide its cases: each goes back to wait for the next
    meeting able to decide it (DEFERRED can be scheduled again; MTG-6)."""
    cases = list(
        BusinessCase.objects.filter(agenda_item__meeting=meeting, status=CaseStatus.ON_AGENDA).select_related(
            "agenda_item"
        )
    )
    for case in cases:
        assert case.agenda_item is not None
        if case.agenda_item.is_decided:
            continue
        move(
            case,
            CaseStatus.DEFERRED,
            actor=actor,
            reason=f"{meeting} was cancelled: schedule another meeting",
        )
    return cases


def sync_from_board(*, actor: Actor, decision: BoardDecision) -> BusinessCase | None:
    """The Board's decision on a PEC recommendation closes the case (PBC-2, MTG-3)."""
    case = BusinessCase.objects.filter(agenda_item_id=decision.item_id).first()
    if case is None or case.status != CaseStatus.RECOMMENDED or decision.outcome == BoardOutcome.DEFERRED:
        return None
    target = CaseStatus.REJECTED if decision.outcome == BoardOutcome.REJECTED else CaseStatus.APPROVED
    case.decided_on = decision.decided_on
    move(
        case,
        target,
        actor=actor,
        reason=f"The Board: {decision.get_outcome_display()}",
        fields=["decided_on"],
    )
    return case
