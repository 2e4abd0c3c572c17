"""Each request carries the signed-in user's roles (X-1), read once and only when asked for, so
the web toolkit (pecgov.ui) can scope a page to the user's trust without importing this app."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from pecgov.trust.roles import roles_of


class RolesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.roles = SimpleLazyObject(lambda: roles_of(request.user))  # type: ignore[attr-defined]
        return self.get_response(request)
