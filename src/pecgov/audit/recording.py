"""The one way services save a domain row: history user and reason set, then saved."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db import models

T = TypeVar("T", bound=models.Model)


def actor_user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def save_tracked(
    instance: T, *, actor: Any, reason: str = "", update_fields: Iterable[str] | None = None
) -> T:
    """Save with simple-history's user and change reason set (X-2: who, when, before/after)."""
    # Remember the newest history row before this save: the audit event then names every row
    # written since (the save's, and any an m2m change adds), so none escapes the hash chain.
    if not hasattr(instance, "_history_floor"):
        manager = getattr(type(instance), "history", None)
        floor = 0
        if manager is not None and instance.pk is not None:
            floor = (
                manager.filter(id=instance.pk)
                .order_by("-history_id")
                .values_list("history_id", flat=True)
                .first()
                or 0
            )
        instance._history_floor = floor  # type: ignore[attr-defined]
    instance._history_user = actor_user(actor)  # type: ignore[attr-defined]
    instance._change_reason = reason  # type: ignore[attr-defined]
    instance.save(update_fields=list(update_fields) if update_fields is not None else None)
    return instance
