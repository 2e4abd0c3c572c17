from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "pecgov.home"
    label = "home"
    verbose_name = "Home and dashboards"
