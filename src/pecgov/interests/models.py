"""COI data: declarations (with publication), annual returns, conflicts per agenda item, concerns."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from pecgov.interests.enums import Category, Handling, ReturnKind, Withholding
from pecgov.meetings.models import AgendaItem
from pecgov.trust.models import Organisation, Person


class Declaration(models.Model):
    """One declared interest, dated, so the register can be shown as it stood on any date (COI-1)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="declarations")
    category = models.CharField(max_length=32, choices=Category.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="declarations"
    )
    organisation_name = models.CharField(
        max_length=200, blank=True, default="", help_text="If the organisation is not in the trust's records"
    )
    description = models.TextField()
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    declared_at = models.DateTimeField()
    withholding = models.CharField(max_length=16, choices=Withholding.choices, blank=True, default="")
    withheld_reason = models.TextField(blank=True, default="")
    withheld_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["person__name", "-start_date"]
        indexes = [
            models.Index(fields=["person", "start_date", "end_date"]),
            models.Index(fields=["organisation"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="declaration_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(withholding="") | ~Q(withheld_reason=""), name="declaration_withheld_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_category_display()} – {self.related_name}"

    @property
    def related_name(self) -> str:
        return self.organisation.name if self.organisation is not None else self.organisation_name


class InterestReturn(models.Model):
    """A nil return or a confirmation that the person's entries are up to date (COI-1)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="interest_returns")
    kind = models.CharField(max_length=16, choices=ReturnKind.choices)
    made_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-made_at"]
        indexes = [models.Index(fields=["person", "made_at"])]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()}"


class ItemConflict(models.Model):
    """How the chair handled one person's conflict on one agenda item (COI-3)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="conflicts")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="item_conflicts")
    declaration = models.ForeignKey(
        Declaration, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    interest = models.TextField(help_text="Where the conflict lies, as screening found it")
    handling = models.CharField(max_length=24, choices=Handling.choices)
    reason = models.TextField(blank=True, default="")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["item", "person"], name="item_conflict_unique_person"),
            models.CheckConstraint(
                condition=~Q(handling=Handling.NO_ACTION) | ~Q(reason=""),
                name="item_conflict_no_action_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} on {self.item}: {self.get_handling_display()}"

    @property
    def excluded_from_decision(self) -> bool:
        return self.handling in {Handling.EXCLUDE_DECISION, Handling.EXCLUDE_DEBATE}


class ConflictConcern(models.Model):
    """A member's concern that a conflict was not handled well (COI-4)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="concerns")
    raised_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    raised_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["raised_at"]

    def __str__(self) -> str:
        return f"Concern by {self.raised_by} on {self.item}"
