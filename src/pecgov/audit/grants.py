"""The SQL a DBA runs to give the application a role that cannot rewrite the record (X-2).

Deployment on PostgreSQL with two roles: the owner role owns every table and runs
`pecgov migrate`; the application connects as a role that has ordinary rights on the ordinary
tables but only SELECT and INSERT on the audit events and on every history table, and only
SELECT on the chain's head (the database moves the head, in a trigger that runs as the owner).
Such a role cannot UPDATE, DELETE or TRUNCATE the ledger, the history or the head, nor disable
or drop a trigger (only an owner may alter a table). Run it again after every migrate: a new
table needs its rights.
"""

from __future__ import annotations

from django.apps import apps
from django.db import connection, models

from pecgov.audit.liverows import history_tracked
from pecgov.audit.models import AuditEvent, AuditHead


def history_tables() -> list[str]:
    """Every simple-history table, the m2m history included."""
    tables: list[str] = []
    for _, history in history_tracked():
        tables.append(history._meta.db_table)
        for field in getattr(history, "_history_m2m_fields", []):
            try:
                m2m: type[models.Model] = apps.get_model(
                    history._meta.app_label, f"{history.__name__}_{field.name}"
                )
            except LookupError:
                continue
            tables.append(m2m._meta.db_table)
    return sorted(set(tables))


def grants_sql(app_role: str, schema: str = "public") -> str:
    quote = connection.ops.quote_name
    role, space = quote(app_role), quote(schema)
    record = [AuditEvent._meta.db_table, *history_tables()]
    head = AuditHead._meta.db_table

    def listed(tables: list[str]) -> str:
        return ", ".join(f"{space}.{quote(table)}" for table in tables)

    return "\n".join(
        [
            f"-- PEC Governance: rights of the application role {role} (X-2).",
            "-- Run as the owner role (the one that runs `pecgov migrate`), after every migrate.",
            f"GRANT USAGE ON SCHEMA {space} TO {role};",
            f"REVOKE CREATE ON SCHEMA {space} FROM {role};",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {space} TO {role};",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {space} TO {role};",
            "-- The record: read and append only.",
            f"REVOKE ALL ON {listed(record)} FROM {role};",
            f"GRANT SELECT, INSERT ON {listed(record)} TO {role};",
            "-- The chain's head: read only; the trigger that appends moves it, as the owner.",
            f"REVOKE ALL ON {listed([head])} FROM {role};",
            f"GRANT SELECT ON {listed([head])} TO {role};",
            "-- Migrations are the owner's.",
            f"REVOKE ALL ON {listed(['django_migrations'])} FROM {role};",
            f"GRANT SELECT ON {listed(['django_migrations'])} TO {role};",
            "",
        ]
    )
