"""Choices and transition maps of a member's year (PERF-1 to PERF-5, REM-1)."""

from django.db import models


class Rag(models.TextChoices):
    # PERF-1: progress through the year.
    GREEN = "green", "On track"
    AMBER = "amber", "At risk"
    RED = "red", "Off track"
    NOT_STARTED = "not_started", "Not started"


class Proposer(models.TextChoices):
    # PERF-1: either side may propose an objective.
    MEMBER = "member", "The member"
    ACCOUNTABLE = "accountable", "Their line of accountability"


class Outcome(models.TextChoices):
    # PERF-3: the appraisal's overall outcome.
    EXCEEDS = "exceeds", "Exceeds expectations"
    MEETS = "meets", "Meets expectations"
    PARTLY = "partly", "Partly meets expectations"
    DOES_NOT_MEET = "does_not_meet", "Does not meet expectations"


class Readiness(models.TextChoices):
    # PERF-5: how soon a successor could follow.
    NOW = "now", "Ready now"
    WITHIN_YEAR = "within_year", "Ready within a year"
    LONGER = "longer", "Ready in more than a year"


class PayBasis(models.TextChoices):
    # REM-1: sessions a week at a rate per session, or an annual allowance.
    SESSIONAL = "sessional", "Sessions a week at a rate per session"
    ALLOWANCE = "allowance", "Annual allowance"


class ClaimStatus(models.TextChoices):
    # REM-1: the lead approves a claim or returns it with a reason.
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"
    RETURNED = "returned", "Returned"


# A claim may be decided once it is submitted; a returned claim may be sent again.
CLAIM_TRANSITIONS: dict[str, set[str]] = {
    ClaimStatus.SUBMITTED: {ClaimStatus.APPROVED, ClaimStatus.RETURNED},
    ClaimStatus.RETURNED: {ClaimStatus.SUBMITTED},
    ClaimStatus.APPROVED: set(),
}
