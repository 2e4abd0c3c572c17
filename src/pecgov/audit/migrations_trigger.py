"""The database guards of the audit ledger (X-2): append-only events, and a head the database keeps."""

from __future__ import annotations

from typing import Any

FORWARD = """
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'the audit ledger is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_auditevent
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
"""
BACKWARD = """
DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_event_append_only();
"""


def forward(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


# The head is the database's to keep: inserting an event checks that it follows the head
# and moves the head on, in one trigger. On PostgreSQL the trigger function runs as its owner
# (SECURITY DEFINER), the role that ran the migrations, so an application role granted only
# SELECT on the head and INSERT and SELECT on the events can append and nothing more
# (`pecgov audit grants`). A direct UPDATE or DELETE of the head is refused: only the trigger,
# one level down (pg_trigger_depth() = 2), may update it.
PG_CHAIN_FORWARD = """
CREATE OR REPLACE FUNCTION audit_event_chain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
DECLARE
  head_hash varchar(64);
BEGIN
  SELECT last_hash INTO head_hash FROM audit_audithead WHERE id = 1 FOR UPDATE;
  IF NOT FOUND THEN
    head_hash := repeat('0', 64);
    INSERT INTO audit_audithead (id, last_hash, count) VALUES (1, head_hash, 0);
  END IF;
  IF NEW.prev_hash IS DISTINCT FROM head_hash THEN
    RAISE EXCEPTION 'the audit ledger is a chain: an event must follow its head';
  END IF;
  UPDATE audit_audithead SET last_hash = NEW.hash, count = count + 1 WHERE id = 1;
  RETURN NEW;
END;
$$;
REVOKE ALL ON FUNCTION audit_event_chain() FROM PUBLIC;
DROP TRIGGER IF EXISTS audit_event_chain ON audit_auditevent;
CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_auditevent
  FOR EACH ROW EXECUTE FUNCTION audit_event_chain();

CREATE OR REPLACE FUNCTION audit_head_guard() RETURNS trigger AS $$
BEGIN
  IF pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'the audit ledger head moves only when an event is appended: % refused', TG_OP;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_head_guard ON audit_audithead;
CREATE TRIGGER audit_head_guard BEFORE UPDATE OR DELETE ON audit_audithead
  FOR EACH ROW EXECUTE FUNCTION audit_head_guard();
"""
PG_CHAIN_BACKWARD = """
DROP TRIGGER IF EXISTS audit_head_guard ON audit_audithead;
DROP FUNCTION IF EXISTS audit_head_guard();
DROP TRIGGER IF EXISTS audit_event_chain ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_event_chain();
"""
SQLITE_CHAIN_FORWARD = [
    "DROP TRIGGER IF EXISTS audit_event_chain",
    f"""
CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_auditevent
BEGIN
  INSERT OR IGNORE INTO audit_audithead (id, last_hash, count) VALUES (1, '{"0" * 64}', 0);
  SELECT RAISE(ABORT, 'the audit ledger is a chain: an event must follow its head')
    WHERE NEW.prev_hash IS NOT (SELECT last_hash FROM audit_audithead WHERE id = 1);
  UPDATE audit_audithead SET last_hash = NEW.hash, count = count + 1 WHERE id = 1;
END
""",
]
SQLITE_CHAIN_BACKWARD = ["DROP TRIGGER IF EXISTS audit_event_chain"]


def _settle_head(schema_editor: Any) -> None:
    """Make the head match the events already there, so the first trigger check holds."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM audit_auditevent")
        count = cursor.fetchone()[0]
        cursor.execute("SELECT hash FROM audit_auditevent ORDER BY id DESC LIMIT 1")
        last = cursor.fetchone()
        cursor.execute("DELETE FROM audit_audithead")
        cursor.execute(
            "INSERT INTO audit_audithead (id, last_hash, count) VALUES (1, %s, %s)",
            [last[0] if last else "0" * 64, count],
        )


def chain_forward(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    _settle_head(schema_editor)
    if vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT current_schema()")
            schema = cursor.fetchone()[0]
        quoted = schema_editor.connection.ops.quote_name(schema)
        schema_editor.execute(PG_CHAIN_FORWARD.replace("{schema}", quoted), params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_CHAIN_FORWARD:
            schema_editor.execute(statement, params=None)


def chain_backward(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_CHAIN_BACKWARD, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_CHAIN_BACKWARD:
            schema_editor.execute(statement, params=None)
