"""Sign-in events in the ledger (ADM-5, X-2; ASVS 16.3): lock-outs, password resets, second
factors added, removed or renewed, recovery codes used, single sign-on links and refusals.

Sign-ins, sign-outs and failed sign-ins are recorded by pecgov.api.signin from Django's own
signals. No event records a password, a code or a secret.
"""

from __future__ import annotations

from typing import Any

from allauth.account.signals import password_reset
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import (
    authenticator_added,
    authenticator_removed,
    authenticator_reset,
    authenticator_used,
)
from allauth.socialaccount.models import SocialLogin
from django.http import HttpRequest

from pecgov.accounts import middleware
from pecgov.actors import SystemActor
from pecgov.audit import chain
from pecgov.ui.addresses import client_address

SIGN_IN = SystemActor(name="sign-in")
KINDS = {Authenticator.Type.TOTP: "authenticator app", Authenticator.Type.RECOVERY_CODES: "recovery codes"}


def _address(request: HttpRequest | None) -> str:
    return client_address(request) if request is not None else ""


def locked_out(request: HttpRequest, credentials: dict[str, Any]) -> None:
    login = str(credentials.get("username") or credentials.get("email") or "")[:150]
    chain.append(
        actor=SIGN_IN,
        action="auth.locked_out",
        summary=f"Sign-in as '{login}' refused: too many failed attempts",
        data={"username": login, "address": _address(request)},
    )


def sign_on_linked(request: HttpRequest, user: Any, sociallogin: SocialLogin) -> None:
    chain.append(
        actor=user,
        action="auth.sso_linked",
        summary=f"{user.get_username()} linked to single sign-on ({sociallogin.account.provider})",
        data={"provider": sociallogin.account.provider, "address": _address(request)},
    )


def sign_on_refused(request: HttpRequest, sociallogin: SocialLogin, problem: str) -> None:
    emails = sorted({a.email for a in sociallogin.email_addresses})
    chain.append(
        actor=SIGN_IN,
        action="auth.sso_refused",
        summary=f"Single sign-on refused for {', '.join(emails) or 'an unnamed person'}",
        data={"provider": sociallogin.account.provider, "emails": emails, "address": _address(request)},
    )


def _password_reset(sender: Any, request: HttpRequest, user: Any, **_: Any) -> None:
    chain.append(
        actor=user,
        action="auth.password_reset",
        summary=f"{user.get_username()} reset their password by email",
        data={"address": _address(request)},
    )


def _factor(action: str, verb: str) -> Any:
    def receive(sender: Any, request: HttpRequest, user: Any, authenticator: Authenticator, **_: Any) -> None:
        kind = KINDS.get(authenticator.type, str(authenticator.type))
        chain.append(
            actor=user,
            action=action,
            summary=f"{user.get_username()} {verb} {kind}",
            data={"kind": str(authenticator.type), "address": _address(request)},
        )

    return receive


def _factor_used(
    sender: Any, request: HttpRequest, user: Any, authenticator: Authenticator, **_: Any
) -> None:
    # Each TOTP use is part of a sign-in already in the ledger; a recovery code is worth its own
    # line: the person may have lost their authenticator.
    if authenticator.type != Authenticator.Type.RECOVERY_CODES:
        return
    unused = len(authenticator.wrap().get_unused_codes())
    chain.append(
        actor=user,
        action="auth.recovery_code_used",
        summary=f"{user.get_username()} signed in with a recovery code ({unused} left)",
        data={"unused": unused, "address": _address(request)},
    )


_added = _factor("auth.mfa_enabled", "added")
_removed_event = _factor("auth.mfa_disabled", "removed")


def _removed(sender: Any, request: HttpRequest, **kwargs: Any) -> None:
    _removed_event(sender, request, **kwargs)
    middleware.forget(request)  # enforcement asks again at once (ADM-5)


_reset = _factor("auth.mfa_renewed", "renewed")


def connect() -> None:
    password_reset.connect(_password_reset, dispatch_uid="pecgov.accounts.password_reset")
    authenticator_added.connect(_added, dispatch_uid="pecgov.accounts.mfa_added")
    authenticator_removed.connect(_removed, dispatch_uid="pecgov.accounts.mfa_removed")
    authenticator_reset.connect(_reset, dispatch_uid="pecgov.accounts.mfa_reset")
    authenticator_used.connect(_factor_used, dispatch_uid="pecgov.accounts.mfa_used")
