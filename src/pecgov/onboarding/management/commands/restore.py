"""`pecgov restore FILE`: load a backup into a new, empty database and verify its ledger (ADM-1)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pecgov.errors import DomainError
from pecgov.onboarding.backup import restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `pecgov backup` into an empty, migrated database; the ledger is verified."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            events = restore(options["file"])
        except DomainError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(f"Restored from {options['file']}; the audit ledger verifies ({events} events).")
