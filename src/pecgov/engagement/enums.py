"""Choices for SHA engagement (ORG-7)."""

from __future__ import annotations

from django.db import models

from pecgov.engagement import third_pin


class EntryKind(models.TextChoices):
    # DH 4.3's three points, and the Alliance's "top table" (Links to SHAs).
    HIGH_LEVEL = third_pin.HIGH_LEVEL, "High-level meeting (PCT chair or chief executive with the SHA)"
    REGULAR = third_pin.REGULAR, "Regular meeting of the PEC chair with senior SHA staff"
    COMMUNICATION = third_pin.COMMUNICATION, "High-level communication with the SHA"
    PERFORMANCE = third_pin.PERFORMANCE, "Performance management of the PCT (the PEC's part)"
