from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "pecgov.engagement"
    label = "engagement"
    verbose_name = "SHA engagement"
