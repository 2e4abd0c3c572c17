"""What an edit over the API reads and compares (X-5): each editable record's values, the
page's words for them, and the If-Match header (pecgov.api.versions)."""

from __future__ import annotations

from typing import Any

from django.db.models import Max

from pecgov.api import versions
from pecgov.meetings.models import AgendaItem, Meeting, Minutes

IF_MATCH = versions.IF_MATCH_HEADER

# The words the edit pages use for each field (meetings/forms.py), for "what changed".
MEETING_LABELS = {
    "starts_at": "start",
    "location": "where the meeting is held",
    "public": "held in public",
    "status": "status",
}
MEETING_EDITS: versions.Editable[Meeting] = versions.Editable.named(MEETING_LABELS)
ITEM_LABELS = {
    "title": "title",
    "kind": "kind of item",
    "description": "description",
    "affected_ids": "organisations the item affects",
    "confidential": "taken in private",
    "confidential_reason": "why it is taken in private",
    "outcome": "outcome",
}
MINUTES_LABELS = {
    "text": "minutes",
    "correction_note": "what is corrected and why",
    "status": "status",
    "latest_version": "latest version",
}


def meeting_values(meeting: Meeting) -> dict[str, Any]:
    """What a meeting's edit sets: its attributes of the labels' names (X-5)."""
    return MEETING_EDITS.values(meeting)


def item_values(item: AgendaItem) -> dict[str, Any]:
    return {
        "title": item.title,
        "kind": item.kind,
        "description": item.description,
        "affected_ids": sorted(o.pk for o in item.affected.all()),
        "confidential": item.confidential,
        "confidential_reason": item.confidential_reason,
        "outcome": item.outcome,
    }


def minutes_values(minutes: Minutes) -> dict[str, Any]:
    """The draft's fields, and the meeting's latest version: a correction drafted since makes
    an edit of an older version stale (MTG-5)."""
    latest = Minutes.objects.filter(meeting_id=minutes.meeting_id).aggregate(v=Max("version"))["v"]
    return {
        "text": minutes.text,
        "correction_note": minutes.correction_note,
        "status": minutes.status,
        "latest_version": latest,
    }
