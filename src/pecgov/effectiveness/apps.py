from django.apps import AppConfig


class EffectivenessConfig(AppConfig):
    name = "pecgov.effectiveness"
    label = "effectiveness"
    verbose_name = "Effectiveness"

    def ready(self) -> None:
        from pecgov.effectiveness import rules  # noqa: F401  (registers the permissions)
