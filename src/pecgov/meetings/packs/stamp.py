"""Page numbers on the merged papers' pages (PUB-2), written straight into each page's content:
the page's own drawing is wrapped in q/Q so nothing it sets can move or hide the footer, and the
footer is drawn in the standard Helvetica font, which every PDF reader has. No re-parsing of the
paper's content, so stamping a hundred pages costs milliseconds."""

from __future__ import annotations

from pypdf import PageObject, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
)

FONT = "/PecgovFooter"
SIZE = 8.0
MARGIN = 51.0  # 18 mm, as the front matter's margin
BASELINE = 20.0  # 7 mm above the bottom edge
COLOUR = "0.298 0.384 0.447 rg"  # #4c6272, the NHS secondary text colour
# Helvetica's advance widths (per 1000 em) for what a page number is made of.
WIDTHS = {" ": 278, "P": 667, "a": 556, "g": 556, "e": 556, "o": 556, "f": 278} | dict.fromkeys(
    "0123456789", 556
)


def _text(value: str) -> str:
    """A PDF string literal in WinAnsi: parentheses and backslashes escaped, the rest Latin-1."""
    safe = value.encode("cp1252", errors="replace").decode("cp1252")
    return safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _width(value: str) -> float:
    return sum(WIDTHS.get(ch, 556) for ch in value) * SIZE / 1000


def font(writer: PdfWriter) -> IndirectObject:
    return writer._add_object(  # pypdf has no public way to add an object
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
    )


def _stream(writer: PdfWriter, data: str) -> IndirectObject:
    stream = DecodedStreamObject()
    stream.set_data(data.encode("cp1252", errors="replace"))
    return writer._add_object(stream)


def stamp(writer: PdfWriter, page: PageObject, font_ref: IndirectObject, left: str, right: str) -> None:
    """Draw `left` at the bottom left and `right` at the bottom right of `page`."""
    box = page.mediabox
    x0, y0, width = float(box.left), float(box.bottom), float(box.width)
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else DictionaryObject()
    fonts = resources.get("/Font")
    fonts = fonts.get_object() if fonts is not None else DictionaryObject()
    fonts[NameObject(FONT)] = font_ref
    resources[NameObject("/Font")] = fonts
    page[NameObject("/Resources")] = resources
    right_x = x0 + width - MARGIN - _width(right)
    footer = (
        f"Q q {COLOUR} BT {FONT} {SIZE} Tf {x0 + MARGIN:.2f} {y0 + BASELINE:.2f} Td ({_text(left)}) Tj ET "
        f"BT {FONT} {SIZE} Tf {right_x:.2f} {y0 + BASELINE:.2f} Td ({_text(right)}) Tj ET Q"
    )
    contents = page.get("/Contents")
    existing: list[object] = []
    if contents is not None:
        raw = page.raw_get("/Contents")
        resolved = contents.get_object()
        existing = list(resolved) if isinstance(resolved, ArrayObject) else [raw]
    page[NameObject("/Contents")] = ArrayObject([_stream(writer, "q"), *existing, _stream(writer, footer)])
