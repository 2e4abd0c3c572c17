"""`pecgov documents statement|pack|pending` (COI-5, PUB-2): the frozen documents from the
command line, the same versions and digests the pages and the API show.

- `statement ITEM [--number N] [--out FILE]`: the statement to the Board as sent: its version,
  the SHA-256 of its text and of its PDF; `--out` writes the stored PDF.
- `pack MEETING [--public] [--out FILE]`: the meeting's agenda pack, built first if the agenda or
  its papers changed since the last version; `--out` writes it.
- `pending`: build every statement PDF the worker has not built yet (for running without one).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pecgov.meetings.conflicts import tasks as statement_tasks
from pecgov.meetings.models import AgendaItem, Meeting, StatementVersion
from pecgov.meetings.packs import services as packs


class Command(BaseCommand):
    help = "Frozen documents: statements to the Board and agenda packs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["statement", "pack", "pending"])
        parser.add_argument("pk", nargs="?", type=int, help="The item (statement) or meeting (pack)")
        parser.add_argument("--number", type=int, help="statement: the version number; default the latest")
        parser.add_argument("--public", action="store_true", help="pack: the public version")
        parser.add_argument("--out", help="Write the PDF to this file")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "pending":
            waiting = list(StatementVersion.objects.filter(pdf_sha256="").values_list("pk", flat=True))
            for pk in waiting:
                statement_tasks.build_pdf(pk)
            self.stdout.write(f"{len(waiting)} statement PDF(s) built.")
            return
        if options["pk"] is None:
            raise CommandError(
                f"Say which {'item' if action == 'statement' else 'meeting'}: documents {action} ID"
            )
        if action == "statement":
            self._statement(options["pk"], options["number"], options["out"])
        else:
            self._pack(options["pk"], options["public"], options["out"])

    def _statement(self, pk: int, number: int | None, out: str | None) -> None:
        versions = StatementVersion.objects.filter(item_id=pk).defer("pdf").order_by("-version")
        if number is not None:
            versions = versions.filter(version=number)
        version = versions.first()
        if version is None:
            if not AgendaItem.objects.filter(pk=pk).exists():
                raise CommandError(f"No agenda item {pk}")
            raise CommandError("That statement has not been sent to the Board: it has no frozen version")
        if out:
            version = statement_tasks.build_pdf(version.pk)
            Path(out).write_bytes(
                bytes(StatementVersion.objects.values_list("pdf", flat=True).get(pk=version.pk))
            )
        pdf = version.pdf_sha256 or "being prepared"
        self.stdout.write(
            f"Statement on item {pk}, version {version.version} ({version.reason}), frozen {version.frozen_at:%Y-%m-%d %H:%M}\n"
            f"  text SHA-256 {version.sha256}\n  PDF SHA-256  {pdf}"
        )

    def _pack(self, pk: int, public: bool, out: str | None) -> None:
        meeting = Meeting.objects.select_related("committee__trust").filter(pk=pk).first()
        if meeting is None:
            raise CommandError(f"No meeting {pk}")
        if public not in packs.wanted(meeting):
            raise CommandError("That meeting has no such pack: it is cancelled, or not held in public")
        pack = packs.build_pack(meeting, public=public)
        if out:
            Path(out).write_bytes(packs.pack_pdf(pack))
        self.stdout.write(
            f"{'Public agenda pack' if public else 'Agenda pack'} for {meeting}, version {pack.version}: "
            f"{pack.pages} pages, SHA-256 {pack.sha256}"
        )
