"""The audit ledger: one row per user action, chained by HMAC-SHA256 (X-2)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """One action a person (or the system) took. Never updated, never deleted.

    `history_refs` names each simple-history row the action wrote, with the
    SHA-256 of that row as written, so that a history row edited behind the
    application's back is detected by `pecgov audit verify`.
    """

    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(max_length=200)
    action = models.CharField(max_length=100)
    trust_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    object_label = models.CharField(max_length=300, blank=True, default="")
    summary = models.TextField(blank=True, default="")
    data = models.JSONField(default=dict, blank=True)
    history_refs = models.JSONField(default=list, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    # The ledger key that signed `hash` (HMAC-SHA256); blank on events made before the ledger
    # had keys, which carry plain SHA-256 (pecgov.audit.hashing).
    key_id = models.CharField(max_length=32, blank=True, default="")

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} by {self.actor_label}"


class AuditHead(models.Model):
    """A single row holding the chain's last hash and its length. The database keeps it: a
    trigger on inserting an event checks that the event follows the head and moves the head on
    (migrations_trigger.py), so the application never updates it and, in a deployment with a
    separate application role, may not."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_hash = models.CharField(max_length=64)
    count = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.count} events, last {self.last_hash[:12]}"
