"""Demo documents for Avonmere PCT (COI-5, PUB-2): the statements to the Board frozen while the
demo was loaded get their PDFs now, and the next two meetings get papers and agenda packs, so
`make run` shows them whether or not the worker has started yet."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.html import escape

from pecgov.actors import SYSTEM
from pecgov.meetings import services as ms
from pecgov.meetings.conflicts import tasks as statement_tasks
from pecgov.meetings.models import AgendaItem, Meeting, StatementVersion
from pecgov.meetings.packs import services as packs
from pecgov.trust.models import Organisation

PAPER_TEXT = {
    "Minutes of the previous meeting and matters arising": "The draft minutes of the last meeting, with the actions arising and their progress.",
    "Finance and activity report": "Spend against budget to the end of last month, with activity by practice and the forecast outturn.",
    "Quality, safety and clinical governance report": "Serious incidents, complaints and the clinical audit programme for the quarter.",
}


def _paper_pdf(title: str, text: str) -> bytes:
    from weasyprint import HTML  # slow to import: loaded on first use

    html = (
        '<html lang="en-GB"><body style="font-family: Arial, sans-serif">'
        f"<h1>{escape(title)}</h1><p>{escape(text)}</p>"
        '<p style="page-break-before: always">Appendix: the figures behind this report.</p></body></html>'
    )
    return bytes(HTML(string=html).write_pdf())


def build(trust: Organisation) -> None:
    waiting = StatementVersion.objects.filter(item__meeting__committee__trust=trust, pdf_sha256="")
    for pk in waiting.values_list("pk", flat=True):
        statement_tasks.build_pdf(pk)
    coming = Meeting.objects.filter(committee__trust=trust, starts_at__gte=timezone.now()).order_by(
        "starts_at"
    )
    for meeting in coming.select_related("committee__trust")[:2]:
        for item in AgendaItem.objects.filter(meeting=meeting).order_by("number"):
            text = PAPER_TEXT.get(item.title)
            if text is None:
                continue
            upload = SimpleUploadedFile(
                f"{item.title[:40]}.pdf", _paper_pdf(item.title, text), content_type="application/pdf"
            )
            ms.paper_add(actor=SYSTEM, item=item, title=item.title, upload=upload)
        packs.build_packs(meeting.pk)
