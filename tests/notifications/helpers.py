"""Test helpers for notifications: a real (tiny) PDF paper and who was told what."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from pecgov.notifications.models import Notification

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF\n"
)


def paper(name: str = "paper.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def told(kind: str) -> dict[str, int]:
    """Username to how many notifications of `kind` they have."""
    result: dict[str, int] = {}
    for username in Notification.objects.filter(kind=kind).values_list("user__username", flat=True):
        result[username] = result.get(username, 0) + 1
    return result


def names(world: Any, *keys: str) -> set[str]:
    return {world.users[key].username for key in keys}
