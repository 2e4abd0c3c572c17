"""The tamper suite (X-2): what a database administrator might do to the record, each named by
`verify` and by `pecgov audit verify` (exit code 1).

The ledger runs with a secret key (not the published development key) here, so that an
attacker who recomputes hashes with any key they could know is caught.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from pecgov.audit import chain, hashing, liverows
from pecgov.audit.models import AuditEvent, AuditHead
from pecgov.trust import services as ts
from pecgov.trust.enums import MembershipRole, Profession
from pecgov.trust.models import Membership, Person
from tests.audit.tampering import GUESSED, SECRET_KEYS, as_dba, recompute_from, set_head, table
from tests.factories import World


@pytest.fixture(autouse=True)
def _secret_key_and_checkpoints(settings: Any, tmp_path: Path) -> Path:
    settings.LEDGER_KEYS = SECRET_KEYS
    settings.LEDGER_CHECKPOINTS = str(tmp_path / "checkpoints.jsonl")
    return tmp_path / "checkpoints.jsonl"


@pytest.fixture
def busy(world: World) -> World:
    lead = world.users["governance_lead"]
    for n in range(4):
        ts.person_create(actor=lead, trust=world.trust, name=f"Person {n}", profession=Profession.GP)
    return world


def _problems() -> list[str]:
    result = chain.verify()
    assert result.ok is False
    return list(result.problems)


def _command_fails_naming(text: str) -> None:
    with pytest.raises(CommandError) as raised:
        call_command("audit", "verify", stdout=io.StringIO())
    assert text in str(raised.value)


def _checkpoint() -> str:
    out = io.StringIO()
    call_command("audit", "checkpoint", stdout=out)
    return out.getvalue()


def test_untouched_ledger_with_the_secret_key_verifies(busy: World) -> None:
    _checkpoint()

    result = chain.verify()

    assert (result.ok, result.problems, result.checkpoints_checked) == (True, (), 1)
    assert AuditEvent.objects.values_list("key_id", flat=True).distinct().get() == "live2026"


def test_updated_event_is_named(busy: World) -> None:
    event = AuditEvent.objects.order_by("id")[2]

    with as_dba() as cursor:
        cursor.execute(
            f"UPDATE {table(AuditEvent)} SET summary = 'Nothing happened' WHERE id = %s", [event.pk]
        )

    expected = (
        f"event {event.pk} was changed after it was written (its signature does not match: "
        "altered, or forged without the ledger key)"
    )
    assert _problems() == [expected]
    _command_fails_naming(expected)


def test_deleted_event_is_named_with_what_is_missing(busy: World) -> None:
    events = list(AuditEvent.objects.order_by("id")[:4])

    with as_dba() as cursor:
        cursor.execute(f"DELETE FROM {table(AuditEvent)} WHERE id = %s", [events[2].pk])

    problems = _problems()
    assert problems[0] == (
        f"event {events[3].pk} does not follow the event before it (a row was removed or reordered): "
        f"what came between #{events[1].pk} and #{events[3].pk} is missing"
    )
    _command_fails_naming(f"what came between #{events[1].pk} and #{events[3].pk} is missing")


def test_inserted_event_forged_without_the_key_is_named(busy: World) -> None:
    head = AuditHead.objects.get(id=1)
    forged = AuditEvent(
        at=timezone.now(),
        actor_label="lead",
        action="person.update",
        summary="Backdated approval",
        prev_hash=head.last_hash,
        key_id="live2026",
    )
    forged.hash = hashing.keyed_event_hash(GUESSED, forged.prev_hash, hashing.hashed_fields(forged))

    forged.save()  # the database accepts it: it follows the head

    assert (
        f"event {forged.pk} was changed after it was written (its signature does not match: "
        "altered, or forged without the ledger key)"
    ) in _problems()


def test_chain_recomputed_with_a_guessed_key_is_named(busy: World) -> None:
    event = AuditEvent.objects.order_by("id")[1]

    recompute_from(event, key=GUESSED, summary="Rewritten history")

    problems = _problems()
    assert problems[0].startswith(
        f"event {event.pk} was signed with ledger key 'dev', which is not configured"
    )


def test_chain_recomputed_by_the_old_unkeyed_rule_is_named(busy: World) -> None:
    event = AuditEvent.objects.order_by("id")[1]

    last = AuditEvent.objects.order_by("id").last()
    assert last is not None

    recompute_from(event, key=None, summary="Rewritten history")

    assert _problems() == [
        f"events {event.pk} to {last.pk} carry no ledger key but follow keyed events: "
        "written or rewritten without the key"
    ]


def test_whole_chain_recomputed_by_the_old_rule_is_caught_by_the_checkpoint(busy: World) -> None:
    _checkpoint()
    first = AuditEvent.objects.order_by("id").first()
    last = AuditEvent.objects.order_by("id").last()
    assert first is not None and last is not None

    recompute_from(first, key=None, summary="Rewritten from the start")

    problems = _problems()
    assert problems[0].startswith(f"event {last.pk} differs from the checkpoint of ")
    assert problems[0].endswith(": it was rewritten")


def test_whole_chain_recomputed_without_a_checkpoint_is_not_anchored(busy: World) -> None:
    first = AuditEvent.objects.order_by("id").first()
    last = AuditEvent.objects.order_by("id").last()
    assert first is not None and last is not None

    recompute_from(first, key=None)

    assert _problems() == [
        f"events {first.pk} to {last.pk} were made before the ledger had keys and no checkpoint covers "
        "them yet: run `pecgov audit checkpoint` once to anchor them"
    ]


def test_truncation_with_the_head_fixed_is_named_by_the_checkpoint(busy: World) -> None:
    _checkpoint()
    events = list(AuditEvent.objects.order_by("id"))
    kept = events[-4]

    with as_dba() as cursor:
        cursor.execute(f"DELETE FROM {table(AuditEvent)} WHERE id > %s", [kept.pk])
    set_head(len(events) - 3, kept.hash)

    problems = _problems()
    assert problems[0].startswith("the checkpoint of ")
    assert problems[0].endswith(
        f" recorded {len(events)} events up to event {events[-1].pk}, but the ledger now ends at "
        f"event {kept.pk} (the last good event): 3 event(s) are gone"
    )
    # The history rows the removed events named are no longer in the chain either.
    assert "3 history row(s) of trust.HistoricalPerson are not in the chain" in " ".join(problems)
    _command_fails_naming("3 event(s) are gone")


def test_head_moved_back_without_removing_events_is_named(busy: World) -> None:
    events = list(AuditEvent.objects.order_by("id"))

    set_head(len(events) - 1, events[-2].hash)

    assert _problems() == [
        f"the chain's head does not match its last event, event {events[-1].pk}: the head was changed "
        "behind the application's back, or events were removed"
    ]


def test_live_row_edited_with_sql_is_named(world: World) -> None:
    lead = world.users["governance_lead"]
    seat = Membership.objects.get(person=world.people["member"], committee=world.pec)
    ts.membership_update(actor=lead, membership=seat, role=MembershipRole.VICE_CHAIR)
    latest = seat.history.order_by("-history_id").first()  # type: ignore[attr-defined]
    when = timezone.localtime(latest.history_date).strftime("%Y-%m-%d %H:%M")

    with as_dba() as cursor:
        cursor.execute(
            f"UPDATE {table(Membership)} SET role = %s WHERE id = %s", [MembershipRole.CHAIR, seat.pk]
        )

    expected = (
        f"Membership {seat.pk}: role is 'chair' in the table but 'vice_chair' in its latest history "
        f"({when}, by {lead.get_username()})"
    )
    assert _problems() == [expected]
    _command_fails_naming(expected)


def test_live_row_deleted_with_sql_is_named(world: World) -> None:
    lead = world.users["governance_lead"]
    person = ts.person_create(actor=lead, trust=world.trust, name="Gone Quietly", profession=Profession.LAY)

    with as_dba() as cursor:
        cursor.execute(f"DELETE FROM {table(Person)} WHERE id = %s", [person.pk])

    problems = _problems()
    assert len(problems) == 1
    assert problems[0].startswith(f"Person {person.pk} is missing from the table but its latest history (")
    assert problems[0].endswith("says it exists: it was deleted behind the application's back")


def test_live_row_inserted_with_sql_is_named(world: World) -> None:
    person = Person(trust=world.trust, name="Inserted Quietly", profession=Profession.LAY)

    Person.objects.bulk_create([person])  # no signal, so no history row

    pk = Person.objects.get(name="Inserted Quietly").pk
    assert _problems() == [f"Person {pk} has no history: it was written outside the application's services"]


def test_altered_checkpoint_line_is_named(busy: World, _secret_key_and_checkpoints: Path) -> None:
    _checkpoint()
    path = _secret_key_and_checkpoints
    record = json.loads(path.read_text())
    record["count"] -= 2

    path.write_text(json.dumps(record) + "\n")

    assert _problems() == [
        f"line 1 of the checkpoint file {path} does not match its signature (it was altered or forged)"
    ]


def test_checkpoint_refuses_to_sign_a_broken_ledger(busy: World, _secret_key_and_checkpoints: Path) -> None:
    event = AuditEvent.objects.order_by("id")[1]
    with as_dba() as cursor:
        cursor.execute(f"UPDATE {table(AuditEvent)} SET summary = 'x' WHERE id = %s", [event.pk])

    with pytest.raises(CommandError, match="No checkpoint written"):
        _checkpoint()

    assert not _secret_key_and_checkpoints.exists()


def test_verify_reads_live_rows_in_batches(busy: World, monkeypatch: Any) -> None:
    monkeypatch.setattr(liverows, "BATCH", 2)
    result = chain.verify()

    assert (result.ok, result.live_rows_checked) == (
        True,
        sum(m._base_manager.count() for m, _ in liverows.history_tracked()),
    )
