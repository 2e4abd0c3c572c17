"""COI data: the register of interests: declarations (with publication) and annual returns.

How a conflict is handled on an agenda item lives with the item, in pecgov.meetings (COI-3)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from pecgov.interests.enums import Category, ReturnKind, Withholding
from pecgov.trust.models import Organisation, Person

# the longest text each field keeps, checked by the forms and the services (never left to
# the database, so every database answers alike). Local defaults: a name as long as the trust's
# organisation names; a description or reason of a long paragraph.
ORGANISATION_NAME_MAX = 200
DESCRIPTION_MAX = 1000
REASON_MAX = 1000


class Declaration(models.Model):
    """One declared interest, dated, so the register can be shown as it stood on any date (COI-1)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="declarations")
    category = models.CharField(max_length=32, choices=Category.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="declarations"
    )
    organisation_name = models.CharField(
        max_length=ORGANISATION_NAME_MAX,
        blank=True,
        default="",
        help_text="If the organisation is not in the trust's records",
    )
    description = models.TextField(max_length=DESCRIPTION_MAX)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    declared_at = models.DateTimeField()
    withholding = models.CharField(max_length=16, choices=Withholding.choices, blank=True, default="")
    withheld_reason = models.TextField(max_length=REASON_MAX, blank=True, default="")
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
