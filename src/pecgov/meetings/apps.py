from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "pecgov.meetings"
    label = "meetings"
    verbose_name = "Meetings and decisions"
