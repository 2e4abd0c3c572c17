"""X-2: the append-only audit ledger, an HMAC chain over events and the history rows they wrote."""

from django.apps import AppConfig, apps
from django.core import checks

from pecgov.audit.checks import ledger_key_check
from pecgov.audit.history import keep_history_managers


class AuditConfig(AppConfig):
    name = "pecgov.audit"
    label = "audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        checks.register(ledger_key_check, checks.Tags.security)
        keep_history_managers(list(apps.get_models()))
