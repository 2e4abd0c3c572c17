from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "pecgov.api"
    label = "api"
    verbose_name = "API"
