"""One row per form sent or API request keyed for idempotency (X-5)."""

from __future__ import annotations

from django.db import models


class Submission(models.Model):
    """A one-time key claimed by the first request that carried it.

    Pages: the form's hidden `submission_key`, claimed inside the service's transaction, so a
    repeat waits for the first and then answers with its redirect. API: the `Idempotency-Key`
    header (scoped by caller, method and path), answered with the first response.
    """

    key = models.CharField(max_length=128, unique=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # What the first request answered: a page's redirect, or the API's status and body.
    location = models.CharField(max_length=2000, blank=True)
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    content = models.TextField(blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"submission {self.key[:8]}…"
