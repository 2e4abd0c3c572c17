from django.apps import AppConfig


class DelegationConfig(AppConfig):
    name = "pecgov.delegation"
    label = "delegation"
    verbose_name = "Functions and the scheme of delegation"

    def ready(self) -> None:
        from pecgov.delegation import receivers  # the app registry is ready only now

        receivers.connect()
