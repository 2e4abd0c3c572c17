from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "pecgov.surveys"
    label = "surveys"
    verbose_name = "Surveys"
