"""Implementation checklist: the data (EFF-1). The actions' wording comes from the trust's policy
pack ([[checklist.actions]], DH Annex C); a row holds what the trust decides about each."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from pecgov.checklist.enums import ActionStatus
from pecgov.trust.models import Organisation, Person


class Checklist(models.Model):
    """A trust's implementation plan, with its own target date (the pack's by default)."""

    trust = models.OneToOneField(Organisation, on_delete=models.PROTECT, related_name="+")
    target_date = models.DateField(help_text="When every action should be done")
    created_at = models.DateTimeField()
    history = HistoricalRecords()

    def __str__(self) -> str:
        return "Implementation checklist"


class ChecklistAction(models.Model):
    """One action of DH Annex C: its owner, due date, status and evidence."""

    checklist = models.ForeignKey(Checklist, on_delete=models.PROTECT, related_name="actions")
    key = models.CharField(max_length=24)
    position = models.PositiveSmallIntegerField()
    owner = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    due_date = models.DateField(
        null=True, blank=True, help_text="Leave empty to use the checklist's target date"
    )
    status = models.CharField(max_length=16, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED)
    evidence = models.TextField(blank=True, default="", help_text="What shows the action is done")
    evidence_url = models.URLField("evidence link", blank=True, default="", max_length=500)
    history = HistoricalRecords()

    class Meta:
        ordering = ["checklist", "position"]
        constraints = [models.UniqueConstraint(fields=["checklist", "key"], name="checklist_action_once")]

    def __str__(self) -> str:
        return self.key
