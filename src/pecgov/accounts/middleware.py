"""ADM-5: a user whose role the trust's policy says needs a second factor, and who has none, is
sent to set one up, and can open no other page until they have (sign-out and the set-up pages
excepted). The answer is kept in the session once it is "no need" or "done", so other requests
pay nothing; it is asked again at the next sign-in, or when a second factor is removed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect

from pecgov.accounts.mfa_policy import must_set_up_mfa
from pecgov.trust.roles import roles_of

SESSION_KEY = "pecgov.mfa_checked"
# Pages a user who must set up a second factor may still open.
SET_UP_PAGES = {
    "mfa_activate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "mfa_index",
    "mfa_reauthenticate",
    "account_reauthenticate",
    "logout",
    "account_logout",
    "accessibility",
    "healthz",
    # A site administrator replaces a one-time password first (ADM-1); without this the two
    # "do this first" redirects sent each other round in a loop.
    "onboarding:one_time_password",
}
SET_UP_FIRST = (
    "Your role needs a second factor to sign in. Set up an authenticator app to continue: "
    "it takes about two minutes."
)


class RequireMfaMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> HttpResponse | None:
        user = request.user
        if not getattr(settings, "MFA_ENFORCED", True) or not user.is_authenticated:
            return None
        if request.session.get(SESSION_KEY) == user.pk:
            return None
        if not must_set_up_mfa(user, getattr(request, "roles", None) or roles_of(user)):
            request.session[SESSION_KEY] = user.pk
            return None
        match = request.resolver_match
        if match is not None and match.view_name in SET_UP_PAGES:
            return None
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": SET_UP_FIRST}, status=403)
        messages.warning(request, SET_UP_FIRST)
        return redirect("mfa_activate_totp")


def forget(request: HttpRequest | None) -> None:
    """Ask again on the next request (a second factor was removed)."""
    if request is not None and hasattr(request, "session"):
        request.session.pop(SESSION_KEY, None)
