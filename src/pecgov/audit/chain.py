"""Appending to the audit chain (X-2); `verify` lives in pecgov.audit.verification.

Each event's hash is HMAC-SHA256, with the ledger key (pecgov.audit.keys), over the previous
event's hash and a canonical JSON of the event's own fields, including its key id and the
digests of the history rows it wrote. The database checks that each new event follows the head
and moves the head on (migrations_trigger.py); appends are serialised by the database (SQLite's
IMMEDIATE transactions; a transaction-level advisory lock on PostgreSQL, which needs no rights
on the head, so an application role with only INSERT and SELECT on the ledger can append).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from pecgov.audit.hashing import GENESIS, canonical, hashed_fields, keyed_event_hash, row_digest
from pecgov.audit.keys import signing_key
from pecgov.audit.models import AuditEvent, AuditHead
from pecgov.audit.verification import VerifyResult, verify

__all__ = ["GENESIS", "VerifyResult", "append", "canonical", "history_refs", "row_digest", "verify"]

# pg_advisory_xact_lock's key for "appending to the ledger": any fixed number no other code uses.
_APPEND_LOCK = 0x70656367_6C656467


def history_refs(instance: models.Model) -> list[dict[str, Any]]:
    """The history rows `instance` gained in this action (every row since `save_tracked`'s
    floor, or else the newest), each with its digest."""
    manager = getattr(instance, "history", None)
    if manager is None:
        return []
    floor = getattr(instance, "_history_floor", None)
    if floor is None:
        rows = list(manager.order_by("-history_id")[:1])
    else:
        rows = list(manager.filter(history_id__gt=floor).order_by("history_id"))
        instance._history_floor = rows[-1].history_id if rows else floor  # type: ignore[attr-defined]
    return [{"model": row._meta.label, "id": row.history_id, "sha256": row_digest(row)} for row in rows]


def gathered_refs(objects: Iterable[models.Model], chunk: int = 500) -> list[dict[str, Any]]:
    """`history_refs` for many saved rows at once, a query per model and `chunk` rows rather
    than one per row: each row's history since its `save_tracked` floor (X-2)."""
    objects = list(objects)
    floors: dict[type[models.Model], dict[Any, int]] = {}
    for obj in objects:
        floor = getattr(obj, "_history_floor", 0) or 0
        rows = floors.setdefault(type(obj), {})
        rows[obj.pk] = min(floor, rows.get(obj.pk, floor))
    refs: list[dict[str, Any]] = []
    newest: dict[tuple[str, Any], int] = {}
    for model, by_pk in floors.items():
        manager = getattr(model, "history", None)
        if manager is None:
            continue
        pks = list(by_pk)
        for start in range(0, len(pks), chunk):
            part = pks[start : start + chunk]
            lowest = min(by_pk[pk] for pk in part)
            rows = manager.filter(id__in=part, history_id__gt=lowest).order_by("history_id")
            for row in rows:
                if row.history_id > by_pk[row.id]:
                    refs.append({"model": row._meta.label, "id": row.history_id, "sha256": row_digest(row)})
                    newest[(model._meta.label, row.id)] = row.history_id
    for obj in objects:
        # As history_refs does: the next save of the same row names only what it adds.
        obj._history_floor = newest.get((obj._meta.label, obj.pk), 0)  # type: ignore[attr-defined]
    refs.sort(key=lambda ref: (ref["model"], ref["id"]))
    return refs


def _object_refs(objects: list[models.Model]) -> list[dict[str, Any]]:
    """What `objects` wrote: one query for all of them when each was saved by `save_tracked`
    (its floor is known, so `gathered_refs` names exactly what `history_refs` would), else each
    row's own `history_refs`."""
    if len(objects) > 1 and all(hasattr(obj, "_history_floor") for obj in objects):
        return gathered_refs(objects)
    return [ref for obj in objects for ref in history_refs(obj)]


def _head_hash() -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_APPEND_LOCK])
    last = AuditHead.objects.filter(id=1).values_list("last_hash", flat=True).first()
    return last or GENESIS


def append(
    *,
    actor: Any,
    action: str,
    objects: Iterable[models.Model] = (),
    trust_id: int | None = None,
    summary: str = "",
    data: dict[str, Any] | None = None,
    refs: Iterable[dict[str, Any]] = (),
) -> AuditEvent:
    """Append one event; call inside the service's transaction, after its saves. `refs` are
    history rows already named by the caller (a batch of many saves: servicekit.one_event)."""
    objects = list(objects)
    refs = [*refs, *_object_refs(objects)]
    key = signing_key()
    # Inside the service's transaction no savepoint of its own (two round trips an event): an
    # error here fails the whole action, which is what the caller's transaction is for.
    with transaction.atomic(savepoint=False):
        user = actor if getattr(actor, "is_authenticated", False) else None
        event = AuditEvent(
            at=timezone.now(),
            actor=user,
            actor_label=(user.get_username() if user else str(actor or "system")),
            action=action,
            trust_id=trust_id,
            object_label="; ".join(str(o) for o in objects)[:300],
            summary=summary,
            data=json.loads(canonical(data or {})),
            history_refs=refs,
            prev_hash=_head_hash(),
            key_id=key.id,
        )
        event.hash = keyed_event_hash(key, event.prev_hash, hashed_fields(event))
        event.save()
    return event
