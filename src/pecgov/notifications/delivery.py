"""Sending the outbox (NOT-2). Each message is locked, sent and marked sent in one transaction:
a worker killed mid-batch leaves the unsent ones pending and they are sent once when a worker
runs again. A failed send is retried with back-off, then marked failed for the lead to see."""

from __future__ import annotations

import datetime as dt
import threading

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from pecgov.notifications.enums import OutboxStatus
from pecgov.notifications.models import OutboxMessage

_STATE = threading.local()
MAX_ATTEMPTS = 5
DOMAIN = "pec-governance.invalid"
BATCH = 200


def backoff(attempts: int) -> dt.timedelta:
    """2, 4, 8, 16 minutes after the 1st, 2nd, 3rd, 4th failure."""
    return dt.timedelta(minutes=2**attempts)


def delivering() -> bool:
    """Whether this thread is sending the outbox (the one place email is sent from)."""
    return bool(getattr(_STATE, "active", False))


def deliver_pending(limit: int = BATCH) -> int:
    """Send up to `limit` due messages; returns how many were sent."""
    _STATE.active = True
    try:
        return _deliver(limit)
    finally:
        _STATE.active = False


def _deliver(limit: int) -> int:
    sent = 0
    for _ in range(limit):
        with transaction.atomic():
            message = (
                OutboxMessage.objects.select_for_update(skip_locked=True)
                .filter(status=OutboxStatus.PENDING, next_attempt_at__lte=timezone.now())
                .order_by("id")
                .first()
            )
            if message is None:
                break
            message.attempts += 1
            try:
                email = EmailMultiAlternatives(
                    subject=message.subject,
                    body=message.text,
                    from_email=getattr(settings, "DEFAULT_FROM_EMAIL", None),
                    to=[message.to_email],
                    # One Message-ID per outbox row: a resend after a crash between the send and
                    # its commit is the same message to the recipient's mail system.
                    headers={"Message-ID": f"<outbox-{message.pk}@{DOMAIN}>"},
                )
                email.attach_alternative(message.html, "text/html")
                email.send(fail_silently=False)
            except Exception as error:  # any transport failure: keep it, retry later
                message.last_error = f"{type(error).__name__}: {error}"[:2000]
                if message.attempts >= MAX_ATTEMPTS:
                    message.status = OutboxStatus.FAILED
                else:
                    message.next_attempt_at = timezone.now() + backoff(message.attempts)
                message.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
                continue
            message.status, message.sent_at = OutboxStatus.SENT, timezone.now()
            message.save(update_fields=["attempts", "status", "sent_at"])
            sent += 1
    return sent


@task()
def deliver_outbox() -> int:
    """The task the worker runs whenever messages are queued (and the scheduler, for retries)."""
    return deliver_pending()
