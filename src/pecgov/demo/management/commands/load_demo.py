"""`pecgov load_demo`: create the demo trust and sign-ins (demo mode only; idempotent)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from pecgov.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from pecgov.demo.trust import TRUST_NAME, load_demo


class Command(BaseCommand):
    help = "Load the demo trust (Avonmere PCT) and its sign-ins. Loading twice changes nothing."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError("Demo data is only loaded in demo mode (PECGOV_DEMO=1).")
        created = load_demo()
        self.stdout.write(
            f"Demo trust {TRUST_NAME}: {'loaded' if created else 'already there, nothing changed'}."
        )
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.username:<13} {account.role}")
