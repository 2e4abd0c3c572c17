"""Reads of the implementation checklist (EFF-1), shared by the page, the API, the annual report
and the scorecard: each action with its owner, due date, status, evidence and the record's proof,
in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from pecgov.checklist import proofs
from pecgov.checklist.actions import pack_actions
from pecgov.checklist.enums import ActionStatus
from pecgov.checklist.models import Checklist, ChecklistAction
from pecgov.policy.services import effective_policy
from pecgov.trust.models import Organisation


@dataclass(frozen=True)
class ActionState:
    """One action as the page shows it. `status` is the effective one: "done" when the lead
    marked it done or the record proves it; `recorded_status` is what the lead set."""

    key: str
    position: int
    text: str
    source: str
    action_id: int | None
    owner_id: int | None
    owner_name: str
    due_date: dt.date
    due_is_target: bool  # no date of its own: the checklist's target date
    recorded_status: str
    status: str
    overdue: bool
    evidence: str
    evidence_url: str
    proof: proofs.Proof | None

    @property
    def proven(self) -> bool:
        return self.proof is not None

    @property
    def done(self) -> bool:
        return self.status == ActionStatus.DONE

    @property
    def status_label(self) -> str:
        return str(ActionStatus(self.status).label)


@dataclass(frozen=True)
class ChecklistState:
    trust_id: int
    checklist_id: int | None  # None until the trust's checklist is set up
    target_date: dt.date
    target_is_default: bool
    as_of: dt.date
    actions: tuple[ActionState, ...]

    @property
    def total(self) -> int:
        return len(self.actions)

    @property
    def done(self) -> int:
        return sum(1 for a in self.actions if a.done)

    @property
    def overdue(self) -> int:
        return sum(1 for a in self.actions if a.overdue)

    @property
    def proven(self) -> int:
        return sum(1 for a in self.actions if a.proven)


def default_target(trust: Organisation) -> dt.date:
    """The pack's target date (DH Annex C: 1 October 2007), or the trust's override of it."""
    value = effective_policy(trust)["implementation.target_date"]
    return value if isinstance(value, dt.date) else dt.date(2007, 10, 1)


def checklist_state(trust: Organisation, *, as_of: dt.date | None = None) -> ChecklistState:
    """EFF-1: the trust's checklist as it stands on `as_of` (today). Before the trust's checklist
    is set up, the pack's actions with the pack's target date and nothing recorded."""
    today = as_of or timezone.localdate()
    policy = effective_policy(trust)
    specs = pack_actions(policy.pack.key)
    pack_target = policy["implementation.target_date"]
    checklist = Checklist.objects.filter(trust=trust).first()
    rows: dict[str, ChecklistAction] = {}
    if checklist is not None:
        rows = {a.key: a for a in checklist.actions.select_related("owner")}
    target = checklist.target_date if checklist is not None else pack_target
    assert isinstance(target, dt.date)
    found = proofs.proofs(trust.pk, [s.key for s in specs], today)
    actions = []
    for spec in specs:
        row = rows.get(spec.key)
        recorded = row.status if row is not None else ActionStatus.NOT_STARTED
        proof = found.get(spec.key)
        status = ActionStatus.DONE if proof is not None else recorded
        due = row.due_date if row is not None and row.due_date is not None else target
        actions.append(
            ActionState(
                key=spec.key,
                position=spec.position,
                text=spec.text,
                source=spec.source,
                action_id=row.pk if row is not None else None,
                owner_id=row.owner_id if row is not None else None,
                owner_name=row.owner.name if row is not None and row.owner is not None else "",
                due_date=due,
                due_is_target=row is None or row.due_date is None,
                recorded_status=recorded,
                status=status,
                overdue=status != ActionStatus.DONE and due < today,
                evidence=row.evidence if row is not None else "",
                evidence_url=row.evidence_url if row is not None else "",
                proof=proof,
            )
        )
    return ChecklistState(
        trust_id=trust.pk,
        checklist_id=checklist.pk if checklist is not None else None,
        target_date=target,
        target_is_default=target == pack_target,
        as_of=today,
        actions=tuple(actions),
    )
