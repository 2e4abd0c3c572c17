"""The database session store, reading a session in one plain SQL statement (X-1 at national scale).

Every signed-in request loads its session; Django's store builds an ORM query for it, which costs
this server more CPU than serving a kept page does. This store reads the same row with the same
conditions (its key, not expired) as one prepared statement; writing, creating, deleting and
clearing expired sessions are Django's own. The rows, the cookie and the signing are unchanged.

With the page cache on, the same statement reads the accounts version the signed-in user is kept
under (`ui.auth`) and the version of the trust whose pages the session was shown last
(`ui.dataversion.session_read_columns`), so a kept page is served with this one query.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DatabaseStore
from django.db import DEFAULT_DB_ALIAS, connections, router
from django.utils import timezone

from pecgov.ui.dataversion import forget_read_with_session, keep_read_with_session, session_read_columns


class SessionStore(DatabaseStore):
    def __init__(self, session_key: str | None = None) -> None:
        super().__init__(session_key)
        forget_read_with_session()  # a request's store is new: nothing read for another is used

    def _get_session_from_db(self) -> Any:
        if not self.session_key:
            self._session_key = None
            return None
        model = self.model
        connection = connections[router.db_for_read(model)]
        table = connection.ops.quote_name(model._meta.db_table)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        # The versions live in the default database: read with the session only when it is there.
        versions = settings.PAGE_CACHE and connection.alias == DEFAULT_DB_ALIAS
        columns, params, trust_id = session_read_columns(self.session_key) if versions else ("", [], None)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT session_data{', ' if columns else ''}{columns} FROM {table} "
                "WHERE session_key = %s AND expire_date > %s",
                [*params, self.session_key, now],
            )
            row = cursor.fetchone()
        if row is not None and versions:
            keep_read_with_session(trust_id, row[1:], self.session_key)
        if row is None:
            self._session_key = None  # as Django's store: an unknown or expired session is a new one
            return None
        return model(session_key=self.session_key, session_data=row[0])
