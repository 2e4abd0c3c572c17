"""Logging filters: an ordinary refusal is a one-line warning, not a traceback (ASVS 16.4)."""

from __future__ import annotations

import logging


class OneLineForbidden(logging.Filter):
    """Drop the traceback Django attaches to a 403 (PermissionDenied, a service's NotPermitted):
    it is an expected answer, and a traceback per refusal buries the log lines that matter."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
