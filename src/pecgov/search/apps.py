from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "pecgov.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        # The domain apps never import search: it listens to their saves (ARCHITECTURE.md).
        from pecgov.search import receivers

        receivers.connect()
