from django.apps import AppConfig


class TrustConfig(AppConfig):
    name = "pecgov.trust"
    label = "trust"
    verbose_name = "Trust, people and committees"
