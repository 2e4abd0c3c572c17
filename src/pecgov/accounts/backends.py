"""The password backend: allauth's sign-in by username or email address, and each signed-in user
kept for the data version as pecgov.ui.auth does (the page cache)."""

from __future__ import annotations

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend

from pecgov.ui.auth import KeptUserBackend


class SignInBackend(AuthenticationBackend):  # type: ignore[misc]  # allauth ships no type hints
    """Checks passwords as allauth does; hands requests their user as KeptUserBackend does."""

    _kept = KeptUserBackend()

    def get_user(self, user_id: Any) -> Any:
        return self._kept.get_user(user_id)
