"""Commissioning listens to meetings: a business case follows the agenda item that carries it
(PBC-2, MTG-3, MTG-6). Connected in CommissioningConfig.ready(); each receiver runs inside the
meeting service's transaction, so its refusal undoes the decision."""

from __future__ import annotations

from typing import Any

from pecgov.commissioning import queries, services
from pecgov.meetings import signals


def _item_decided(sender: Any, *, actor: Any, item: Any, **kwargs: Any) -> None:
    services.sync_from_item(actor=actor, item=item)


def _meeting_cancelled(sender: Any, *, actor: Any, meeting: Any, **kwargs: Any) -> None:
    services.sync_from_cancelled(actor=actor, meeting=meeting)


def _board_decided(sender: Any, *, actor: Any, decision: Any, **kwargs: Any) -> None:
    services.sync_from_board(actor=actor, decision=decision)


def _cases_waiting(sender: Any, *, trust_id: int, **kwargs: Any) -> list[Any]:
    return [row for row in queries.pipeline(trust_id) if row.case.committee_id is not None]


def connect() -> None:
    signals.cases_waiting.connect(_cases_waiting, dispatch_uid="commissioning.cases_waiting")
    signals.item_decided.connect(_item_decided, dispatch_uid="commissioning.item_decided")
    signals.meeting_cancelled.connect(_meeting_cancelled, dispatch_uid="commissioning.meeting_cancelled")
    signals.board_decided.connect(_board_decided, dispatch_uid="commissioning.board_decided")
