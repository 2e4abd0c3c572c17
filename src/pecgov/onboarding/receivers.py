"""Signals onboarding answers: a sign-in with a one-time password marks the session (ADM-1)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in

from pecgov.onboarding.middleware import SESSION_FLAG
from pecgov.trust.models import SiteAdministrator


def on_sign_in(sender: Any, request: Any, user: Any, **_: Any) -> None:
    if request is None or not hasattr(request, "session"):
        return
    if SiteAdministrator.objects.filter(user_id=user.pk, password_is_temporary=True).exists():
        request.session[SESSION_FLAG] = True


def connect() -> None:
    user_logged_in.connect(on_sign_in, dispatch_uid="pecgov.onboarding.one_time_password")
