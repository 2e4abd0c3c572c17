"""A private calendar feed (PUB-2): a secret address a calendar app subscribes to, revocable."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class CalendarFeed(models.Model):
    """One user's private feed of their meetings and their actions' due dates. Only a digest of
    the secret is kept: the address is shown once, when it is made."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["last_used_at"])

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Calendar feed {self.prefix}… of {self.user}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
