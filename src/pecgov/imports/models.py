"""An upload on its way in (ADM-2): the file as it was sent, what checking it found, and how far
a long import has got. The stored bytes are what "Import" re-checks and imports, so what was
previewed is what is imported."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from pecgov.imports.enums import Kind


class RunStatus(models.TextChoices):
    CHECKING = "checking", "Being checked"
    INVALID = "invalid", "Has problems: nothing imported"
    READY = "ready", "Checked: ready to import"
    NOTHING = "nothing", "Nothing to change"
    IMPORTING = "importing", "Importing"
    DONE = "done", "Imported"
    FAILED = "failed", "Refused: nothing imported"


class ImportRun(models.Model):
    trust = models.ForeignKey("trust.Organisation", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    filename = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField()
    status = models.CharField(max_length=16, choices=RunStatus.choices, default=RunStatus.CHECKING)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True)
    # What was wrong, as "line 214, column `start_date`: ..." sentences (at most a few hundred).
    problems = models.JSONField(default=list, blank=True)
    # A sample of what the import will do: [action, line, label] lists.
    sample = models.JSONField(default=list, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        indexes = [models.Index(fields=["trust", "uploaded_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.filename}"

    @property
    def percent(self) -> int:
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0
