"""`pecgov siteadmin create EMAIL`: a site administrator with a one-time password, printed once
and changed at the first sign-in (ADM-1)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pecgov.actors import SystemActor
from pecgov.errors import DomainError
from pecgov.onboarding import services

OPERATOR = SystemActor(name="operator (pecgov siteadmin)")


class Command(BaseCommand):
    help = "Create a site administrator: prints a one-time password they must change at first sign-in."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["create"])
        parser.add_argument("email")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user, password = services.siteadmin_create(actor=OPERATOR, email=options["email"])
        except DomainError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(f"Site administrator {user.get_username()} created.")
        self.stdout.write(f"One-time password (shown once; changed at first sign-in): {password}")
