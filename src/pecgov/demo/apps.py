from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "pecgov.demo"
    label = "demo"
    verbose_name = "Demo data"
