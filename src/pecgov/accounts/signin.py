"""Signing a person in from code (ADM-4): an invitee who has just set their password, or an
applicant who has just registered, is signed in as the password form would sign them in."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import login
from django.http import HttpRequest

BACKEND = "pecgov.accounts.backends.SignInBackend"


def sign_in_new_account(request: HttpRequest, user: Any) -> None:
    """Sign `user` in on this request; the sign-in is in the ledger (pecgov.api.signin) and the
    second-factor rule (pecgov.accounts.middleware) applies from the next page."""
    login(request, user, backend=BACKEND)
