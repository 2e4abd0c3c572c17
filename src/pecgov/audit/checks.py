"""Start-up check: outside demo and testing mode the ledger needs a key (X-2)."""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from pecgov.audit.keys import ledger_keys


def ledger_key_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    try:
        keys = ledger_keys()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="audit.E002")]
    if not keys:
        return [
            checks.Error(
                "No ledger key is set: audit events could be forged by anyone who can write to the database.",
                hint="Set PECGOV_LEDGER_KEYS=id:secret (or PECGOV_LEDGER_KEYS_FILE); see the "
                "production guide.",
                id="audit.E001",
            )
        ]
    return []
