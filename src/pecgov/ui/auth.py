"""The password backend, with each signed-in user kept for the accounts version (the page cache).

Every signed-in request reads its user; with the page cache on, the user row and its roles are
read once per accounts version in each server process and each request gets its own copy. Any
change to a user, a group, a grant, a person, a seat or a committee (a password, a deactivation,
a role ended) is a committed write that moves the accounts version (`ui.dataversion`), so the
next request reads them again; so does any write shared by all trusts. A declaration, an
attendance or a case stage anywhere moves neither, so it does not make every signed-in user be
read again (X-1 to X-4 at national scale). A sign-in's last-login time moves nothing. A change
made outside the application is read within 5 minutes.
"""

from __future__ import annotations

import copy
from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.db.models.base import ModelState

from pecgov.ui.dataversion import accounts_version
from pecgov.ui.pagecache import USERS as _USERS


class KeptUserBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        if not settings.PAGE_CACHE:
            return super().get_user(user_id)
        version = accounts_version()
        kept = _USERS.get(version, user_id)
        if kept is None:
            kept = super().get_user(user_id)
            if kept is None:
                return None
            kept._pecgov_memo = {}  # type: ignore[attr-defined]  # shared by its copies: roles are kept there (trust.roles)
            # Its model permissions too (two queries once per version, not on every page that
            # asks a permission no rule grants): the copies share the cached sets, read only.
            self.get_all_permissions(kept)
            _USERS.put(version, user_id, kept)
        return fresh_copy(kept)


def fresh_copy(user: Any) -> Any:
    """The same row as a new instance: nothing one request caches on it reaches another."""
    clone = copy.copy(user)
    clone._state = ModelState()
    clone._state.db = user._state.db
    clone._state.adding = False
    return clone
