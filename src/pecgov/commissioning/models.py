"""PBC data: plans and business cases with their route, documents and scrutiny (PBC-1 to PBC-4);
PBC groups' maturity and support (PBC-6); the links between PBC and the PEC (ORG-6)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from pecgov.commissioning.enums import (
    Aspect,
    Assessment,
    CaseKind,
    CaseStatus,
    Criterion,
    DirectorOutcome,
    LinkModel,
    Maturity,
    SupportIntensity,
)
from pecgov.delegation.enums import Decider
from pecgov.delegation.models import Scheme
from pecgov.meetings.models import AgendaItem
from pecgov.trust.models import Committee, Organisation, Person


class BusinessCase(models.Model):
    """PBC-1: a commissioning plan or business case from a practice or PBC group."""

    trust = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(max_length=20)
    kind = models.CharField(max_length=32, choices=CaseKind.choices)
    title = models.CharField(max_length=200)
    service = models.TextField("the service", help_text="What will be commissioned, for whom")
    value = models.PositiveBigIntegerField("value (£)")
    patient_focus = models.TextField("patient focus and health inequalities")
    evidence = models.TextField("supporting data and evidence")
    submitter = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="business_cases")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_on = models.DateField()
    target_date = models.DateField(help_text="Submission date plus the policy's target days (PBC-4)")
    status = models.CharField(max_length=16, choices=CaseStatus.choices, default=CaseStatus.SUBMITTED)
    # The route (PBC-2): which scheme version, who decides and why.
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="cases")
    decider = models.CharField(max_length=32, choices=Decider.choices)
    route_reason = models.TextField()
    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, null=True, blank=True, related_name="business_cases"
    )
    agenda_item = models.OneToOneField(
        AgendaItem, on_delete=models.PROTECT, null=True, blank=True, related_name="business_case"
    )
    # An executive director's decision (small cases) or the closing of the case.
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    director_outcome = models.CharField(
        max_length=16, choices=DirectorOutcome.choices, blank=True, default=""
    )
    decision_reasons = models.TextField(blank=True, default="")
    status_note = models.TextField(blank=True, default="", help_text="Why it was last returned or withdrawn")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-submitted_on", "-id"]
        indexes = [
            models.Index(fields=["trust", "status", "target_date"]),
            models.Index(fields=["submitter", "submitted_on"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["trust", "reference"], name="business_case_unique_reference")
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"


class CaseDocument(models.Model):
    case = models.ForeignKey(BusinessCase, on_delete=models.PROTECT, related_name="documents")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="cases/%Y/%m/")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField()
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.title


class Scrutiny(models.Model):
    """PBC-3: one assessment of a case against one criterion, clinical or organisational."""

    case = models.ForeignKey(BusinessCase, on_delete=models.PROTECT, related_name="scrutiny")
    aspect = models.CharField(max_length=16, choices=Aspect.choices)
    criterion = models.CharField(max_length=16, choices=Criterion.choices)
    assessment = models.CharField(max_length=16, choices=Assessment.choices)
    comment = models.TextField()
    assessor = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "aspect", "criterion"]
        verbose_name_plural = "scrutiny"
        constraints = [
            models.UniqueConstraint(fields=["case", "aspect", "criterion"], name="scrutiny_unique_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.get_aspect_display()}: {self.get_criterion_display()}"


class MaturityAssessment(models.Model):
    """PBC-6: a PBC group's maturity on a date; the newest is current."""

    group = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="maturity")
    level = models.CharField(max_length=16, choices=Maturity.choices)
    assessed_on = models.DateField()
    note = models.TextField(blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        ordering = ["group", "-assessed_on", "-id"]
        indexes = [models.Index(fields=["group", "assessed_on"])]

    def __str__(self) -> str:
        return f"{self.group}: {self.get_level_display()}"


class Support(models.Model):
    """PBC-6: support the PCT gives a PBC group, and how intensive it is."""

    group = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="pbc_support")
    description = models.TextField()
    intensity = models.CharField(max_length=16, choices=SupportIntensity.choices)
    provided_by = models.CharField(max_length=200, blank=True, default="")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["group", "-start_date"]
        verbose_name_plural = "support"
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="support_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.description[:80]


class PbcLink(models.Model):
    """ORG-6: how a PBC group links to the PEC, in one of DH 5.5's four models."""

    trust = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    model = models.CharField(max_length=24, choices=LinkModel.choices)
    group = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="pec_links")
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pbc_links",
        help_text="The lead commissioner, or the PEC member linked to the group",
    )
    committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pbc_links",
        help_text="The committee of PBC leads",
    )
    arrangements = models.TextField(blank=True, default="", help_text="How and how often they meet")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["group__name", "model"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="pbc_link_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.group}: {self.get_model_display()}"
