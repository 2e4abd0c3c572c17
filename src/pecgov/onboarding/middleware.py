"""A site administrator who signed in with a one-time password changes it before anything else
(ADM-1). The sign-in marks the session (`receivers.on_sign_in`), so other requests cost nothing."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

SESSION_FLAG = "pecgov_one_time_password"


class OneTimePasswordMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and session.get(SESSION_FLAG):
            allowed = (reverse("onboarding:one_time_password"), reverse("logout"), "/static/")
            if not request.path.startswith(allowed):
                return redirect("onboarding:one_time_password")
        return self.get_response(request)
