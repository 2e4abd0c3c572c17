from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "pecgov.ui"
    label = "ui"
    verbose_name = "User interface"

    def ready(self) -> None:
        from pecgov.ui import dataversion

        dataversion.connect()
