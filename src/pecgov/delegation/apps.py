from django.apps import AppConfig


class DelegationConfig(AppConfig):
    name = "pecgov.delegation"
    label = "delegation"
    verbose_name = "Functions and the scheme of delegation"
