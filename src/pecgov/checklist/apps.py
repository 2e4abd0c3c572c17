from django.apps import AppConfig


class ChecklistConfig(AppConfig):
    name = "pecgov.checklist"
    label = "checklist"
    verbose_name = "Implementation checklist"
