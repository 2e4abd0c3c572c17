"""What a person can be told, and how (NOT-1)."""

from __future__ import annotations

from django.db import models


class Kind(models.TextChoices):
    PAPERS = "papers", "Papers published or changed for a meeting you attend"
    FLAGGED = "flagged", "You are flagged on an item of a coming meeting"
    CONFLICTS_AWAITING = "conflicts_awaiting", "Conflicts awaiting your ruling as chair"
    ACTION_ASSIGNED = "action_assigned", "An action assigned to you"
    ACTION_DUE = "action_due", "An action of yours due soon"
    ACTION_OVERDUE = "action_overdue", "An action of yours overdue"
    CASE_WAITING = "case_waiting", "A business case waiting for your decision"
    CASE_STAGE = "case_stage", "Your business case changed stage"
    DECLARATIONS_DUE = "declarations_due", "Your declarations of interest are due"
    DECLARATIONS_OVERDUE = "declarations_overdue", "Your declarations of interest are overdue"
    MINUTES_READY = "minutes_ready", "Draft minutes ready for approval"
    APPLICATION = "application", "Progress of your application"
    REVIEW_DUE = "review_due", "An objective review or appraisal due"


class Delivery(models.TextChoices):
    NOW = "now", "Email me straight away"
    DIGEST = "digest", "Email me once a day, in a digest"
    NONE = "none", "Do not email me (show it in PEC Governance only)"


class OutboxStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


# These carry a duty (COI-1, COI-3, COI-8, PBC-4): they are always emailed, now or in the digest.
MANDATORY: frozenset[str] = frozenset(
    {Kind.FLAGGED, Kind.CONFLICTS_AWAITING, Kind.CASE_WAITING, Kind.DECLARATIONS_OVERDUE}
)

# Papers, draft minutes and actions falling due are gathered into the digest unless chosen otherwise.
_DIGESTED = {Kind.PAPERS.value, Kind.MINUTES_READY.value, Kind.ACTION_DUE.value}
DEFAULT_DELIVERY: dict[str, str] = {
    kind: Delivery.DIGEST.value if kind in _DIGESTED else Delivery.NOW.value for kind in Kind.values
}
