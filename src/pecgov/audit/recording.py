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
    instance._history_user = actor_user(actor)  # type: ignore[attr-defined]
    instance._change_reason = reason  # type: ignore[attr-defined]
    instance.save(update_fields=list(update_fields) if update_fields is not None else None)
    return instance
