"""PUB-2: the HTTP API (django-ninja, OpenAPI 3); each domain contributes its own router."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "pecgov.api"
    label = "api"
    verbose_name = "API"

    def ready(self) -> None:
        # Access to the service in the ledger: sign-ins, sign-outs, failed sign-ins.
        from pecgov.api import signin  # audit's models load with the apps: import once ready

        signin.connect()
