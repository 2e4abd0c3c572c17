"""Accepting an invitation (ADM-4), and a site administrator replacing a one-time password."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.module_loading import import_string

from pecgov.errors import DomainError
from pecgov.onboarding import services
from pecgov.onboarding.forms import PasswordForm
from pecgov.onboarding.middleware import SESSION_FLAG
from pecgov.onboarding.views.common import site_admin_view
from pecgov.ui.viewkit import GET_POST, form_view, posted


def sign_in_backend() -> str:
    """The first configured backend that keeps users in sessions (a ModelBackend)."""
    for path in settings.AUTHENTICATION_BACKENDS:
        if issubclass(import_string(path), ModelBackend):
            return path
    return settings.AUTHENTICATION_BACKENDS[0]


@GET_POST
def accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.invitation_check(token)
    except DomainError as error:
        context = {"title": "This invitation link cannot be used", "message": error.messages[0]}
        return render(request, "onboarding/invitation_invalid.jinja", context, status=410)
    if request.user.is_authenticated:
        signed_in = {"title": "You are already signed in", "invitation": invitation}
        return render(request, "onboarding/invitation_signed_in.jinja", signed_in)
    return form_view(
        request,
        PasswordForm(posted(request)),
        save=lambda d: services.invitation_accept(token=token, password=d["password"]),
        done=lambda _: f"Welcome, {invitation.person.name}. Your account is ready.",
        after=lambda user: login(request, user, backend=sign_in_backend()),
        then=lambda _: reverse("home"),
        title="Set your password",
        submit_text="Set password and sign in",
        cancel="",
        caption=invitation.trust.name,
        intro=f"You are joining as {invitation.person.name}. You will sign in with {invitation.email}.",
    )


@GET_POST
@site_admin_view
def one_time_password(request: HttpRequest) -> HttpResponse:
    """A site administrator replaces the one-time password they were given (ADM-1)."""
    user = request.user
    assert isinstance(user, User)  # site_admin_view: signed in

    def change(d: dict[str, Any]) -> bool:
        services.siteadmin_password_change(user=user, password=d["password"])
        return True

    def keep_signed_in(_: bool) -> None:
        update_session_auth_hash(request, user)
        request.session.pop(SESSION_FLAG, None)

    return form_view(
        request,
        PasswordForm(posted(request)),
        save=change,
        done=lambda _: "Password changed.",
        after=keep_signed_in,
        then=lambda _: reverse("onboarding:trust_list"),
        title="Choose your own password",
        submit_text="Change password",
        cancel="",
        intro="You signed in with a one-time password. Choose your own before you go on.",
    )
