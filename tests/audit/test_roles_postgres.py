"""The PostgreSQL guard (X-2): an owner role that runs the migrations, and an application role
with only SELECT and INSERT on the record, which can append but cannot rewrite, remove or
switch off anything. The roles are made inside the test's transaction, so they vanish with it.
"""

from __future__ import annotations

import io
import secrets
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, connections, transaction

from pecgov.audit import chain
from pecgov.audit.grants import grants_sql, history_tables
from pecgov.audit.models import AuditEvent
from pecgov.servicekit import SYSTEM
from pecgov.trust import services as ts
from pecgov.trust.enums import Profession
from pecgov.trust.models import Person
from tests.factories import World

REFUSED = r"permission denied|must be owner"


def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("Roles and grants are PostgreSQL's: SQLite has none (run under scripts/with-postgres.sh)")


@pytest.fixture
def app_role(world: World) -> Iterator[str]:
    """The session acting as the application role, after the owner granted it its rights."""
    _postgres_only()
    suffix = secrets.token_hex(4)
    owner, app = f"pecgov_owner_{suffix}", f"pecgov_app_{suffix}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {owner} NOLOGIN")
        cursor.execute(f"CREATE ROLE {app} NOLOGIN")
        cursor.execute("SELECT current_schema()")
        schema = cursor.fetchone()[0]
        # As if `pecgov migrate` had run as the owner: it owns every table and the ledger's functions.
        # (The world's deferred foreign-key checks run first: a table with some pending cannot change owner.)
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        for (name,) in cursor.fetchall():
            cursor.execute(f"ALTER TABLE {connection.ops.quote_name(name)} OWNER TO {owner}")
        for function in ("audit_event_chain", "audit_head_guard", "audit_event_append_only"):
            cursor.execute(f"ALTER FUNCTION {function}() OWNER TO {owner}")
        cursor.execute(f"SET LOCAL ROLE {owner}")
        cursor.execute(grants_sql(app, schema))
        cursor.execute(f"SET LOCAL ROLE {app}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    yield app
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")


def test_application_role_appends_and_verifies(world: World, app_role: str) -> None:
    lead = world.users["governance_lead"]

    person = ts.person_create(actor=lead, trust=world.trust, name="Appended By App", profession=Profession.GP)
    ts.person_update(actor=lead, person=person, name="Renamed By App")

    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        assert cursor.fetchone()[0] == app_role
    assert AuditEvent.objects.filter(summary="Edited Renamed By App").count() == 1
    assert chain.verify().ok is True


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_auditevent SET summary = 'rewritten'",
        "DELETE FROM audit_auditevent",
        "TRUNCATE audit_auditevent",
        "UPDATE audit_audithead SET count = 0",
        "DELETE FROM audit_audithead",
        "TRUNCATE audit_audithead",
        "INSERT INTO audit_audithead (id, last_hash, count) VALUES (2, 'x', 0)",
        "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only",
        "ALTER TABLE audit_auditevent DISABLE TRIGGER ALL",
        "ALTER TABLE audit_audithead DISABLE TRIGGER audit_head_guard",
        "DROP TRIGGER audit_event_chain ON audit_auditevent",
        "CREATE OR REPLACE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
        "UPDATE {history} SET name = 'rewritten'",
        "DELETE FROM {history}",
        "TRUNCATE {history}",
        "SET session_replication_role = replica",
    ],
)
def test_application_role_cannot_rewrite_the_record(app_role: str, statement: str) -> None:
    history = Person.history.model._meta.db_table  # type: ignore[attr-defined]

    with pytest.raises(DatabaseError, match=REFUSED), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement.replace("{history}", history))


def test_application_role_keeps_ordinary_rights(world: World, app_role: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE trust_person SET name = name WHERE id = %s", [world.people["member"].pk])
        cursor.execute("SELECT COUNT(*) FROM audit_auditevent")
        assert cursor.fetchone()[0] == AuditEvent.objects.count()


def test_even_the_owner_cannot_move_the_head_by_hand(world: World) -> None:
    _postgres_only()

    for statement in ("UPDATE audit_audithead SET count = 0", "DELETE FROM audit_audithead"):
        with (
            pytest.raises(DatabaseError, match="moves only when an event is appended"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)


def test_database_refuses_an_event_that_does_not_follow_the_head(world: World) -> None:
    last = AuditEvent.objects.order_by("-id").first()
    assert last is not None

    with pytest.raises(DatabaseError, match="an event must follow its head"), transaction.atomic():
        AuditEvent.objects.create(
            at=last.at, actor_label="x", action="x", prev_hash=last.prev_hash, hash="f" * 64
        )

    assert chain.verify().ok is True


def test_grants_command_prints_the_rights(db: Any) -> None:
    out = io.StringIO()

    call_command("audit", "grants", "--app-role", "pecgov_app", stdout=out)

    sql = out.getvalue()
    assert 'GRANT SELECT, INSERT ON "public"."audit_auditevent", ' in sql
    assert 'GRANT SELECT ON "public"."audit_audithead" TO "pecgov_app";' in sql
    assert all(f'"public"."{table}"' in sql for table in history_tables())
    assert "meetings_historicalagendaitem_affected" in history_tables()


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_all_chain() -> None:
    """Writers appending at once each follow the head in turn (advisory lock on PostgreSQL,
    IMMEDIATE transactions on SQLite): none is refused and the chain holds."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite's in-memory test database shares one cache between threads, where table locks "
            "fail at once instead of waiting: on a SQLite file IMMEDIATE transactions serialise writers"
        )
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(10):
                chain.append(actor=SYSTEM, action="concurrent", summary=f"writer {n} event {i}")
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert AuditEvent.objects.filter(action="concurrent").count() == 40
    assert chain.verify(live_rows=False).ok is True
