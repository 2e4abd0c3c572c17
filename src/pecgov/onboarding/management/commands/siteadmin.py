"""`pecgov siteadmin create EMAIL` (or `reset EMAIL`): a site administrator with a one-time password, printed once
and changed at the first sign-in (ADM-1)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from pecgov.actors import SystemActor
from pecgov.errors import DomainError
from pecgov.onboarding import services

OPERATOR = SystemActor(name="operator (pecgov siteadmin)")


class Command(BaseCommand):
    help = "Create a site administrator: prints a one-time password they must change at first sign-in."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["create", "reset"], help="reset: a new one-time password")
        parser.add_argument("email")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "reset":
                user = get_user_model().objects.filter(username__iexact=options["email"].strip()).first()
                if user is None:
                    raise CommandError(f"No account is {options['email']}.")
                password = services.siteadmin_issue_password(actor=OPERATOR, user=user)
                self.stdout.write(f"New one-time password for {user.get_username()}.")
            else:
                user, password = services.siteadmin_create(actor=OPERATOR, email=options["email"])
                self.stdout.write(f"Site administrator {user.get_username()} created.")
        except DomainError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(f"One-time password (shown once; changed at first sign-in): {password}")
