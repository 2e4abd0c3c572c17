"""`pecgov load_demo`: create the demo trust and sign-ins (demo mode only; idempotent)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from pecgov.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from pecgov.demo.empty import ADMIN_EMAIL, load_empty
from pecgov.demo.trust import TRUST_NAME, load_demo
from pecgov.errors import DomainError
from pecgov.search.indexing import rebuilt_after


class Command(BaseCommand):
    help = "Load the demo trust (Avonmere PCT) and its sign-ins. Loading twice changes nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--empty", action="store_true", help="No trust: only a site administrator (ADM-1)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError("Demo data is only loaded in demo mode (PECGOV_DEMO=1).")
        if options["empty"]:
            self._empty()
            return
        created = rebuilt_after(load_demo)  # PUB-1: the search index, rebuilt once
        self.stdout.write(
            f"Demo trust {TRUST_NAME}: {'loaded' if created else 'already there, nothing changed'}."
        )
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.username:<13} {account.role}")

    def _empty(self) -> None:
        try:
            password = load_empty()
        except DomainError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"EMPTY demo: no trust yet. Site administrator: {ADMIN_EMAIL}")
        if password is None:
            self.stdout.write("  It has its own password already (chosen at its first sign-in).")
        else:
            self.stdout.write(f"  One-time password: {password}  (you choose your own at the first sign-in)")
