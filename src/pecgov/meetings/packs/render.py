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

ANCHORS = ("cover", "agenda", "interests")


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


def _starts(content: PackContent, readers: dict[int, PdfReader], front: int) -> dict[int, int]:
    """The 1-based page each merged paper starts on, after `front` pages of agenda."""
    starts, page = {}, front + 1
    for item in content.items:
        for paper in item.papers:
            if paper.id in readers:
                starts[paper.id] = page
                page += len(readers[paper.id].pages)
    return starts


def _links(content: PackContent) -> dict[int, str]:
    """Where to fetch a paper that is not in the pack: signed in, the paper's own page."""
    if content.public:
        return {}
    base = str(getattr(settings, "SITE_URL", "")).rstrip("/")
    return {
        p.id: base + reverse("meetings:paper_download", args=[p.id]) for i in content.items for p in i.papers
    }


def _front(
    content: PackContent, starts: dict[int, int], total: int | str
) -> tuple[bytes, int, dict[str, int]]:
    """Render the front matter; returns its PDF, its page count and the page of each anchor."""
    from weasyprint import HTML  # slow to import: loaded on first use

    html = render_to_string(
        "meetings/agenda_pack_print.jinja",
        {"c": content, "starts": starts, "total": total, "links": _links(content)},
    )
    document = HTML(string=html, base_url=None).render()
    anchors: dict[str, int] = {}
    for number, page in enumerate(document.pages):
        for name in page.anchors:
            anchors.setdefault(name, number)
    return bytes(document.write_pdf()), len(document.pages), anchors


def _numbers(first: int, last: int, total: int, title: str) -> PdfReader:
    """A page of footer only for each merged paper page: 'Page n of N' and the pack's title."""
    from weasyprint import HTML

    html = render_to_string(
        "meetings/agenda_pack_numbers.jinja",
        {"numbers": range(first, last + 1), "total": total, "title": title},
    )
    return PdfReader(io.BytesIO(bytes(HTML(string=html, base_url=None).write_pdf())))


def _outline(
    writer: PdfWriter, content: PackContent, anchors: dict[str, int], starts: dict[int, int]
) -> None:
    writer.add_outline_item("Cover", anchors.get("cover", 0))
    agenda = anchors.get("agenda", 0)
    writer.add_outline_item("Agenda", agenda)
    writer.add_outline_item("Declared interests relevant to the items", anchors.get("interests", agenda))
    for item in content.items:
        parent = writer.add_outline_item(item.heading, _item_page(item, anchors, starts))
        for paper in item.papers:
            if paper.id in starts:
                writer.add_outline_item(paper.title, starts[paper.id] - 1, parent=parent)


def _item_page(item: PackItem, anchors: dict[str, int], starts: dict[int, int]) -> int:
    first = next((starts[p.id] for p in item.papers if p.id in starts), None)
    return first - 1 if first is not None else anchors.get(f"item-{item.number}", anchors.get("agenda", 0))


def render(content: PackContent) -> Built:
    readers = _readers(content)
    paper_pages = sum(len(r.pages) for r in readers.values())
    # Two passes: the agenda names the page each paper starts on, which needs its own length.
    front_pdf, front, anchors = _front(content, {}, "")
    for _ in range(3):
        starts = _starts(content, readers, front)
        front_pdf, pages, anchors = _front(content, starts, front + paper_pages)
        if pages == front:
            break
        front = pages
    total = front + paper_pages
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(front_pdf)), import_outline=False)
    for item in content.items:
        for paper in item.papers:
            if paper.id in readers:
                writer.append(readers[paper.id], import_outline=False)
    if paper_pages:
        numbers = _numbers(front + 1, total, total, content.title)
        for offset, page in enumerate(numbers.pages):
            writer.pages[front + offset].merge_page(page)
    _outline(writer, content, anchors, starts)
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
