"""A form sent twice, or an API request repeated with its Idempotency-Key, saves once (X-5).

The key is claimed by inserting it under a unique constraint inside the save's transaction.
A second request with the same key waits on that row (PostgreSQL's unique index, SQLite's
single writer) until the first commits, then fails to insert: it is a repeat, and it is
answered with the first result instead of saving again. If the first save was refused, its
transaction took the claim with it, so the corrected form can be sent with the same key.
"""

from __future__ import annotations

import datetime as dt
import time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from pecgov.ui.safety.models import Submission

CLASH_MESSAGE = (
    "This could not be saved because it clashes with something saved at the same moment. "
    "Check the page and try again."
)


class RepeatedSubmission(Exception):
    """The form's one-time key was already used: the form was sent before."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def window() -> dt.timedelta:
    """How long a key is remembered: a repeat after this is treated as new."""
    return dt.timedelta(seconds=int(getattr(settings, "SUBMISSION_WINDOW_SECONDS", 600)))


def form_key(key: str) -> str:
    return f"form:{key}"


def claim_submission(key: str) -> None:
    """Claim a form's one-time key; raise RepeatedSubmission if it was claimed before."""
    if not key:
        return
    Submission.objects.filter(created_at__lt=timezone.now() - window()).delete()
    try:
        with transaction.atomic():
            Submission.objects.create(key=form_key(key))
    except IntegrityError as error:
        raise RepeatedSubmission(key) from error


def first_result(key: str, *, wait: float = 0.0) -> Submission | None:
    """The answer recorded for `key` (a full key, as stored), waiting up to `wait` seconds for a
    request still in flight to record it."""
    deadline = time.monotonic() + wait
    while True:
        row = Submission.objects.filter(key=key, created_at__gte=timezone.now() - window()).first()
        if row is not None and (row.location or row.status):
            return row
        if time.monotonic() >= deadline:
            return row
        time.sleep(0.05)


def record_location(key: str, location: str) -> None:
    Submission.objects.filter(key=form_key(key), location="").update(location=location[:2000])
