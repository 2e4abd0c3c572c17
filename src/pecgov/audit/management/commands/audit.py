"""`pecgov audit verify`: walk the hash chain and name the first broken event (X-2)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pecgov.audit.chain import verify


class Command(BaseCommand):
    help = "Audit trail tools. 'verify' checks the hash chain and every history row it names."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        result = verify()
        if not result.ok:
            where = (
                f" (first broken event: #{result.first_broken_event})" if result.first_broken_event else ""
            )
            raise CommandError(
                f"Audit chain broken{where}: {result.problem}. "
                f"{result.events_checked} events checked before it."
            )
        self.stdout.write(
            f"Audit chain intact: {result.events_checked} events and "
            f"{result.history_rows_checked} history rows verified."
        )
