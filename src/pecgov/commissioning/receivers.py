"""Commissioning listens to meetings: a business case follows the agenda item that carries it
(PBC-2, MTG-3, MTG-6). Connected in CommissioningConfig.ready(); each receiver runs inside the
meeting service's transaction, so its refusal undoes the decision. It also answers the trust
app's committee page with the PBC approvals committee's structure findings (ORG-8)."""

from __future__ import annotations

from typing import Any

from pecgov.actors import Actor
from pecgov.commissioning import committee as committee_module
from pecgov.commissioning import queries, sync
from pecgov.meetings import signals
from pecgov.policy.services import effective_policy
from pecgov.trust import signals as trust_signals
from pecgov.trust.enums import CommitteeKind


def _item_decided(sender: Any, *, actor: Actor, item: Any, **kwargs: Any) -> None:
    sync.sync_from_item(actor=actor, item=item)


def _meeting_cancelled(sender: Any, *, actor: Actor, meeting: Any, **kwargs: Any) -> None:
    sync.sync_from_cancelled(actor=actor, meeting=meeting)


def _board_decided(sender: Any, *, actor: Actor, decision: Any, **kwargs: Any) -> None:
    sync.sync_from_board(actor=actor, decision=decision)


def _cases_waiting(sender: Any, *, trust_id: int, **kwargs: Any) -> list[Any]:
    """Cases a committee still has to decide (MTG-6). One the PEC has recommended waits for the
    Board's own decision, not a meeting's, so it is not listed (PBC-2)."""
    return queries.waiting_for_a_meeting(trust_id)


def _committee_findings(
    sender: Any, *, committee: Any, shared: dict[str, Any], **kwargs: Any
) -> dict[str, Any]:
    """ORG-8 on the PBC approvals committee's page: separately convened, accountable to the
    Board, meeting often enough. Rendered as `structure_findings` (the composition findings,
    `findings`, are the policy app's and stay as they are)."""
    if committee.kind != CommitteeKind.PBC_APPROVALS:
        return {}
    policy = shared.get("policy") or effective_policy(committee.trust)
    shared["policy"] = policy
    return {"structure_findings": committee_module.approvals_findings(committee, policy.values())}


def connect() -> None:
    trust_signals.committee_findings.connect(
        _committee_findings, dispatch_uid="commissioning.committee_findings"
    )
    signals.cases_waiting.connect(_cases_waiting, dispatch_uid="commissioning.cases_waiting")
    signals.item_decided.connect(_item_decided, dispatch_uid="commissioning.item_decided")
    signals.meeting_cancelled.connect(_meeting_cancelled, dispatch_uid="commissioning.meeting_cancelled")
    signals.board_decided.connect(_board_decided, dispatch_uid="commissioning.board_decided")
