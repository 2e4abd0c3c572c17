"""The decisions register (PBC-7, PBC-4; DH 5.8): every decided case stays visible with who
decided it, when, by which route, the reasons and the days it took. Two queries however many
cases; the CSV, the page and the API read the same rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pecgov.commissioning import turnaround
from pecgov.commissioning.enums import CaseStatus
from pecgov.commissioning.models import BusinessCase
from pecgov.delegation.enums import Decider

DECIDED = frozenset({CaseStatus.APPROVED, CaseStatus.REJECTED})


@dataclass(frozen=True)
class DecisionRow:
    case: BusinessCase
    outcome: str  # "Approved" or "Rejected"
    decider: str  # the person or the committee that made the decision
    decided_on: dt.date
    route: str  # the scheme's decider, as "PBC approvals committee"
    reasons: str
    days: int  # from submission to decision

    @property
    def as_decided(self) -> turnaround.Decided:
        return turnaround.Decided(route=self.route, decided_on=self.decided_on, days=self.days)


def decider_of(case: BusinessCase) -> str:
    """Who made the decision, in words: the executive director by name, or the committee whose
    meeting decided it, or the Board on the PEC's recommendation (PBC-2, MTG-3)."""
    item = case.agenda_item
    if case.decider == Decider.EXECUTIVE_DIRECTOR:
        user = case.decided_by
        person = getattr(user, "person", None) if user is not None else None
        if person is not None:
            return f"{person} (executive director)"
        return "An executive director"
    if item is None:
        return str(case.committee) if case.committee else "A committee"
    if case.decider == Decider.PEC_RECOMMENDS:
        return f"The Board, on the recommendation of {item.meeting.committee}"
    return str(item.meeting.committee)


def reasons_of(case: BusinessCase) -> str:
    """The reasons recorded with the decision: the director's, the meeting's or the Board's."""
    item = case.agenda_item
    if case.decider == Decider.EXECUTIVE_DIRECTOR or item is None:
        return case.decision_reasons
    board = getattr(item, "board_decision", None)
    if case.decider == Decider.PEC_RECOMMENDS and board is not None and board.note:
        return f"{board.note} (The committee's reasons: {item.reasons})" if item.reasons else board.note
    return item.reasons


def decision_row(case: BusinessCase) -> DecisionRow:
    assert case.decided_on is not None
    return DecisionRow(
        case=case,
        outcome=case.get_status_display(),
        decider=decider_of(case),
        decided_on=case.decided_on,
        route=case.get_decider_display(),
        reasons=reasons_of(case),
        days=(case.decided_on - case.submitted_on).days,
    )


def decisions(trust_id: int, *, decider: str = "", outcome: str = "") -> list[DecisionRow]:
    """Every approved or rejected case of the trust, newest decision first."""
    cases = (
        BusinessCase.objects.filter(trust_id=trust_id, status__in=DECIDED, decided_on__isnull=False)
        .select_related(
            "submitter",
            "committee",
            "decided_by__person",
            "agenda_item__meeting__committee",
            "agenda_item__board_decision",
        )
        .order_by("-decided_on", "-id")
    )
    if decider:
        cases = cases.filter(decider=decider)
    if outcome:
        cases = cases.filter(status=outcome)
    return [decision_row(case) for case in cases]


@dataclass(frozen=True)
class TurnaroundSummary:
    by_route: list[turnaround.Turnaround]
    by_quarter: list[turnaround.Turnaround]


def turnaround_summary(rows: list[DecisionRow]) -> TurnaroundSummary:
    decided = [row.as_decided for row in rows]
    return TurnaroundSummary(by_route=turnaround.by_route(decided), by_quarter=turnaround.by_quarter(decided))
