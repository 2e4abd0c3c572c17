"""Notifications, each person's choices, and the outbox of emails (NOT-1, NOT-2).

These are bookkeeping, not the governance record: they keep no history and write no audit event.
The outbox row is the unit of delivery: it is marked sent in the same transaction as the send,
so a worker killed mid-batch leaves every unsent message pending, to be sent once on restart."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from pecgov.notifications.enums import Delivery, Kind, OutboxStatus


class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    trust_id = models.IntegerField(null=True, blank=True)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True, default="")
    url = models.CharField(max_length=300, blank=True, default="")
    # What makes it the same event: a repeat of the same key for the same person tells no one twice.
    key = models.CharField(max_length=200)
    delivery = models.CharField(max_length=8, choices=Delivery.choices)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    digested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_user")]
        indexes = [models.Index(fields=["user", "read_at"]), models.Index(fields=["delivery", "digested_at"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.user})"

    @property
    def page_trust_id(self) -> int | None:
        """The trust whose kept pages show it (the home page's list): reading a notification
        throws away only that trust's kept pages (src/pecgov/ui/dataversion.py)."""
        return self.trust_id


class Preference(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    delivery = models.CharField(max_length=8, choices=Delivery.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="preference_once_per_kind")]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} {self.delivery}"


class OutboxMessage(models.Model):
    # No kept page shows the outbox: sending an email throws away no kept page
    # (src/pecgov/ui/dataversion.py). The deliveries page is rendered on every view.
    shown_on_kept_pages = False

    key = models.CharField(max_length=200, unique=True)
    # None for a person without an account (a declaration reminder goes to their address).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    trust_id = models.IntegerField(null=True, blank=True)
    kind = models.CharField(max_length=32, blank=True, default="")
    to_email = models.EmailField()
    subject = models.CharField(max_length=200)
    text = models.TextField()
    html = models.TextField()
    status = models.CharField(max_length=8, choices=OutboxStatus.choices, default=OutboxStatus.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.subject} to {self.to_email} ({self.status})"
