from django.apps import AppConfig


class OnboardingConfig(AppConfig):
    name = "pecgov.onboarding"
    label = "onboarding"
    verbose_name = "Onboarding"

    def ready(self) -> None:
        from pecgov.onboarding import receivers  # the app registry is ready only now

        receivers.connect()
