from django.apps import AppConfig


class EffectivenessConfig(AppConfig):
    name = "pecgov.effectiveness"
    label = "effectiveness"
    verbose_name = "Effectiveness"
