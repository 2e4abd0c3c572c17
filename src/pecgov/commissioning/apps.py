from django.apps import AppConfig


class CommissioningConfig(AppConfig):
    name = "pecgov.commissioning"
    label = "commissioning"
    verbose_name = "Practice-based commissioning"
