"""`pecgov generate --scale N [--seed S] [--on YYYY-MM-DD]`: N trusts shaped like the demo trust,
for benchmarks at national scale. `--preset national` means N = 152.

Deterministic for a seed and a date; trusts already there (GEN001, GEN002, ...) are skipped, so a
run that stopped can be started again. Demo mode only: the data is invented. The search index is
rebuilt afterwards in one pass: `--index`, or `pecgov search reindex` later.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import IO, Any, cast

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils import timezone
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from pecgov.demo.generate import PRESETS, Summary, generate, shape
from pecgov.demo.generate.digest import dataset_digest
from pecgov.search.indexing import reindex


class BarReporter:
    """A rich progress bar: trusts done of the total, and the table being written now."""

    def __init__(self, console: Console) -> None:
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=console,
        )
        self.trusts = self.progress.add_task("Trusts", total=None, visible=False)
        self.tables = self.progress.add_task("", total=None, visible=False)
        self.code = ""
        self.steps = 0  # steps in a trust, learnt from the first one

    def begin(self, total: int) -> None:
        self.progress.update(self.trusts, total=total, visible=total > 0)

    def trust(self, code: str, name: str) -> None:
        self.code = code
        self.progress.update(self.trusts, description=f"Trusts (now {code}, {name})")
        self.progress.reset(self.tables, total=self.steps or None)

    def step(self, name: str) -> None:
        done = self.progress.tasks[self.tables].completed
        self.progress.update(
            self.tables, description=f"  {self.code}: {name}", completed=done + 1, visible=True
        )

    def trust_done(self) -> None:
        self.steps = self.steps or int(self.progress.tasks[self.tables].completed)
        self.progress.update(self.tables, completed=self.steps)
        self.progress.advance(self.trusts)


class Command(BaseCommand):
    help = (
        "Generate N trusts shaped like the demo trust (GEN001...): organisations, people, committees, "
        "declarations, meetings and business cases. Trusts already there are skipped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        size = parser.add_mutually_exclusive_group(required=True)
        size.add_argument("--scale", type=int, help="How many trusts")
        size.add_argument(
            "--preset", choices=sorted(PRESETS), help="national: 152 trusts, as the PCTs of 2007"
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1)")
        parser.add_argument("--on", help="Generate as at this date (YYYY-MM-DD); default today")
        parser.add_argument("--digest", action="store_true", help="Print a fingerprint of the generated rows")
        parser.add_argument(
            "--index", action="store_true", help="Rebuild the search index afterwards (pecgov search reindex)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError("Generated data is only made in demo mode (PECGOV_DEMO=1).")
        scale = PRESETS[options["preset"]] if options["preset"] else options["scale"]
        if scale is None or scale < 1:
            raise CommandError("--scale must be 1 or more")
        try:
            on = dt.date.fromisoformat(options["on"]) if options["on"] else None
        except ValueError as error:
            raise CommandError(f"--on must be a date like 2007-10-01, not {options['on']!r}") from error
        if on is not None and on > timezone.localdate():
            raise CommandError("--on cannot be in the future: the services refuse records dated after today")
        # The stream under Django's OutputWrapper: the wrapper ends every write with a newline,
        # which would break the progress bar's redrawing of its own line.
        console = Console(file=cast(IO[str], self.stdout._out))
        reporter = BarReporter(console)
        with reporter.progress:
            summary = generate(scale=scale, seed=options["seed"], on=on, reporter=reporter)
        self._report(console, summary, options)
        self._index(console, summary, options["index"])

    def _index(self, console: Console, summary: Summary, rebuild: bool) -> None:
        """PUB-1: the trusts are written with record-by-record indexing paused; the index is
        rebuilt in one pass, now (`--index`) or by `pecgov search reindex`."""
        if not rebuild:
            if summary.created:
                console.print(
                    "Search finds the generated trusts once the index is rebuilt: pecgov search reindex",
                    soft_wrap=True,
                )
            return
        began = time.perf_counter()
        rows = reindex(read_text=False)
        console.print(
            f"Search index rebuilt: {rows:,} rows in {time.perf_counter() - began:,.1f} s.", soft_wrap=True
        )

    def _report(self, console: Console, summary: Summary, options: Any) -> None:
        if summary.skipped:
            shown = ", ".join(summary.skipped[:10]) + (" ..." if len(summary.skipped) > 10 else "")
            console.print(f"{len(summary.skipped)} trust(s) already there, skipped: {shown}", soft_wrap=True)
        if not summary.created:
            console.print("Nothing to generate: every trust at this scale is already there.")
        table = Table(title=f"Generated {len(summary.created)} trust(s) in {summary.seconds:,.1f} s")
        table.add_column("Table")
        table.add_column("Rows added", justify="right")
        for label, count in sorted(summary.rows.items()):
            table.add_row(label, f"{count:,}")
        table.add_row("Total", f"{sum(summary.rows.values()):,}", style="bold")
        console.print(table)
        engine = connection.vendor
        console.print(f"Database size ({engine}): {summary.database_bytes / 1_048_576:,.1f} MB")
        if options["digest"]:
            codes = [shape.trust_code(i) for i in range(1, len(summary.created) + len(summary.skipped) + 1)]
            console.print(f"Digest of the generated trusts: {dataset_digest(codes)}", soft_wrap=True)
