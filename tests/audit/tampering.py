"""What someone with the database in their hands can do, for the tamper tests (X-2).

On PostgreSQL a superuser can switch triggers off for a session (`session_replication_role`);
on SQLite anyone with the file can. Either way the ledger's own guards are out of the picture,
and what is left to catch the change is `verify` with the key and the checkpoints.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection

from pecgov.audit import hashing
from pecgov.audit.keys import DEV_KEY_ID, LedgerKey
from pecgov.audit.models import AuditEvent, AuditHead

# The key an attacker might guess: the published development key, not the one in use.
GUESSED = LedgerKey(DEV_KEY_ID, b"pecgov-development-ledger-key-for-demo-and-tests-only")
SECRET_KEYS = "live2026:" + "k" * 40


@contextmanager
def as_dba() -> Iterator[Any]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        try:
            yield cursor
        finally:
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL session_replication_role = origin")


def table(model: Any) -> str:
    return str(connection.ops.quote_name(model._meta.db_table))


def set_head(count: int, last_hash: str) -> None:
    with as_dba() as cursor:
        cursor.execute(
            f"UPDATE {table(AuditHead)} SET count = %s, last_hash = %s WHERE id = 1", [count, last_hash]
        )


def rewrite(event: AuditEvent, prev_hash: str, *, key: LedgerKey | None, **changes: Any) -> str:
    """Rewrite one event in place, its hash recomputed with `key` (None: the old unkeyed rule,
    key id blank). Returns the new hash."""
    for name, value in changes.items():
        setattr(event, name, value)
    event.prev_hash = prev_hash
    event.key_id = key.id if key else ""
    fields = hashing.hashed_fields(event)
    event.hash = (
        hashing.keyed_event_hash(key, prev_hash, fields)
        if key
        else hashing.legacy_event_hash(prev_hash, fields)
    )
    with as_dba() as cursor:
        cursor.execute(
            f"UPDATE {table(AuditEvent)} SET summary = %s, prev_hash = %s, key_id = %s, hash = %s WHERE id = %s",
            [event.summary, event.prev_hash, event.key_id, event.hash, event.pk],
        )
    return event.hash


def recompute_from(first: AuditEvent, *, key: LedgerKey | None, **changes: Any) -> None:
    """Change `first` and recompute it and every later event, then fix the head: what an
    attacker without the ledger key would have to do to hide the change."""
    events = list(AuditEvent.objects.filter(id__gte=first.pk).order_by("id"))
    prev = (
        events[0].prev_hash if first.pk != AuditEvent.objects.order_by("id").first().pk else hashing.GENESIS
    )  # type: ignore[union-attr]
    for index, event in enumerate(events):
        prev = rewrite(event, prev, key=key, **(changes if index == 0 else {}))
    set_head(AuditEvent.objects.count(), prev)
