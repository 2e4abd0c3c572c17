from django.apps import AppConfig


class CommissioningConfig(AppConfig):
    name = "pecgov.commissioning"
    label = "commissioning"
    verbose_name = "Practice-based commissioning"

    def ready(self) -> None:
        from pecgov.commissioning import receivers  # the app registry is ready only now

        receivers.connect()
