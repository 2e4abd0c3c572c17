from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "pecgov.accounts"
    label = "accounts"
    verbose_name = "Sign-in and security"

    def ready(self) -> None:
        # ADM-5, X-2: password resets, second factors and single sign-on links in the ledger.
        from pecgov.accounts import events

        events.connect()
