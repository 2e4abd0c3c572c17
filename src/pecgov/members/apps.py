from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "pecgov.members"
    label = "members"
    verbose_name = "A member's year"

    def ready(self) -> None:
        from pecgov.members import receivers  # the app registry is ready only now

        receivers.connect()
