from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "pecgov.policy"
    label = "policy"
    verbose_name = "Policy and compliance"

    def ready(self) -> None:
        # A malformed pack stops start-up here, naming the file, key and problem.
        from pecgov.policy import receivers
        from pecgov.policy.packs import load_packs

        load_packs()
        receivers.connect()
