"""The audit hash chain holds after service writes and names any tampering (X-2).

History rows edited, deleted or inserted behind the services, and audit events
edited or removed, are each detected by `verify()` and by `pecgov audit verify`.
On PostgreSQL the ledger also refuses UPDATE and DELETE at the database.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from pecgov.audit import chain, hashing, keys
from pecgov.audit.models import AuditEvent, AuditHead
from pecgov.trust import services as ts
from pecgov.trust.enums import EndReason, MembershipRole, Profession
from pecgov.trust.models import Membership, Person
from tests.factories import World

HistoricalPerson: Any = Person.history.model  # type: ignore[attr-defined]


def _edited_person(world: World) -> tuple[Person, Any, AuditEvent]:
    """A person added and renamed by the lead; their newest history row and its event."""
    lead = world.users["governance_lead"]
    person = ts.person_create(actor=lead, trust=world.trust, name="Alex Able", profession=Profession.GP)
    ts.person_update(actor=lead, person=person, name="Blair Baker")
    row = HistoricalPerson.objects.filter(id=person.pk).order_by("-history_id").first()
    event = AuditEvent.objects.get(action="person.update", summary="Edited Blair Baker")
    return person, row, event


def _verify_command() -> str:
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue()


@pytest.fixture
def busy_world(world: World) -> World:
    """The world after a round of everyday changes by the governance lead."""
    lead = world.users["governance_lead"]
    ts.organisation_update(actor=lead, organisation=world.practice, ods_code="Y01234")
    ts.person_update(actor=lead, person=world.people["member"], job_title="Practice nurse")
    seat = Membership.objects.get(person=world.people["member"], committee=world.pec)
    ts.membership_update(actor=lead, membership=seat, role=MembershipRole.VICE_CHAIR)
    ts.membership_end(actor=lead, membership=seat, end_date=seat.start_date, end_reason=EndReason.OTHER_ROLE)
    return world


def test_verify_after_service_calls_is_intact(busy_world: World) -> None:
    result = chain.verify()

    assert result.ok is True
    assert result.problem == ""
    assert result.events_checked == AuditEvent.objects.count()
    assert result.history_rows_checked >= result.events_checked


def test_verify_command_reports_chain_intact(busy_world: World) -> None:
    events = AuditEvent.objects.count()

    output = _verify_command()

    assert output.startswith(f"Audit chain intact: {events} events and ")


def test_verify_checks_batches_across_their_boundary(busy_world: World) -> None:
    result = chain.verify(batch_size=3)

    assert (result.ok, result.events_checked) == (True, AuditEvent.objects.count())


def test_each_event_follows_the_one_before(busy_world: World) -> None:
    events = list(AuditEvent.objects.order_by("id"))
    head = AuditHead.objects.get(id=1)

    links = [(e.prev_hash, e.hash) for e in events]

    assert links[0][0] == chain.GENESIS
    assert [prev for prev, _ in links[1:]] == [h for _, h in links[:-1]]
    assert (head.last_hash, head.count) == (events[-1].hash, len(events))


def test_event_hash_covers_its_own_fields(busy_world: World) -> None:
    event = AuditEvent.objects.order_by("id").last()
    assert event is not None

    key = keys.key_by_id(event.key_id)
    assert key is not None

    recomputed = hashing.keyed_event_hash(key, event.prev_hash, hashing.hashed_fields(event))

    assert recomputed == event.hash
    assert event.key_id == keys.DEV_KEY_ID
    assert re.fullmatch(r"[0-9a-f]{64}", event.hash)


def test_history_row_edited_in_the_database_is_detected(world: World) -> None:
    _, row, event = _edited_person(world)

    HistoricalPerson.objects.filter(history_id=row.history_id).update(name="Tampered")
    result = chain.verify()

    assert result.ok is False
    assert result.first_broken_event == event.pk
    assert result.problem == (
        f"history row trust.HistoricalPerson #{row.history_id} named by event {event.pk} "
        "was changed behind the application's back"
    )
    with pytest.raises(CommandError, match="changed behind the application's back") as raised:
        _verify_command()
    assert f"(first broken event: #{event.pk})" in str(raised.value)


def test_history_row_edited_with_raw_sql_is_detected(world: World) -> None:
    _, row, event = _edited_person(world)
    table = connection.ops.quote_name(HistoricalPerson._meta.db_table)

    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET history_change_reason = %s WHERE history_id = %s",
            ["Nothing to see here", row.history_id],
        )
    result = chain.verify()

    assert (result.ok, result.first_broken_event) == (False, event.pk)
    assert "was changed behind the application's back" in result.problem


def test_history_row_whose_editor_was_swapped_is_detected(world: World) -> None:
    _, row, event = _edited_person(world)

    HistoricalPerson.objects.filter(history_id=row.history_id).update(history_user=world.users["member"])
    result = chain.verify()

    assert (result.ok, result.first_broken_event) == (False, event.pk)


def test_deleted_history_row_is_detected_as_missing(world: World) -> None:
    _, row, event = _edited_person(world)

    HistoricalPerson.objects.filter(history_id=row.history_id).delete()
    result = chain.verify()

    assert result.ok is False
    assert result.first_broken_event == event.pk
    assert result.problem == (
        f"history row trust.HistoricalPerson #{row.history_id} named by event {event.pk} is missing"
    )
    with pytest.raises(CommandError, match="is missing"):
        _verify_command()


def test_history_row_bulk_inserted_outside_the_services_is_detected(world: World) -> None:
    _, row, _ = _edited_person(world)
    forged = HistoricalPerson.objects.get(history_id=row.history_id)
    forged.history_id = None
    forged.name = "Forged"
    forged.history_change_reason = "Backdated"

    HistoricalPerson.objects.bulk_create([forged])
    result = chain.verify()

    assert result.ok is False
    assert result.first_broken_event is None
    assert result.problem == (
        "1 history row(s) of trust.HistoricalPerson are not in the chain: "
        "they were written outside the application's services"
    )
    with pytest.raises(CommandError, match="not in the chain"):
        _verify_command()


def test_person_saved_without_the_services_is_detected(world: World) -> None:
    Person.objects.create(trust=world.trust, name="Quiet Insert", profession=Profession.LAY)

    result = chain.verify()

    assert result.ok is False
    assert "trust.HistoricalPerson are not in the chain" in result.problem


def test_audit_event_summary_edit_is_refused_or_detected(busy_world: World) -> None:
    event = AuditEvent.objects.order_by("id")[2]

    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic():
            AuditEvent.objects.filter(pk=event.pk).update(summary="Nothing happened")
        assert chain.verify().ok is True
    else:
        AuditEvent.objects.filter(pk=event.pk).update(summary="Nothing happened")
        result = chain.verify()
        assert (result.ok, result.first_broken_event) == (False, event.pk)
        assert result.problem == (
            f"event {event.pk} was changed after it was written (its signature does not match: "
            "altered, or forged without the ledger key)"
        )


def test_deleted_last_event_is_refused_or_detected(busy_world: World) -> None:
    last, before = AuditEvent.objects.order_by("-id")[:2]
    count = AuditEvent.objects.count()

    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic():
            AuditEvent.objects.filter(pk=last.pk).delete()
        assert chain.verify().ok is True
    else:
        AuditEvent.objects.filter(pk=last.pk).delete()
        result = chain.verify()
        assert result.ok is False
        # The message names the last good event and how many are gone (X-2, changed on purpose).
        assert result.problem == (
            f"the ledger ends at event {before.pk} (the last good event), but its head recorded "
            f"{count} events: 1 event(s) after it are gone (events were removed)"
        )
        with pytest.raises(CommandError, match="events were removed"):
            _verify_command()


def test_deleted_middle_event_is_refused_or_detected(busy_world: World) -> None:
    events = list(AuditEvent.objects.order_by("id")[:4])

    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic():
            AuditEvent.objects.filter(pk=events[2].pk).delete()
        assert chain.verify().ok is True
    else:
        AuditEvent.objects.filter(pk=events[2].pk).delete()
        result = chain.verify()
        assert (result.ok, result.first_broken_event) == (False, events[3].pk)
        assert result.problem == (
            f"event {events[3].pk} does not follow the event before it (a row was removed or reordered): "
            f"what came between #{events[1].pk} and #{events[3].pk} is missing"
        )


def test_database_refuses_update_and_delete_on_the_ledger(busy_world: World) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("trigger exists on PostgreSQL only")
    event = AuditEvent.objects.order_by("id").first()
    assert event is not None
    table = connection.ops.quote_name(AuditEvent._meta.db_table)

    for statement in (
        f"UPDATE {table} SET summary = 'rewritten' WHERE id = %s",
        f"DELETE FROM {table} WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [event.pk])

    assert AuditEvent.objects.get(pk=event.pk).summary == event.summary
    assert chain.verify().ok is True
