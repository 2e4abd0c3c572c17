"""Reads for the import pages (ADM-2)."""

from __future__ import annotations

from django.db.models import QuerySet

from pecgov.imports.models import ImportRun

RECENT = 20


def recent_runs(trust_id: int) -> QuerySet[ImportRun]:
    """The trust's latest uploads, newest first, in one query (the stored files are not read)."""
    return (
        ImportRun.objects.filter(trust_id=trust_id)
        .select_related("uploaded_by")
        .defer("content", "problems", "sample")
        .order_by("-uploaded_at", "-id")[:RECENT]
    )
