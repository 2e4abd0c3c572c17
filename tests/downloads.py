"""Closing a download in a test as a server would (tests that fetch files)."""

from __future__ import annotations

from typing import Any

from django.core.signals import request_finished
from django.db import close_old_connections


def close_download(response: Any) -> None:
    """Close a download's open file without the request_finished signal closing the test's
    database connection (Django's test client does the same around a request). On PostgreSQL
    the closed connection would fail the test's next query."""
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
