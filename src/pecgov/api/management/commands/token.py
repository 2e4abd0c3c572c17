"""`pecgov token create USERNAME NAME`: issue an API token (printed once)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from pecgov.actors import SYSTEM
from pecgov.api.tokens import token_create
from pecgov.errors import DomainError


class Command(BaseCommand):
    help = "Create an API token for a user; the token is printed once and stored only as a hash."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["create"])
        parser.add_argument("username")
        parser.add_argument("name")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user called {options['username']!r}")
        try:
            _, key = token_create(actor=SYSTEM, user=user, name=options["name"])
        except DomainError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(key)
