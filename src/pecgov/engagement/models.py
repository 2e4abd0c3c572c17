"""SHA engagement: the data (ORG-7). Whether the PEC chair attended is never stored: it is
derived from the PEC's chair membership on the entry's date (pecgov.engagement.third_pin)."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from pecgov.engagement.enums import EntryKind
from pecgov.trust.models import Organisation, Person


class ShaEntry(models.Model):
    """A high-level meeting or communication between the trust and the SHA, a regular meeting of
    the PEC chair with senior SHA staff, or an entry in the PCT's performance management."""

    trust = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField("date")
    kind = models.CharField(max_length=16, choices=EntryKind.choices)
    subject = models.CharField(max_length=300)
    sha_attendees = models.TextField(
        "SHA attendees", blank=True, default="", help_text="Names and roles of the SHA's people, one a line"
    )
    notes = models.TextField(blank=True, default="")
    recorded_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["trust", "held_on"])]
        verbose_name = "SHA engagement entry"
        verbose_name_plural = "SHA engagement entries"

    def __str__(self) -> str:
        return f"{self.held_on:%-d %B %Y}: {self.subject}"


class ShaAttendee(models.Model):
    """A person in the trust who attended (or, for a communication, was party to) an entry."""

    entry = models.ForeignKey(ShaEntry, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["entry", "person__name"]
        constraints = [models.UniqueConstraint(fields=["entry", "person"], name="sha_attendee_once")]

    def __str__(self) -> str:
        return f"{self.person} at {self.entry}"
