from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "pecgov.public"
    label = "public"
    verbose_name = "Public site"
