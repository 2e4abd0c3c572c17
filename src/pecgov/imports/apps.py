from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "pecgov.imports"
    label = "imports"
    verbose_name = "Bringing in registers"
