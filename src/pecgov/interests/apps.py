from django.apps import AppConfig


class InterestsConfig(AppConfig):
    name = "pecgov.interests"
    label = "interests"
    verbose_name = "Interests and conflicts"
