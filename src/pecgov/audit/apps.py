from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "pecgov.audit"
    label = "audit"
    verbose_name = "Audit trail"
