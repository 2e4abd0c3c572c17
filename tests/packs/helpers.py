"""Real PDF papers for agenda-pack tests, written by WeasyPrint (nothing fetched)."""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from pecgov.meetings import services as ms
from pecgov.meetings.models import AgendaItem, Paper
from tests.factories import SYSTEM


def pdf_with(text: str, pages: int = 1) -> bytes:
    from weasyprint import HTML

    body = "".join(f'<p style="page-break-after: always">{text} page {n + 1}</p>' for n in range(pages))
    return bytes(HTML(string=f"<html><body>{body}</body></html>").write_pdf())


def add_paper(item: AgendaItem, title: str, text: str, pages: int = 1, actor: Any = SYSTEM) -> Paper:
    upload = SimpleUploadedFile(f"{title}.pdf", pdf_with(text, pages), content_type="application/pdf")
    return ms.paper_add(actor=actor, item=item, title=title, upload=upload)


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join((page.extract_text() or "") for page in reader.pages)


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)
