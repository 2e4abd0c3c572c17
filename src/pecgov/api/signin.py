"""Sign-ins, sign-outs and failed sign-ins in the ledger (X-2, ADM-5; ASVS 16.3).

Django announces each through django.contrib.auth's signals; each becomes one audit event
naming the account and the client address. The password is never recorded. (These sit with
the API tokens as the app about access to the service; no domain app needs them.)
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest

from pecgov.actors import SystemActor
from pecgov.audit import chain
from pecgov.ui.addresses import client_address

SIGN_IN = SystemActor(name="sign-in")


def _address(request: HttpRequest | None) -> str:
    return client_address(request) if request is not None else ""


def signed_in(sender: Any, request: HttpRequest | None, user: Any, **_: Any) -> None:
    chain.append(
        actor=user,
        action="auth.sign_in",
        summary=f"{user.get_username()} signed in",
        data={"address": _address(request)},
    )


def signed_out(sender: Any, request: HttpRequest | None, user: Any, **_: Any) -> None:
    if user is None:  # signing out without a session: nothing happened
        return
    chain.append(
        actor=user,
        action="auth.sign_out",
        summary=f"{user.get_username()} signed out",
        data={"address": _address(request)},
    )


def sign_in_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **_: Any
) -> None:
    # `credentials` holds the password: only the username (or email address) is kept.
    username = str(credentials.get("username") or credentials.get("email") or "")[:150]
    chain.append(
        actor=SIGN_IN,
        action="auth.sign_in_failed",
        summary=f"Failed sign-in as '{username}'",
        data={"username": username, "address": _address(request)},
    )


def connect() -> None:
    user_logged_in.connect(signed_in, dispatch_uid="pecgov.api.signin.signed_in")
    user_logged_out.connect(signed_out, dispatch_uid="pecgov.api.signin.signed_out")
    user_login_failed.connect(sign_in_failed, dispatch_uid="pecgov.api.signin.sign_in_failed")
