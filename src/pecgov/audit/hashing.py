"""The ledger's digests and signatures (X-2): canonical JSON, history-row digests, event hashes.

An event made with a ledger key carries HMAC-SHA256(key, previous hash + its fields, the key id
among them): without the key nobody can write an event, or recompute one after changing it,
that verifies. Events made before the ledger had keys carry plain SHA-256 (`legacy_event_hash`)
and have no key id.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import hmac
import json
import uuid
from typing import Any

from django.db import models

from pecgov.audit.keys import LedgerKey
from pecgov.audit.models import AuditEvent

GENESIS = "0" * 64


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat() if value.tzinfo else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


def jsonable(value: Any) -> Any:
    """A value as canonical JSON writes it: dates, times, decimals and UUIDs as strings."""
    return _jsonable(value)


def canonical(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), default=_jsonable)


def row_digest(row: models.Model) -> str:
    """SHA-256 of every concrete column of a (history) row."""
    values = {f.attname: _jsonable(getattr(row, f.attname)) for f in row._meta.concrete_fields}
    return hashlib.sha256(canonical(values).encode()).hexdigest()


def hashed_fields(event: AuditEvent) -> dict[str, Any]:
    """What an event's hash covers (besides the hash before it)."""
    fields = {
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
    if event.key_id:
        fields["key_id"] = event.key_id
    return fields


def legacy_event_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    """The unkeyed rule of events made before the ledger had keys."""
    return hashlib.sha256((prev_hash + canonical(fields)).encode()).hexdigest()


def keyed_event_hash(key: LedgerKey, prev_hash: str, fields: dict[str, Any]) -> str:
    return hmac.new(key.secret, (prev_hash + canonical(fields)).encode(), hashlib.sha256).hexdigest()


def sign(key: LedgerKey, data: dict[str, Any]) -> str:
    """HMAC-SHA256 of a record kept outside the database (a checkpoint)."""
    return hmac.new(key.secret, canonical(data).encode(), hashlib.sha256).hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
