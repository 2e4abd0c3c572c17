"""allauth's adapters: how this service sends sign-in emails, counts failed sign-ins and links
single sign-on to accounts (ADM-5, NOT-2, ASVS 6.3)."""

from __future__ import annotations

import time
import uuid
from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialLogin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import render

from pecgov.accounts import events
from pecgov.accounts.linking import NOT_INVITED, account_for_sign_on
from pecgov.notifications.services import email_queue
from pecgov.ui.addresses import client_address

MESSAGES = {
    "username_password_mismatch": "The username or password is not correct. Check them and try again.",
    "email_password_mismatch": "The email address or password is not correct. Check them and try again.",
    "too_many_login_attempts": (
        "You have tried to sign in too many times. Wait an hour and try again, or reset your password."
    ),
    "account_inactive": "Your account is suspended. Ask your governance lead to reactivate it.",
    "incorrect_code": "The code is not correct. Enter the 6-digit code your authenticator app shows now.",
    "invalid_password_reset": "This password reset link has expired or has already been used.",
    "rate_limited": "You have sent too many requests. Wait a minute and try again.",
}


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]  # allauth ships no type hints
    error_messages = {**DefaultAccountAdapter.error_messages, **MESSAGES}

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Staff are invited (pecgov.onboarding); applicants register at applicants:register.
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """allauth's message, rendered as allauth renders it, put in the outbox (NOT-2): a
        request never sends email itself. Each message gets its own key."""
        message = self.render_mail(template_prefix, email, {"email": email, **context})
        html = next((body for body, kind in getattr(message, "alternatives", []) if kind == "text/html"), "")
        user = context.get("user")
        email_queue(
            key=f"auth:{template_prefix.rsplit('/', 1)[-1]}:{uuid.uuid4().hex}",
            to_email=email,
            subject=str(message.subject),
            text=str(message.body),
            html=str(html),
            user=user if getattr(user, "pk", None) else None,
            kind="account",
        )

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        # ASVS 6.3: failures count per account *and* address, so nobody can lock a colleague
        # out from elsewhere, and one office's proxy does not lock out everyone behind it.
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}:{client_address(request)}"

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        # Setting up a second factor straight after signing in (as enforcement asks, ADM-5)
        # needs no second password prompt; later changes to how one signs in do.
        if app == "allauth.mfa" and self.request is not None and signed_in_recently(self.request):
            return False
        return bool(super().is_reauthentication_required(app=app, **kwargs))

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            events.locked_out(request, credentials)
            raise


def signed_in_recently(request: HttpRequest) -> bool:
    records = request.session.get("account_authentication_methods") or []
    if not records:
        return False
    timeout = float(account_settings.REAUTHENTICATION_TIMEOUT)
    return time.time() - float(records[-1].get("at", 0)) < timeout


class MfaAdapter(DefaultMFAAdapter):  # type: ignore[misc]  # allauth ships no type hints
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": MESSAGES["incorrect_code"],
        "unverified_email": "Confirm your email address first: use the link we emailed you.",
    }


class SingleSignOnAdapter(DefaultSocialAccountAdapter):  # type: ignore[misc]  # allauth ships no type hints
    """Single sign-on signs in people the trust already knows: a first sign-on links to the
    account with the same verified email address; anyone else is refused (ADM-4, ADM-5)."""

    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        return False

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        if sociallogin.is_existing:
            return
        user, problem = account_for_sign_on(sociallogin)
        if user is None:
            events.sign_on_refused(request, sociallogin, problem)
            response = render(
                request,
                "accounts/sign_on_refused.jinja",
                {"title": "You cannot sign in with single sign-on yet", "problem": problem or NOT_INVITED},
                status=403,
            )
            raise ImmediateHttpResponse(response)
        sociallogin.connect(request, user)
        events.sign_on_linked(request, user, sociallogin)
