"""`pecgov search reindex`: rebuild the search index from the records (PUB-1). Run it after
loading data by other means than the pages, the API and the commands (a generated dataset, a
restored backup), or after a policy change moves papers' publication days."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from pecgov.search.indexing import reindex


class Command(BaseCommand):
    help = (
        "Search tools. 'reindex' rebuilds the whole search index; --keep-text keeps the text "
        "already read from papers instead of reading every file again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["reindex"])
        parser.add_argument("--keep-text", action="store_true", help="do not read papers' files again")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()

        def progress(source: str, rows: int) -> None:
            self.stdout.write(f"  {source}: {rows} rows")

        total = reindex(read_text=not options["keep_text"], progress=progress)
        self.stdout.write(f"Search index rebuilt: {total} rows in {time.perf_counter() - started:.1f} s.")
