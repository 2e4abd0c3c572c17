"""Enumerations and lifecycles of the MTG domain (MTG-1 to MTG-5)."""

from django.db import models


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


class ItemKind(models.TextChoices):
    # MTG-1
    DECISION = "decision", "Decision"
    RECOMMENDATION = "recommendation", "Recommendation to the Board"
    DISCUSSION = "discussion", "Discussion"
    INFORMATION = "information", "Information"


class Outcome(models.TextChoices):
    # MTG-3
    APPROVED = "approved", "Approved"
    APPROVED_WITH_CHANGES = "approved_with_changes", "Approved with changes"
    DEFERRED = "deferred", "Deferred"
    REJECTED = "rejected", "Rejected"
    NOTED = "noted", "Noted"


class Contribution(models.TextChoices):
    # MTG-4 (DH 3.1): the PEC's contribution, not a rubber stamp.
    DEBATED_CHANGED = "debated_changed", "Debated and changed"
    DEBATED_REJECTED = "debated_rejected", "Debated and rejected"
    DEBATED_AGREED = "debated_agreed", "Debated and agreed as proposed"
    NOTED_ONLY = "noted_only", "Only noted"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Sent apologies"
    ABSENT = "absent", "Absent"


class AttendeeKind(models.TextChoices):
    MEMBER = "member", "Member"
    IN_ATTENDANCE = "in_attendance", "In attendance (not a member)"


class VoteChoice(models.TextChoices):
    FOR = "for", "For"
    AGAINST = "against", "Against"
    ABSTAIN = "abstain", "Abstain"


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved and locked"


MINUTES_TRANSITIONS: dict[str, set[str]] = {
    MinutesStatus.DRAFT: {MinutesStatus.APPROVED},
    MinutesStatus.APPROVED: set(),  # locked: a correction is a new version
}


class BoardOutcome(models.TextChoices):
    # MTG-3: the Board's own separate decision on a PEC recommendation.
    ACCEPTED = "accepted", "Accepted the recommendation"
    ACCEPTED_WITH_CHANGES = "accepted_with_changes", "Accepted with changes"
    REJECTED = "rejected", "Rejected the recommendation"
    DEFERRED = "deferred", "Deferred"


# The kinds of item the committee votes on and decides with reasons (MTG-3, COI-3).
VOTING_KINDS: frozenset[str] = frozenset({ItemKind.DECISION, ItemKind.RECOMMENDATION})
# Outcomes that send nothing to the Board: no Board decision and no statement is sent (MTG-3, COI-5).
NOT_TO_BOARD: frozenset[str] = frozenset({Outcome.DEFERRED, Outcome.REJECTED, Outcome.NOTED})
