"""Appending to and verifying the audit hash chain (X-2).

Each event's hash is SHA-256 over the previous event's hash and a canonical
JSON of the event's own fields, including the digests of the history rows it
wrote. Verification walks the chain in order, recomputes every hash, and
recomputes the digest of every referenced history row from the database.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.utils import timezone

from pecgov.audit.models import AuditEvent, AuditHead

GENESIS = "0" * 64


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat() if value.tzinfo else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


def canonical(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), default=_jsonable)


def row_digest(row: models.Model) -> str:
    """SHA-256 of every concrete column of a (history) row."""
    values = {f.attname: _jsonable(getattr(row, f.attname)) for f in row._meta.concrete_fields}
    return hashlib.sha256(canonical(values).encode()).hexdigest()


def event_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    return hashlib.sha256((prev_hash + canonical(fields)).encode()).hexdigest()


def _hashed_fields(event: AuditEvent) -> dict[str, Any]:
    return {
        "at": _jsonable(event.at),
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "trust_id": event.trust_id,
        "object_label": event.object_label,
        "summary": event.summary,
        "data": event.data,
        "history_refs": event.history_refs,
    }


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
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(id=1, defaults={"last_hash": GENESIS})
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
            prev_hash=head.last_hash,
        )
        # Round-trip the timestamp through the database's precision before hashing.
        event.at = event.at.replace(microsecond=event.at.microsecond)
        event.hash = event_hash(event.prev_hash, _hashed_fields(event))
        event.save()
        head.last_hash = event.hash
        head.count += 1
        head.save(update_fields=["last_hash", "count"])
    return event


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    events_checked: int
    history_rows_checked: int
    first_broken_event: int | None = None
    problem: str = ""


def verify(batch_size: int = 2000) -> VerifyResult:
    """Walk the chain from the start; name the first event that does not hold."""
    prev = GENESIS
    checked = 0
    rows_checked = 0
    last_id = 0
    rows_by_model: dict[str, set[int]] = {}
    while True:
        batch = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:batch_size])
        if not batch:
            break
        # Fetch every referenced history row of the batch in one query per model.
        wanted: dict[str, set[int]] = {}
        for event in batch:
            for ref in event.history_refs:
                wanted.setdefault(ref["model"], set()).add(ref["id"])
        found: dict[tuple[str, int], models.Model] = {}
        for label, ids in wanted.items():
            model = apps.get_model(label)
            for row in model._default_manager.filter(history_id__in=ids):
                found[(label, row.history_id)] = row
        for event in batch:
            if event.prev_hash != prev:
                return VerifyResult(
                    False,
                    checked,
                    rows_checked,
                    event.id,
                    f"event {event.id} does not follow the event before it (a row was removed or reordered)",
                )
            if event_hash(prev, _hashed_fields(event)) != event.hash:
                return VerifyResult(
                    False,
                    checked,
                    rows_checked,
                    event.id,
                    f"event {event.id} was changed after it was written",
                )
            for ref in event.history_refs:
                rows_by_model.setdefault(ref["model"], set()).add(ref["id"])
                row = found.get((ref["model"], ref["id"]))
                if row is None:
                    return VerifyResult(
                        False,
                        checked,
                        rows_checked,
                        event.id,
                        f"history row {ref['model']} #{ref['id']} named by event {event.id} is missing",
                    )
                if row_digest(row) != ref["sha256"]:
                    return VerifyResult(
                        False,
                        checked,
                        rows_checked,
                        event.id,
                        f"history row {ref['model']} #{ref['id']} named by event {event.id} "
                        "was changed behind the application's back",
                    )
                rows_checked += 1
            prev = event.hash
            checked += 1
            last_id = event.id
    # The head first: events removed from the end also leave the history rows they
    # named unchained, and "events were removed" is the cause to report.
    head = AuditHead.objects.filter(id=1).first()
    if head is not None and (head.last_hash != prev or head.count != checked):
        return VerifyResult(
            False,
            checked,
            rows_checked,
            None,
            "the chain's recorded head does not match its last event (events were removed)",
        )
    unchained = _unchained_history(rows_by_model)
    if unchained:
        return VerifyResult(False, checked, rows_checked, None, unchained)
    return VerifyResult(True, checked, rows_checked)


def _unchained_history(rows_by_model: dict[str, set[int]]) -> str:
    """Every history row must be named by an event: one written outside the services is not."""
    from simple_history.models import registered_models

    for model in registered_models.values():
        manager = getattr(model, "history", None)
        if manager is None:
            continue
        history_model = manager.model
        label = history_model._meta.label
        total = history_model._default_manager.count()
        chained = len(rows_by_model.get(label, set()))
        if total != chained:
            return (
                f"{total - chained} history row(s) of {label} are not in the chain: "
                "they were written outside the application's services"
            )
    return ""
