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
) -> AuditEvent:
    """Append one event; call inside the service's transaction, after its saves."""
    objects = list(objects)
    refs = [ref for obj in objects for ref in history_refs(obj)]
    key = signing_key()
    with transaction.atomic():
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
