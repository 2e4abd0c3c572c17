"""`pecgov backup FILE`: every table, history and the audit ledger, to a JSON file (ADM-1)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from pecgov.onboarding.backup import backup


class Command(BaseCommand):
    help = "Write a portable backup (JSON) of every table, history and the audit ledger to FILE."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        backup(options["file"])
        size = options["file"].stat().st_size
        self.stdout.write(
            f"Backup written to {options['file']} ({size:,} bytes). Keep the ledger keys apart from it."
        )
