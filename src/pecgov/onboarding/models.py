"""ADM-4: invitations to a trust's staff and the record of suspended accounts.

Rows hold only what belongs to one row; every write goes through `services`.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from pecgov.trust.models import Organisation, Person


class Invitation(models.Model):
    """An emailed link to join a trust as a person already on its records (ADM-4).

    Only a SHA-256 of the token is stored: the link in the email is the one copy. Single use,
    with an expiry, revocable. `role` is a role granted on acceptance (the first governance lead
    a site administrator names), or empty."""

    trust = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="invitations")
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    role = models.CharField(max_length=32, blank=True, default="")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["trust", "accepted_at", "revoked_at"])]

    def __str__(self) -> str:
        return f"Invitation to {self.person} ({self.email})"

    def is_pending(self, now: dt.datetime) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > now


class Suspension(models.Model):
    """ADM-4: an account suspended by its trust's lead, with the reason; lifted on reactivation."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suspensions")
    trust = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    suspended_at = models.DateTimeField()
    lifted_at = models.DateTimeField(null=True, blank=True)
    lift_reason = models.TextField(blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-suspended_at"]

    def __str__(self) -> str:
        return f"Suspension of {self.user}"
