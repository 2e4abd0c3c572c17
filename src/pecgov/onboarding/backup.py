"""`pecgov backup FILE` and `pecgov restore FILE` (ADM-1): a portable copy of every table,
history and the audit ledger included, that loads into an empty database of either kind.

The copy is Django's JSON serialisation (times to the microsecond) in dependency order, with content types named by their
natural keys (so they match whatever ids the target database gave them) and every other row
keeping its primary key: the ledger names history rows by id, so the ids must survive. The
ledger's head is not copied: the database moves it on as each event is loaded, and refuses an
event that does not follow (the chain trigger). After loading, the ledger is verified in the
same transaction; a copy that does not verify is not kept.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.db import transaction
from django.db.models import signals

from pecgov.audit.models import AuditHead
from pecgov.audit.verification import verify
from pecgov.errors import DomainError

# Rebuilt by `migrate` (content types, permissions), moved by the database (the head), or of no
# use on another server (sessions, the page cache's data version).
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "audit.audithead", "ui.dataversion"]

FORMAT = "pecjson"  # JSON, with times to the microsecond (pecgov.onboarding.serializer)
MODEL_SIGNALS = (
    signals.pre_save,
    signals.post_save,
    signals.pre_delete,
    signals.post_delete,
    signals.m2m_changed,
)


def _excluded(label: str) -> bool:
    app_label = label.split(".")[0]
    return app_label in EXCLUDED or label.lower() in EXCLUDED


@contextmanager
def muted_model_signals() -> Iterator[None]:
    """No receiver reacts to the rows a restore loads: they were made, and reacted to, before
    (a receiver that notifies people would otherwise write a second notification)."""
    kept = []
    for signal in MODEL_SIGNALS:
        with signal.lock:
            kept.append(signal.receivers)
            signal.receivers = []
            signal.sender_receivers_cache.clear()
    try:
        yield
    finally:
        for signal, receivers in zip(MODEL_SIGNALS, kept, strict=True):
            with signal.lock:
                signal.receivers = receivers
                signal.sender_receivers_cache.clear()


def backup(path: Path) -> None:
    serializers.register_serializer(FORMAT, "pecgov.onboarding.serializer")
    call_command(
        "dumpdata", format=FORMAT, natural_foreign=True, exclude=EXCLUDED, output=str(path), verbosity=0
    )


def tables_with_rows() -> list[str]:
    """The tables a restore would collide with: any copied model that has a row."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy or _excluded(model._meta.label):
            continue
        if model._default_manager.exists():
            found.append(model._meta.db_table)
    return found


def restore(path: Path) -> int:
    """Load a backup into an empty, migrated database and verify its ledger; returns the number
    of ledger events checked. Refuses (changing nothing) a database that holds any data."""
    if not path.is_file():
        raise DomainError(f"There is no file at {path}.")
    busy = tables_with_rows()
    head = AuditHead.objects.filter(id=1).values_list("count", flat=True).first()
    if busy or head:
        names = ", ".join(busy[:5]) + (" and more" if len(busy) > 5 else "")
        raise DomainError(
            f"The database is not empty ({names or 'the audit ledger'} hold data): restore only into a new "
            "database that has just been migrated (`pecgov migrate`)."
        )
    serializers.register_serializer(FORMAT, "pecgov.onboarding.serializer")
    with tempfile.TemporaryDirectory() as folder, transaction.atomic(), muted_model_signals():
        # loaddata knows a file's format by its extension, whatever the backup was called.
        named = Path(folder) / f"backup.{FORMAT}"
        named.symlink_to(path.resolve())
        call_command("loaddata", str(named), verbosity=0)
        result = verify()
        if not result.ok:
            raise DomainError(
                f"The restored audit ledger does not verify: {result.problem}. Nothing was restored."
            )
    return result.events_checked
