"""The ledger keys (X-2): where they come from, rotation, no default in production, and events
made before the ledger had keys."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from pecgov.audit import chain, hashing, keys
from pecgov.audit.checks import ledger_key_check
from pecgov.audit.models import AuditEvent, AuditHead
from pecgov.servicekit import SYSTEM
from tests.audit.tampering import as_dba, table

OLD = "old2025:" + "o" * 40
NEW = "new2026:" + "n" * 40


@pytest.fixture
def production(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Demo and testing mode off, no key anywhere."""
    settings.DEMO_MODE = False
    settings.TESTING = False
    settings.LEDGER_KEYS = None
    monkeypatch.delenv("PECGOV_LEDGER_KEYS", raising=False)
    monkeypatch.delenv("PECGOV_LEDGER_KEYS_FILE", raising=False)
    return settings


def _legacy_event(summary: str) -> AuditEvent:
    """An event as the ledger wrote them before it had keys: plain SHA-256, no key id."""
    head = AuditHead.objects.filter(id=1).first()
    event = AuditEvent(
        at=timezone.now(),
        actor_label="system",
        action="legacy",
        summary=summary,
        prev_hash=head.last_hash if head else hashing.GENESIS,
    )
    event.hash = hashing.legacy_event_hash(event.prev_hash, hashing.hashed_fields(event))
    event.save()
    return event


def test_development_key_only_in_demo_or_testing_mode(production: Any) -> None:
    assert keys.ledger_keys() == ()
    with pytest.raises(ImproperlyConfigured, match="No ledger key: set PECGOV_LEDGER_KEYS"):
        keys.signing_key()


def test_production_without_a_key_fails_the_start_up_check(production: Any) -> None:
    errors = ledger_key_check()

    assert [error.id for error in errors] == ["audit.E001"]


def test_production_with_a_key_passes_the_start_up_check(
    production: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PECGOV_LEDGER_KEYS", NEW)

    assert ledger_key_check() == []
    assert keys.signing_key().id == "new2026"


def test_keys_are_read_from_a_file(production: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "ledger-keys"
    path.write_text(f"# signing key first\n{NEW}\n{OLD}  # kept to verify 2025's events\n")
    monkeypatch.setenv("PECGOV_LEDGER_KEYS_FILE", str(path))

    assert [key.id for key in keys.ledger_keys()] == ["new2026", "old2025"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("short:abc", "Ledger key 'short' in settings.LEDGER_KEYS is too short"),
        ("no-secret-here", "Ledger key 1 in settings.LEDGER_KEYS must be written id:secret"),
        (f"{NEW},{NEW}", "Ledger key 'new2026' appears twice"),
    ],
)
def test_bad_key_configuration_is_named(settings: Any, value: str, message: str) -> None:
    settings.LEDGER_KEYS = value

    with pytest.raises(ImproperlyConfigured, match=message):
        keys.ledger_keys()
    assert [error.id for error in ledger_key_check()] == ["audit.E002"]


def test_secret_is_never_shown(settings: Any) -> None:
    settings.LEDGER_KEYS = NEW

    assert repr(keys.signing_key()) == "LedgerKey('new2026')"


def test_rotated_key_keeps_old_events_verifiable(db: Any, settings: Any) -> None:
    settings.LEDGER_KEYS = OLD
    chain.append(actor=SYSTEM, action="before", summary="Signed with the old key")

    settings.LEDGER_KEYS = f"{NEW},{OLD}"
    chain.append(actor=SYSTEM, action="after", summary="Signed with the new key")

    assert list(AuditEvent.objects.order_by("id").values_list("key_id", flat=True)) == ["old2025", "new2026"]
    assert chain.verify().ok is True


def test_retired_key_still_needed_is_named(db: Any, settings: Any) -> None:
    settings.LEDGER_KEYS = OLD
    event = chain.append(actor=SYSTEM, action="before", summary="Signed with the old key")

    settings.LEDGER_KEYS = NEW
    result = chain.verify()

    assert result.problems == (
        f"event {event.pk} was signed with ledger key 'old2025', which is not configured "
        "(1 event(s) signed with it cannot be checked)",
    )


def test_events_before_the_keys_need_a_first_checkpoint(db: Any, settings: Any, tmp_path: Path) -> None:
    settings.LEDGER_CHECKPOINTS = str(tmp_path / "checkpoints.jsonl")
    first = _legacy_event("Made before the upgrade")
    last = _legacy_event("Also before")
    chain.append(actor=SYSTEM, action="after", summary="Made after the upgrade")

    before = chain.verify()
    out = io.StringIO()
    call_command("audit", "checkpoint", stdout=out)
    after = chain.verify()

    assert before.problems == (
        f"events {first.pk} to {last.pk} were made before the ledger had keys and no checkpoint covers "
        "them yet: run `pecgov audit checkpoint` once to anchor them",
    )
    assert out.getvalue().startswith(f"Checkpoint written to {tmp_path / 'checkpoints.jsonl'}: 3 events")
    assert (after.ok, after.checkpoints_checked) == (True, 1)
    assert after.notes == (
        f"Events {first.pk} to {last.pk} were made before the ledger had keys: checked by the unkeyed "
        "SHA-256 rule, anchored by the first checkpoint after them.",
    )


def test_changed_event_before_the_keys_is_named(db: Any, settings: Any) -> None:
    event = _legacy_event("Made before the upgrade")
    chain.append(actor=SYSTEM, action="after", summary="Made after the upgrade")

    with as_dba() as cursor:
        cursor.execute(f"UPDATE {table(AuditEvent)} SET summary = 'Rewritten' WHERE id = %s", [event.pk])

    assert f"event {event.pk} was changed after it was written" in chain.verify().problems


def test_checkpoint_command_needs_a_file(db: Any) -> None:
    with pytest.raises(CommandError, match="Name the checkpoint file"):
        call_command("audit", "checkpoint")
