"""The test database's schema, migrated once and copied after that (test speed only).

Running every migration costs about 40 CPU seconds (Django renders the historical models again
and again), and each process that sets up a test database paid it: each xdist worker of the
SQLite and PostgreSQL suites, the Redis tests and the browser journeys. Now the first process
runs the migrations for real and keeps what they built; the others copy it:

* SQLite: a file under `var/test-schema/`, named by a digest of every installed app's migration
  files (and the models of apps without migrations), Django's version and the database vendor.
  A changed migration gives a new name, so a stale schema is never used. It is copied into the
  worker's in-memory database with SQLite's online backup (page for page).
* PostgreSQL: a template database on the same server, named by the same digest; each worker's
  test database is created from it (`CREATE DATABASE ... TEMPLATE`).

A file lock makes the first process build it while the others wait. Everything else about the
test database (its name per worker, the cache table, tear-down) is Django's and pytest-django's.
`PECGOV_TEST_SCHEMA_CACHE=0` runs the migrations in every process, as before.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import django
from django.apps import apps
from django.db import connections

CACHE_DIR = Path(__file__).resolve().parent.parent / "var" / "test-schema"


def enabled() -> bool:
    return os.environ.get("PECGOV_TEST_SCHEMA_CACHE", "1") != "0"


def schema_key(vendor: str) -> str:
    """A digest of what decides the migrated schema: change any migration and it changes."""
    digest = hashlib.sha256(f"{django.get_version()}|{vendor}".encode())
    for config in sorted(apps.get_app_configs(), key=lambda c: c.label):
        folder = Path(config.path) / "migrations"
        files = sorted(folder.glob("*.py")) if folder.is_dir() else []
        if not files and config.models_module is not None:
            files = [Path(str(config.models_module.__file__))]
        for path in files:
            digest.update(f"{config.label}/{path.name}".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@contextlib.contextmanager
def _locked(name: str) -> Iterator[None]:
    """One process at a time, across the xdist workers and the phases of `make test`."""
    folder = Path(tempfile.gettempdir())
    with open(folder / f"pecgov-test-schema-{name}.lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _sqlite_migrate(connection: Any, run_migrations: Any) -> None:
    key = schema_key("sqlite")
    kept = CACHE_DIR / f"schema-{key}.sqlite3"
    with _locked(f"sqlite-{key}"):
        connection.ensure_connection()
        if kept.exists():
            source = sqlite3.connect(kept)
            try:
                source.backup(connection.connection)
            finally:
                source.close()
            return
        run_migrations()
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        partial = kept.with_suffix(f".{os.getpid()}.part")
        target = sqlite3.connect(partial)
        try:
            connection.ensure_connection()
            connection.connection.backup(target)
        finally:
            target.close()
        for old in CACHE_DIR.glob("schema-*.sqlite3"):
            old.unlink()  # schemas of earlier migrations
        partial.replace(kept)


def _postgres_migrate(connection: Any, run_migrations: Any) -> None:
    key = schema_key("postgresql")
    template = f"pecgov_test_schema_{key}"
    name = connection.settings_dict["NAME"]
    quote = connection.ops.quote_name
    server = f"{connection.settings_dict.get('HOST')}-{connection.settings_dict.get('PORT')}"
    with _locked(f"pg-{server}-{key}"):
        with connection._nodb_cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
            exists = cursor.fetchone() is not None
        if not exists:
            run_migrations()
            connection.close()
            with connection._nodb_cursor() as cursor:
                cursor.execute(f"CREATE DATABASE {quote(template)} TEMPLATE {quote(name)}")
            return
        connection.close()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE {quote(name)}")
            cursor.execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(template)}")


def migrate_once() -> Callable[[], None]:
    """From now until the returned function is called, the `migrate` that creating a test
    database calls builds the schema once, or copies the one already built."""
    from django.core import management

    original = management.call_command

    def call_command(command_name: Any, *args: Any, **options: Any) -> str:
        connection = connections[options.get("database", "default")]
        if command_name != "migrate" or not enabled() or connection.vendor not in ("sqlite", "postgresql"):
            return original(command_name, *args, **options)

        def run_migrations() -> None:
            original(command_name, *args, **options)

        if connection.vendor == "sqlite":
            _sqlite_migrate(connection, run_migrations)
        else:
            _postgres_migrate(connection, run_migrations)
        return ""

    def undo() -> None:
        management.call_command = original

    management.call_command = call_command
    return undo


def copy_sqlite_schema(destination: Path) -> bool:
    """Copy the kept SQLite schema of the current migrations to a new database file, if the
    test run has built it; False when there is none (the caller migrates as usual)."""
    key = schema_key("sqlite")
    kept = CACHE_DIR / f"schema-{key}.sqlite3"
    if not kept.exists() or destination.exists():
        return False
    with _locked(f"sqlite-{key}"):
        source, target = sqlite3.connect(kept), sqlite3.connect(destination)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
    return True


if __name__ == "__main__":
    # `python -m tests.schema_cache <file>` (make test-fuzz): the fuzz database starts from the
    # schema the test run migrated; `migrate` after it then finds nothing, or only what is new.
    import sys

    django.setup()
    print("schema copied" if copy_sqlite_schema(Path(sys.argv[1])) else "no kept schema: migrating")
