"""`pecgov import KIND FILE [--dry-run] [--trust ODS]`: bring a register into a trust (ADM-2).

KIND is organisations, practices (NHS Digital's epraccur.csv), people, committees or
declarations. Every row is checked first; a file with any bad row imports nothing, every bad row
is printed by line and column, and the command exits with status 1. A long file shows a
progress bar. The import is done by the system on the operator's behalf, with one audit event
naming the file and its SHA-256.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from pecgov.actors import SYSTEM
from pecgov.imports.enums import Kind
from pecgov.imports.running import import_file
from pecgov.trust.enums import OrganisationKind
from pecgov.trust.models import Organisation


def _trust(ods: str | None) -> Organisation:
    trusts = Organisation.objects.filter(kind=OrganisationKind.TRUST)
    if ods:
        trusts = trusts.filter(ods_code__iexact=ods)
    found = list(trusts[:2])
    if len(found) == 1:
        return found[0]
    if not found:
        raise CommandError(f"No trust has the ODS code {ods}" if ods else "There is no trust yet")
    raise CommandError("There is more than one trust: name one with --trust ODS")


class Command(BaseCommand):
    help = (
        "Import organisations, practices (epraccur.csv), people, committees or declarations from CSV or Excel"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=Kind.values)
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="check and count, change nothing")
        parser.add_argument("--trust", help="the trust's ODS code (needed when there is more than one)")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No file at {path}")
        trust = _trust(options["trust"])
        console = Console(file=cast(IO[str], self.stdout._out), highlight=False, soft_wrap=True)
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as bar:
            task = bar.add_task(
                f"{'Checking' if options['dry_run'] else 'Importing'} {path.name}", total=None
            )
            outcome = import_file(
                actor=SYSTEM,
                trust=trust,
                kind=options["kind"],
                content=path.read_bytes(),
                filename=path.name,
                dry_run=options["dry_run"],
                progress=lambda phase, done, total: bar.update(
                    task, description=f"{phase.title()} {path.name}", completed=done, total=total
                ),
            )
        counts = outcome.counts
        tally = f"{counts['create']} to add, {counts['update']} to change, {counts['unchanged']} unchanged"
        if not outcome.ok:
            for problem in outcome.problems:
                console.print(str(problem), markup=False)
            raise CommandError(f"{len(outcome.problems)} problems in {path.name}: nothing was imported")
        if outcome.imported:
            console.print(
                f"Imported {path.name} into {trust.name}: {tally.replace('to add', 'added').replace('to change', 'changed')}",
                markup=False,
            )
        elif options["dry_run"]:
            console.print(f"{path.name} is good: {tally}. Nothing was changed (dry run).", markup=False)
        else:
            console.print(f"{path.name} changes nothing in {trust.name}: {tally}.", markup=False)
