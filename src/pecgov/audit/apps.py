"""X-2: the append-only audit ledger, an HMAC chain over events and the history rows they wrote."""

from django.apps import AppConfig
from django.core import checks

from pecgov.audit.checks import ledger_key_check


class AuditConfig(AppConfig):
    name = "pecgov.audit"
    label = "audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        checks.register(ledger_key_check, checks.Tags.security)
        from django.apps import apps

        from pecgov.audit.history import keep_history_managers

        keep_history_managers(list(apps.get_models()))
