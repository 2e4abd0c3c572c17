"""Effectiveness: the data. The annual report to the Board (EFF-2): a period, the lead's narrative,
and once published its content frozen with the SHA-256 of its text and the PDF built once."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from pecgov.trust.models import Organisation


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class AnnualReport(models.Model):
    """The annual report on the PEC's effectiveness for one period (EFF-2, DH Annex C). A draft
    shows the record as it stands; publishing freezes what it shows (`content`, with its SHA-256)
    and the PDF is built once from the frozen content, on the task queue."""

    trust = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    start = models.DateField("first day of the period")
    end = models.DateField("last day of the period")
    narrative = models.TextField("the governance lead's narrative", blank=True, default="")
    status = models.CharField(max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    created_at = models.DateTimeField()
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # What the published report shows, as JSON: the page, the PDF, the CSV and the API read it.
    content = models.JSONField(default=dict, blank=True)
    sha256 = models.CharField(max_length=64, blank=True, default="")
    pdf = models.BinaryField(blank=True, default=b"")
    pdf_sha256 = models.CharField(max_length=64, blank=True, default="")
    pdf_built_at = models.DateTimeField(null=True, blank=True)
    # The PDF's bytes stay out of the history rows (its digest is in the audit event).
    history = HistoricalRecords(excluded_fields=["pdf"])

    class Meta:
        ordering = ["-start", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["trust", "start", "end"], name="annual_report_unique_period"),
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="annual_report_end_after_start"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED

    @property
    def pdf_ready(self) -> bool:
        return bool(self.pdf_sha256)
