"""What meetings announce to the apps above them (pecgov.commissioning listens).

Each signal is sent inside the transaction of the service that sends it, so a receiver that
raises DomainError refuses the whole action and nothing is saved (X-4). Receivers take the
keyword arguments named below; meetings never imports its listeners (ARCHITECTURE.md).
"""

from __future__ import annotations

from typing import Any

from django.dispatch import Signal

# An agenda item was decided: kwargs actor, item (PBC-2: a business case follows its item).
item_decided = Signal()
# A meeting was cancelled: kwargs actor, meeting (MTG-6: its cases wait for another meeting).
meeting_cancelled = Signal()
# The Board recorded its own decision on a recommendation: kwargs actor, decision (MTG-3).
board_decided = Signal()
# Asked, not told: each receiver returns the cases that wait for a decision of the trust's
# committees, with the next meeting able to decide each (MTG-6). kwargs trust_id.
cases_waiting = Signal()


def waiting_for_decision(trust_id: int) -> list[object]:
    """What the apps above say waits for a committee's decision (MTG-6), in one list."""
    answers: list[tuple[Any, Any]] = cases_waiting.send(None, trust_id=trust_id)
    return [row for _receiver, rows in answers for row in rows]
