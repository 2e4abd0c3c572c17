"""A member's year: objectives and progress (PERF-1), reviews (PERF-2), appraisal and personal
development plan (PERF-3), induction, mentors and training (PERF-4), succession (PERF-5), the
remuneration framework, time commitments and claims (REM-1).

Rows hold only what belongs to one row; every write goes through `services`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from pecgov.delegation.models import LeadArea
from pecgov.members.enums import ClaimStatus, Outcome, PayBasis, Proposer, Rag, Readiness
from pecgov.trust.enums import MembershipRole
from pecgov.trust.models import Membership, Organisation, Person


class Objective(models.Model):
    """PERF-1: one agreed objective of a membership year; agreed when both sides signed it off."""

    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="objectives")
    year_start = models.DateField("membership year starting")
    title = models.CharField("objective", max_length=300)
    measure = models.TextField("measure of success")
    lead_area = models.ForeignKey(
        LeadArea, on_delete=models.PROTECT, null=True, blank=True, related_name="objectives"
    )
    workstream = models.CharField(max_length=200, blank=True, default="")
    due_date = models.DateField()
    proposed_by = models.CharField(max_length=16, choices=Proposer.choices)
    member_signed_on = models.DateField(null=True, blank=True)
    accountable_signed_on = models.DateField(null=True, blank=True)
    accountable_signed_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rag = models.CharField("status", max_length=16, choices=Rag.choices, default=Rag.NOT_STARTED)
    history = HistoricalRecords()

    class Meta:
        ordering = ["membership", "year_start", "due_date", "id"]
        indexes = [models.Index(fields=["membership", "year_start"])]

    def __str__(self) -> str:
        return self.title

    @property
    def agreed(self) -> bool:
        return self.member_signed_on is not None and self.accountable_signed_on is not None


class Review(models.Model):
    """PERF-2: a review meeting between a member and their line of accountability."""

    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField()
    reviewer = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    chief_executive_present = models.BooleanField("chief executive present", default=False)
    actions = models.TextField("agreed actions", blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        ordering = ["membership", "-held_on", "-id"]
        indexes = [models.Index(fields=["membership", "held_on"])]

    def __str__(self) -> str:
        return f"Review of {self.membership.person} on {self.held_on:%-d %B %Y}"


class ProgressNote(models.Model):
    """PERF-1, PERF-2: progress on one objective, written through the year or at a review."""

    objective = models.ForeignKey(Objective, on_delete=models.PROTECT, related_name="notes")
    review = models.ForeignKey(Review, on_delete=models.PROTECT, null=True, blank=True, related_name="notes")
    written_on = models.DateField()
    rag = models.CharField("status", max_length=16, choices=Rag.choices)
    note = models.TextField("progress")
    author = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["objective", "-written_on", "-id"]

    def __str__(self) -> str:
        return f"Progress on {self.objective}"


class Appraisal(models.Model):
    """PERF-3: the annual appraisal. Confidential to the member and their appraisers (X-1)."""

    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="appraisals")
    year_start = models.DateField("membership year starting")
    appraiser = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    joint_appraiser = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The chief executive, where the policy or the appraiser asks",
    )
    held_on = models.DateField(null=True, blank=True)
    self_assessment = models.TextField(blank=True, default="")
    competency_assessment = models.TextField(
        "self-assessment against the competencies", blank=True, default=""
    )
    appraiser_assessment = models.TextField("appraiser's assessment", blank=True, default="")
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True, default="")
    member_signed_on = models.DateField(null=True, blank=True)
    appraiser_signed_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["membership", "-year_start"]
        constraints = [
            models.UniqueConstraint(fields=["membership", "year_start"], name="appraisal_one_per_year")
        ]

    def __str__(self) -> str:
        return f"Appraisal of {self.membership.person}, year from {self.year_start:%-d %B %Y}"

    @property
    def signed(self) -> bool:
        return self.member_signed_on is not None and self.appraiser_signed_on is not None


class PdpAction(models.Model):
    """PERF-3: one row of the personal development plan."""

    appraisal = models.ForeignKey(Appraisal, on_delete=models.PROTECT, related_name="pdp")
    need = models.CharField("development need", max_length=300)
    action = models.TextField()
    support = models.TextField("support", blank=True, default="")
    by_when = models.DateField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["appraisal", "by_when", "id"]

    def __str__(self) -> str:
        return self.need


class Induction(models.Model):
    """PERF-4: a new member's induction: the named mentor and the checklist items done."""

    membership = models.OneToOneField(Membership, on_delete=models.PROTECT, related_name="induction")
    mentor = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    done = models.JSONField("checklist items done", default=dict)  # item key -> ISO date
    completed_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Induction of {self.membership.person}"


class TrainingRecord(models.Model):
    """PERF-4: training or leadership development, linked to a PDP action where it serves one."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="training")
    course = models.CharField(max_length=200)
    provider = models.CharField(max_length=200)
    start_date = models.DateField()
    end_date = models.DateField()
    hours = models.DecimalField(max_digits=6, decimal_places=1)
    leadership = models.BooleanField("leadership development", default=False)
    pdp_action = models.ForeignKey(
        PdpAction, on_delete=models.PROTECT, null=True, blank=True, related_name="training"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="training_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.course} ({self.provider})"


class Successor(models.Model):
    """PERF-5: someone who could follow the holder of a seat or a lead area."""

    membership = models.ForeignKey(
        Membership, on_delete=models.PROTECT, null=True, blank=True, related_name="successors"
    )
    lead_area = models.ForeignKey(
        LeadArea, on_delete=models.PROTECT, null=True, blank=True, related_name="successors"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    readiness = models.CharField(max_length=16, choices=Readiness.choices)
    development = models.TextField("development that would get them there", blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(membership__isnull=False, lead_area__isnull=True)
                | Q(membership__isnull=True, lead_area__isnull=False),
                name="successor_for_seat_or_lead_area",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_readiness_display()})"


class PayRate(models.Model):
    """REM-1: the trust's framework: what a role is paid, and the locum-backfill rate."""

    trust = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=32, choices=MembershipRole.choices)
    basis = models.CharField(max_length=16, choices=PayBasis.choices)
    sessions_per_week = models.DecimalField(max_digits=4, decimal_places=1, default=0)
    rate_per_session = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    annual_allowance = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    locum_rate_per_session = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["trust", "role"]
        constraints = [models.UniqueConstraint(fields=["trust", "role"], name="pay_rate_one_per_role")]

    def __str__(self) -> str:
        return f"{self.get_role_display()} pay"


class TimeCommitment(models.Model):
    """REM-1: a member's agreed, flexible time commitment and what they are paid for it."""

    membership = models.OneToOneField(Membership, on_delete=models.PROTECT, related_name="commitment")
    sessions_per_week = models.DecimalField(max_digits=4, decimal_places=1, default=0)
    pattern = models.CharField(max_length=200, blank=True, default="")
    rate_per_session = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    annual_allowance = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Time commitment of {self.membership.person}"


class Claim(models.Model):
    """REM-1: sessions worked and locum costs for a month, approved or returned by the lead."""

    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="claims")
    month = models.DateField(help_text="The first day of the month claimed for")
    sessions = models.DecimalField(max_digits=5, decimal_places=1)
    locum_sessions = models.DecimalField(max_digits=5, decimal_places=1, default=0)
    locum_cost = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    status = models.CharField(max_length=16, choices=ClaimStatus.choices, default=ClaimStatus.SUBMITTED)
    return_reason = models.TextField(blank=True, default="")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-month", "membership__person__name", "id"]
        indexes = [models.Index(fields=["membership", "month"])]
        constraints = [models.UniqueConstraint(fields=["membership", "month"], name="claim_one_per_month")]

    def __str__(self) -> str:
        return f"Claim of {self.membership.person} for {self.month:%B %Y}"
