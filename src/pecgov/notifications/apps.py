from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "pecgov.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from pecgov.notifications import events  # the app registry is ready only now

        events.connect()
