from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "pecgov.appointments"
    label = "appointments"
    verbose_name = "Appointments"

    def ready(self) -> None:
        from pecgov.appointments import rules  # noqa: F401  (registers the permissions)
