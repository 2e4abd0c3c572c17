from django.apps import AppConfig
from django.db.models.signals import pre_save

from pecgov.ui.safety.guards import refuse_bad_text


class SafetyConfig(AppConfig):
    name = "pecgov.ui.safety"
    label = "safety"
    verbose_name = "Data safety"

    def ready(self) -> None:
        # The text guard on every model save: the same limits on SQLite and PostgreSQL.
        pre_save.connect(refuse_bad_text, dispatch_uid="pecgov.safety.refuse_bad_text")
