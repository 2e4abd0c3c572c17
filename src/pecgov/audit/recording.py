"""The one way services save a domain row: history user and reason set, then saved."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db import models
from django.db.models.signals import pre_save

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


def create_tracked(instances: list[T], *, actor: Any, reason: str = "") -> list[T]:
    """Insert new rows of one model at once, each with its "+" history row (X-2): what
    `save_tracked` does row by row, in two INSERTs. `pre_save` fires for each row as a save
    fires it (the text guard refuses a bad value before anything is written); `post_save` does
    not, so this is only for a model no other receiver of it needs to see: the caller appends
    the audit event naming the rows (`servicekit.event`), which moves the page cache's version
    as every service write does. Sets each row's pk and history floor, as `save_tracked` does."""
    if not instances:
        return instances
    model = type(instances[0])
    for instance in instances:
        if instance.pk is not None or type(instance) is not model:
            raise ValueError("create_tracked inserts new rows of one model")
        pre_save.send(sender=model, instance=instance, raw=False, using="default", update_fields=None)
    model._default_manager.bulk_create(instances)
    manager: Any = getattr(model, "history", None)
    if manager is not None:
        for instance in instances:
            instance._history_floor = 0  # type: ignore[attr-defined]
        manager.bulk_history_create(instances, default_user=actor_user(actor), default_change_reason=reason)
    return instances
