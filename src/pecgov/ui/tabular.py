"""Tables in and out as CSV and Excel (ADM-2, ADM-3): the column spec every list shares with
the import, the cell parsers, and the download writer.

Each app that owns a list declares its columns (`trust/columns.py`, `interests/columns.py`...):
a column's name is the file's header, `value` reads the cell from a row for export, `parse`
turns a cell back into a value for import. The import reads the same specs, so a file that was
exported imports back exactly. tablib (with openpyxl) only reads and writes the files; every
write to the data goes through the services.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import tablib
from django.db.models import Choices
from django.http import HttpRequest, HttpResponse

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class CellError(ValueError):
    """A cell that cannot be read; the message ends a sentence that starts with the cell's place
    ("line 214, column `start_date`: 31/02/2026 is not a date")."""


# A cell starting with one of these is run as a formula by spreadsheets: exports write it after
# an apostrophe (as the decisions register does), and imports take that apostrophe off again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_text(value: object) -> str:
    """A cell as text: Excel gives numbers and dates; a whole number reads without ".0"."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    if text[:1] == "'" and text[1:2] and text[1] in FORMULA_STARTS:
        return text[1:]
    return text.strip()


def text(value: object) -> str:
    return cell_text(value)


_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def date_or_none(value: object) -> dt.date | None:
    """A date written as 2026-04-01 (what exports write) or 1/4/2026 (day first, as in England)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = cell_text(value)
    if not raw:
        return None
    try:
        match = _DMY.match(raw)
        if match:
            day, month, year = (int(part) for part in match.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(raw)
    except ValueError as error:
        raise CellError(f"{raw} is not a date (write it as 2026-04-01 or 1/4/2026)") from error


def yes_no(value: object) -> bool:
    raw = cell_text(value).lower()
    if raw in {"yes", "y", "true", "1"}:
        return True
    if raw in {"no", "n", "false", "0", ""}:
        return False
    raise CellError(f"{raw} is not yes or no")


def choice(choices: type[Choices], *, blank: bool = False) -> Callable[[object], str]:
    """A parser for one of `choices`' values (or its label, as people type it)."""
    labels = {str(label).lower(): str(value) for value, label in choices.choices}

    def parse(value: object) -> str:
        raw = cell_text(value)
        if not raw and blank:
            return ""
        if raw in choices.values:
            return raw
        if raw.lower() in labels:
            return labels[raw.lower()]
        allowed = ", ".join(v for v in choices.values if v)
        shown = raw or "an empty cell"
        raise CellError(f"{shown} is not one of: {allowed}")

    return parse


def show(value: object) -> str:
    """A value as it is written to a file: dates ISO, yes/no, nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


@dataclass(frozen=True)
class Column:
    """One column of a list's file: its header, how export reads it, how import parses it."""

    name: str
    value: Callable[[Any], object]
    parse: Callable[[object], Any] = text
    required: bool = False


def table(columns: Sequence[Column], rows: Iterable[Any]) -> tablib.Dataset:
    data = tablib.Dataset(headers=[column.name for column in columns])
    for row in rows:
        data.append([show(column.value(row)) for column in columns])
    return data


def export_format(request: HttpRequest) -> str:
    """ "csv" or "xlsx" when the list was asked for as a download (`?download=csv`), else ""."""
    wanted = request.GET.get("download", "")
    return wanted if wanted in FORMATS else ""


def download(columns: Sequence[Column], rows: Iterable[Any], *, fmt: str, name: str) -> HttpResponse:
    """The list as a file, in the columns the import reads (ADM-3)."""
    data = table(columns, rows)
    content: str | bytes = data.export(fmt)
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def download_links(request: HttpRequest) -> Mapping[str, str]:
    """The list's own address with its filter, asking for each download format."""
    query = request.GET.copy()
    query.pop("page", None)
    links = {}
    for fmt in FORMATS:
        query["download"] = fmt
        links[fmt] = f"{request.path}?{query.urlencode()}"
    return links
