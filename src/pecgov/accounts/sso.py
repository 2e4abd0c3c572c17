"""The single sign-on buttons on the sign-in page (ADM-5): one per OpenID Connect provider the
settings configure (PECGOV_OIDC_*)."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.socialaccount.adapter import get_adapter
from django.http import HttpRequest
from django.urls import reverse


@dataclass(frozen=True)
class SignOnProvider:
    name: str
    url: str


def sign_on_providers(request: HttpRequest) -> list[SignOnProvider]:
    apps = get_adapter().list_apps(request, provider="openid_connect")
    return [
        SignOnProvider(app.name, reverse("openid_connect_login", kwargs={"provider_id": app.provider_id}))
        for app in apps
    ]
