from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "pecgov.surveys"
    label = "surveys"
    verbose_name = "Surveys"

    def ready(self) -> None:
        from pecgov.surveys import receivers, rules  # noqa: F401  (registers permissions and the daily job)

        receivers.connect()
