"""The search index: one row per thing found and per audience (PUB-1, X-1).

A row is derived data, rebuilt at will (`pecgov search reindex`): it carries no history and no
audit event of its own; the records it points at carry theirs. The full-text structures (a
PostgreSQL `tsvector` column with a GIN index, or an SQLite FTS5 table kept by triggers) are
created by migration 0002 for the database in use and are not model fields.
"""

from __future__ import annotations

from django.db import models


class Kind(models.TextChoices):
    PERSON = "person", "Person"
    ORGANISATION = "organisation", "Organisation"
    COMMITTEE = "committee", "Committee"
    MEETING = "meeting", "Meeting"
    ITEM = "item", "Agenda item"
    DECISION = "decision", "Decision"
    PAPER = "paper", "Paper"
    MINUTES = "minutes", "Minutes"
    CASE = "case", "Business case"


class Audience(models.TextChoices):
    TRUST = "trust", "Signed-in users of the trust"
    PUBLIC = "public", "The public"


class SearchDocument(models.Model):
    kind = models.CharField(max_length=16, choices=Kind.choices)
    object_id = models.PositiveIntegerField()
    trust_id = models.PositiveIntegerField()
    audience = models.CharField(max_length=8, choices=Audience.choices)
    # the `rules` permission a signed-in reader needs, asked with `scope` as the object's key
    # (a business case's submitter); empty for public rows.
    perm = models.CharField(max_length=64, blank=True, default="")
    scope = models.PositiveIntegerField(null=True, blank=True)
    # PUB-1: the day a public row may first be found (papers are published days before a meeting).
    public_from = models.DateField(null=True, blank=True)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True, default="")
    url = models.CharField(max_length=300)
    updated_at = models.DateTimeField(auto_now=True)

    # The index follows every write after its commit; no kept page shows it, so keeping it in
    # step must not throw kept pages away (ui/dataversion.py).
    shown_on_kept_pages = False

    class Meta:
        db_table = "search_document"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "audience"], name="search_one_row_per_audience"
            )
        ]
        indexes = [models.Index(fields=["trust_id", "audience"], name="search_trust_audience")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"
