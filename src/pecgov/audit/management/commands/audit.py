"""`pecgov audit verify | checkpoint | grants`: check the ledger, anchor it outside the
database, and print the rights of an application role that cannot rewrite it (X-2).

`verify` exits 0 when everything holds and 1 (naming each problem) when not.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pecgov.audit import checkpoints
from pecgov.audit.grants import grants_sql
from pecgov.audit.verification import UNANCHORED, VerifyResult, verify


def _broken(result: VerifyResult) -> str:
    where = f" (first broken event: #{result.first_broken_event})" if result.first_broken_event else ""
    lines = [f"Audit chain broken{where}: {result.problem}."]
    lines += [f"- {problem}" for problem in result.problems[1:]]
    lines.append(_counts(result))
    return "\n".join(lines)


def _counts(result: VerifyResult) -> str:
    return (
        f"{result.events_checked} events, {result.history_rows_checked} history rows, "
        f"{result.live_rows_checked} live rows and {result.checkpoints_checked} checkpoints checked."
    )


class Command(BaseCommand):
    help = (
        "Audit trail tools. 'verify' checks the chain, the history rows it names, the live rows "
        "and the checkpoints; 'checkpoint' appends a signed checkpoint of the head to a file "
        "outside the database; 'grants' prints the SQL that gives an application role only "
        "SELECT and INSERT on the record (PostgreSQL)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify", "checkpoint", "grants"])
        parser.add_argument(
            "--to", help="checkpoint: the file to append to (default PECGOV_LEDGER_CHECKPOINTS)"
        )
        parser.add_argument("--app-role", help="grants: the role the application connects as")
        parser.add_argument("--schema", default="public", help="grants: the schema of the tables")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "grants":
            self._grants(options)
        elif action == "checkpoint":
            self._checkpoint(options)
        else:
            self._verify()

    def _verify(self) -> None:
        result = verify()
        if not result.ok:
            raise CommandError(_broken(result))
        self.stdout.write(
            f"Audit chain intact: {result.events_checked} events and "
            f"{result.history_rows_checked} history rows verified; {result.live_rows_checked} live "
            f"rows match their history; {result.checkpoints_checked} checkpoints hold."
        )
        for note in result.notes:
            self.stdout.write(note)

    def _checkpoint(self, options: dict[str, Any]) -> None:
        path = Path(options["to"]) if options.get("to") else checkpoints.checkpoint_path()
        if path is None:
            raise CommandError("Name the checkpoint file: --to FILE, or set PECGOV_LEDGER_CHECKPOINTS.")
        if not path.parent.is_dir():
            raise CommandError(f"The folder {path.parent} does not exist.")
        result = verify()
        # A checkpoint signs the ledger as it stands: never sign one that does not hold. The one
        # exception is what a first checkpoint exists to settle, events made before the keys.
        if not result.ok and result.kinds != {UNANCHORED}:
            raise CommandError("No checkpoint written. " + _broken(result))
        record = checkpoints.write(
            path, event_id=result.last_event_id, hash_=result.last_hash, count=result.events_checked
        )
        last = f"event {record['event_id']}" if record["event_id"] is not None else "no events yet"
        self.stdout.write(
            f"Checkpoint written to {path}: {record['count']} events, up to {last} "
            f"(hash {record['hash'][:12]}), signed with ledger key '{record['key_id']}'."
        )

    def _grants(self, options: dict[str, Any]) -> None:
        role = options.get("app_role")
        if not role:
            raise CommandError("Name the application's role: --app-role NAME.")
        self.stdout.write(grants_sql(role, options["schema"]))
