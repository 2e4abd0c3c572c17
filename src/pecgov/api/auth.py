"""API authentication: a bearer token or the signed-in session (PUB-2, X-4)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth

from pecgov.api.tokens import token_user


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_user(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(NinjaSessionAuth):
    """The session, checking CSRF only when there is a signed-in session to forge with.
    (Named as ninja's, so OpenAPI shows one session scheme.)"""

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)


# Writes try the bearer token first. Session authentication checks CSRF on a POST and
# answers 403 when it fails, which would stop a token caller (who has no CSRF cookie)
# before the token was looked at. A browser never sends a bearer token by itself, so a
# token request needs no CSRF check; a signed-in session still gets one. A bad token with
# no session is 401, as on the reads.
WRITE_AUTH = [TokenAuth(), SessionAuth()]
