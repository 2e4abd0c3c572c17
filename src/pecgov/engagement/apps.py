from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "pecgov.engagement"
    label = "engagement"
    verbose_name = "SHA engagement"

    def ready(self) -> None:
        from pecgov.engagement import receivers  # the app registry is ready only now

        receivers.connect()
