from django.apps import AppConfig
from django.core import checks
from django.core.signals import request_started


class DemoConfig(AppConfig):
    name = "pecgov.demo"
    label = "demo"
    verbose_name = "Demo data"

    def ready(self) -> None:
        # Leaving demo mode disables the published sign-ins. The module uses the audit
        # models, so it is imported once the app registry is ready.
        from pecgov.demo import checks as demo_checks

        request_started.connect(demo_checks.on_request_started, dispatch_uid="pecgov.demo.leaving_demo")
        checks.register(demo_checks.check_demo_accounts, checks.Tags.database)
        checks.register(demo_checks.check_deploy, checks.Tags.security, deploy=True)  # ADM-1
