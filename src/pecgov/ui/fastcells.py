"""A plain table's cells drawn straight to HTML, for pages that draw hundreds of them (X-3).

`fastmacros.nhsuk_table` draws the `table` macro from a mapping per cell, checking each one: on
the public register at national scale (25 tables, about 900 cells a page) that was a third of
the render. A page that builds its rows in Python draws each cell once here instead, with the
same markup the macro writes for a cell of text or of given markup, optional classes and a
column span, under a caption and a row of column headings (tests/ui/test_fastcells.py compares
them with `nhsuk_table` and the library's own template).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape

_CELL = "nhsuk-table__cell"


def _indented(html: str, width: int) -> str:
    return html.replace("\n", "\n" + " " * width) if "\n" in html else html


def cell(
    text: Any = None, *, html: Markup | None = None, classes: str = "", colspan: int | None = None
) -> str:
    """One body cell, `{"text": text}` or `{"html": html}` with `classes` and `colspan`, as the
    `table` macro draws it."""
    attrs = f' class="{escape(f"{_CELL} {classes}" if classes else _CELL)}"'
    if colspan is not None:
        attrs += f' colspan="{int(colspan)}"'
    if html:
        inner = str(html).strip()
    elif text:
        inner = str(escape(text)).strip()
    else:
        inner = ""
    return f"      <td{attrs}>\n        {_indented(inner, 8)}\n      </td>\n"


def row(cells: Iterable[str]) -> str:
    """A body row of cells drawn by `cell`."""
    return '    <tr class="nhsuk-table__row">\n' + "".join(cells) + "    </tr>\n"


@lru_cache(maxsize=64)
def _head(head: tuple[str, ...]) -> str:
    """The column headings (text), drawn once per set."""
    cells = "".join(
        f'      <th class="nhsuk-table__header" scope="col">\n        {_indented(str(escape(h)).strip(), 8)}\n'
        "      </th>\n"
        for h in head
    )
    return f'  <thead class="nhsuk-table__head">\n    <tr class="nhsuk-table__row">\n{cells}    </tr>\n  </thead>\n'


def _caption(text: str, classes: str) -> str:
    if not text:
        return ""
    inner = str(escape(text.strip()))
    css = f"nhsuk-table__caption {classes}" if classes else "nhsuk-table__caption"
    return f'  <caption class="{escape(css)}">\n    {_indented(inner, 4)}\n  </caption>\n'


def table(
    rows: Iterable[str], *, head: Sequence[str], caption: str = "", caption_classes: str = ""
) -> Markup:
    """`table({"caption": {"text": caption, "classes": caption_classes}, "head": head, "rows": ...})`
    with rows drawn by `row`."""
    heading = _head(tuple(head)) if head else ""
    body = "".join(rows)
    return Markup(
        f'<table class="nhsuk-table">\n{_caption(caption, caption_classes)}{heading}'
        f'  <tbody class="nhsuk-table__body">\n{body}  </tbody>\n</table>'
    )
