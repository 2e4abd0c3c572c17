"""Choices for the implementation checklist (EFF-1)."""

from __future__ import annotations

from django.db import models


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
