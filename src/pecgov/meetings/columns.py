"""The meetings list as a file (ADM-3): the same filter as the page, one line a meeting."""

from __future__ import annotations

from django.utils import timezone

from pecgov.ui.tabular import Column

MEETING_COLUMNS = (
    Column("committee", lambda m: m.committee.name),
    Column("starts_at", lambda m: timezone.localtime(m.starts_at).strftime("%Y-%m-%d %H:%M")),
    Column("location", lambda m: m.location),
    Column("status", lambda m: m.status),
    Column("public", lambda m: m.public),
    Column("items", lambda m: m.item_count),
)
