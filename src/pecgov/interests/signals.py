"""What the register of interests announces to the apps above it (pecgov.notifications may listen).

Sent inside the transaction of the service that sends it; interests never imports its listeners
(ARCHITECTURE.md). Receivers take the keyword arguments named below.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.dispatch import Signal

from pecgov.trust.models import Person


@dataclass(frozen=True)
class Reminder:
    """One reminder to declare or confirm (COI-1): to whom, at which address, in which words.
    It names no interest, so it may go by email."""

    person: Person
    to_email: str
    subject: str
    text: str


# The governance lead asked to remind everyone overdue (COI-1): kwargs actor, trust (an
# Organisation), reminders (a list of Reminder). A receiver queues them for delivery (NOT-2) and
# returns how many it queued; with no receiver, the service sends them itself.
reminders_requested = Signal()

__all__ = ["Reminder", "reminders_requested"]
