"""The agenda pack as one PDF (PUB-2): WeasyPrint renders the cover, the agenda and the table of
interests; pypdf appends each uploaded PDF paper in agenda order, stamps page numbers on them and
writes the bookmarks (the outline), one per agenda item with its papers under it. A paper that is
not a PDF, or cannot be read as one, is listed on the agenda with a link instead."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from pypdf import PdfReader, PdfWriter

from pecgov.meetings.models import Paper
from pecgov.meetings.packs.content import PackContent, PackItem
from pecgov.meetings.packs.stamp import font, stamp


@dataclass
class Built:
    pdf: bytes
    pages: int


def _readers(content: PackContent) -> dict[int, PdfReader]:
    """Each PDF paper that can be read, by paper id; the rest are listed with a link."""
    ids = [p.id for item in content.items for p in item.papers if p.is_pdf]
    readers: dict[int, PdfReader] = {}
    for paper in Paper.objects.filter(pk__in=ids).only("pk", "file"):
        try:
            with paper.file.open("rb") as handle:
                reader = PdfReader(io.BytesIO(handle.read()))
            if reader.is_encrypted or len(reader.pages) == 0:
                continue
            readers[paper.pk] = reader
        except Exception:  # a missing or damaged file: listed, not merged, never a failed pack
            continue
    return readers


def _links(content: PackContent) -> dict[int, str]:
    """Where to fetch a paper that is not in the pack: signed in, the paper's own page."""
    if content.public:
        return {}
    base = str(getattr(settings, "SITE_URL", "")).rstrip("/")
    return {
        p.id: base + reverse("meetings:paper_download", args=[p.id]) for i in content.items for p in i.papers
    }


def _front(content: PackContent, readers: dict[int, PdfReader]) -> tuple[bytes, int, dict[str, int]]:
    """Render the front matter in one pass, with a blank page standing in for each page of each
    merged paper, so the agenda's page references and the footers' "of N" resolve at once; only
    the front pages are written. Returns their PDF, their count and the page of each anchor."""
    from weasyprint import HTML  # slow to import: loaded on first use

    placeholders = {pk: len(reader.pages) for pk, reader in readers.items()}
    html = render_to_string(
        "meetings/agenda_pack_print.jinja",
        {"c": content, "placeholders": placeholders, "links": _links(content)},
    )
    document = HTML(string=html, base_url=None).render()
    anchors: dict[str, int] = {}
    for number, page in enumerate(document.pages):
        for name in page.anchors:
            anchors.setdefault(name, number)
    front = len(document.pages) - sum(placeholders.values())
    return bytes(document.copy(document.pages[:front]).write_pdf()), front, anchors


def _outline(writer: PdfWriter, content: PackContent, anchors: dict[str, int]) -> None:
    writer.add_outline_item("Cover", anchors.get("cover", 0))
    agenda = anchors.get("agenda", 0)
    writer.add_outline_item("Agenda", agenda)
    writer.add_outline_item("Declared interests relevant to the items", anchors.get("interests", agenda))
    for item in content.items:
        parent = writer.add_outline_item(item.heading, _item_page(item, anchors))
        for paper in item.papers:
            if f"paper-{paper.id}" in anchors:
                writer.add_outline_item(paper.title, anchors[f"paper-{paper.id}"], parent=parent)


def _item_page(item: PackItem, anchors: dict[str, int]) -> int:
    first = next((anchors[f"paper-{p.id}"] for p in item.papers if f"paper-{p.id}" in anchors), None)
    return first if first is not None else anchors.get(f"item-{item.number}", anchors.get("agenda", 0))


def render(content: PackContent) -> Built:
    readers = _readers(content)
    paper_pages = sum(len(r.pages) for r in readers.values())
    front_pdf, front, anchors = _front(content, readers)
    total = front + paper_pages
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(front_pdf)), import_outline=False)
    for item in content.items:
        for paper in item.papers:
            if paper.id in readers:
                writer.append(readers[paper.id], import_outline=False)
    footer_font = font(writer)
    for number in range(front, total):
        stamp(writer, writer.pages[number], footer_font, content.title, f"Page {number + 1} of {total}")
    _outline(writer, content, anchors)
    writer.add_metadata({"/Title": content.title, "/Author": content.trust})
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return Built(out.getvalue(), total)


def outline_titles(pdf: bytes) -> list[Any]:
    """The bookmarks of a pack as nested lists of titles (for tests and the CLI)."""
    reader = PdfReader(io.BytesIO(pdf))

    def walk(entries: list[Any]) -> list[Any]:
        result: list[Any] = []
        for entry in entries:
            if isinstance(entry, list):
                result.append(walk(entry))
            else:
                result.append(str(entry.title))
        return result

    return walk(reader.outline)
