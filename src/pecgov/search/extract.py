"""A paper's text, read when it is uploaded so that search finds what it says (PUB-1).

PDFs through pypdf; plain text as it is. Other files (Word documents: no library for them is
installed) are found by their title alone. A file that cannot be read gives no text, never an
error: the upload has already been accepted by the meetings app.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import Any

MAX_CHARS = 200_000
MAX_PAGES = 300

log = logging.getLogger(__name__)


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    parts: list[str] = []
    size = 0
    for page in reader.pages[:MAX_PAGES]:
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
        if size >= MAX_CHARS:
            break
    return "\n".join(parts)[:MAX_CHARS]


def file_text(name: str, data: bytes) -> str:
    suffix = Path(name).suffix.lower()
    if suffix == ".pdf" or data[:5] == b"%PDF-":
        return pdf_text(data)
    if suffix in {".txt", ".csv", ".md"}:
        return data[: MAX_CHARS * 4].decode("utf-8", errors="replace")[:MAX_CHARS]
    return ""


def paper_text(paper: Any) -> str:
    """The text of a paper's file, or "" when it has none that can be read."""
    try:
        if not paper.file or not paper.file.storage.exists(paper.file.name):
            return ""
        with paper.file.open("rb") as handle:
            data = handle.read()
        return " ".join(file_text(paper.file.name, data).split())
    except Exception as error:  # a damaged or unreadable file: found by its title alone
        log.warning("Could not read the text of paper %s: %s", paper.pk, error)
        return ""
