"""Reading an uploaded table (ADM-2): CSV or Excel through tablib, or NHS Digital's ODS practice
file (`epraccur.csv`), into numbered rows keyed by column name.

A line number is the row's number as a spreadsheet shows it: the header is line 1, the first
record line 2 (an `epraccur` file has no header: its first record is line 1).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import tablib
from tablib.exceptions import InvalidDimensions, UnsupportedFormat

from pecgov.ui.tabular import cell_text

FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file, placed by line and column when it has a place."""

    message: str
    line: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        place = ", ".join(
            part
            for part in (
                f"line {self.line}" if self.line is not None else "",
                f"column `{self.column}`" if self.column else "",
            )
            if part
        )
        return f"{place}: {self.message}" if place else self.message


class CountedRows(list[tuple[int, dict[str, object]]]):
    """The rows, telling `progress` (rows read, of all) as a planner reads through them."""

    every = 250

    def __init__(
        self, rows: list[tuple[int, dict[str, object]]], progress: Callable[[int, int], None]
    ) -> None:
        super().__init__(rows)
        self.progress = progress

    def __iter__(self) -> Iterator[tuple[int, dict[str, object]]]:
        total = len(self)
        for number, row in enumerate(super().__iter__(), start=1):
            yield row
            if number % self.every == 0 or number == total:
                self.progress(number, total)


@dataclass
class Sheet:
    """The file's records: each with its line number and its cells by column name."""

    rows: list[tuple[int, dict[str, object]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def file_format(filename: str) -> str:
    suffix = Path(filename).suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else ""


def _decode(content: bytes) -> str | None:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _ragged(text: str, width: int, first_line: int) -> list[Problem]:
    """Which lines have more or fewer cells than the header (tablib only says some do)."""
    problems = []
    for number, cells in enumerate(csv.reader(io.StringIO(text)), start=first_line):
        if cells and len(cells) != width:
            problems.append(
                Problem(f"this line has {len(cells)} cells but the file has {width} columns", number)
            )
    return problems


def _load(content: bytes, fmt: str, *, headers: bool) -> tuple[tablib.Dataset | None, list[Problem]]:
    if fmt == "xlsx":
        try:
            return tablib.Dataset().load(io.BytesIO(content), format="xlsx", headers=headers), []
        except (
            UnsupportedFormat,
            InvalidDimensions,
            zipfile.BadZipFile,
            ValueError,
            KeyError,
            OSError,
        ) as error:
            return None, [
                Problem(f"The file could not be read as an Excel workbook ({type(error).__name__})")
            ]
    text = _decode(content)
    if text is None:
        return None, [Problem("The file is not a text file: save it as CSV (UTF-8)")]
    try:
        return tablib.Dataset().load(text, format="csv", headers=headers), []
    except InvalidDimensions:
        lines = text.splitlines()
        width = len(next(csv.reader(io.StringIO(lines[0])))) if lines else 0
        return None, _ragged(text, width, 1)[:50] or [
            Problem("The file's lines do not all have the same cells")
        ]
    except csv.Error as error:
        return None, [Problem(f"The file could not be read as CSV: {error}")]


def _blank(cells: Sequence[object]) -> bool:
    return all(cell_text(cell) == "" for cell in cells)


def read(content: bytes, filename: str, columns: Sequence[str], required: Sequence[str]) -> Sheet:
    """Rows of a file with a header row naming `columns` (in any order; extra columns refused,
    so a misspelt header is not silently ignored)."""
    sheet = Sheet()
    fmt = file_format(filename)
    if not fmt:
        sheet.problems.append(Problem("The file must be a .csv or .xlsx file"))
        return sheet
    data, sheet.problems = _load(content, fmt, headers=True)
    if data is None:
        return sheet
    headers = [cell_text(h).strip().lower() for h in (data.headers or [])]
    unknown = [h for h in headers if h and h not in columns]
    missing = [c for c in required if c not in headers]
    if unknown:
        sheet.problems.append(
            Problem(
                f"line 1 names columns this file cannot have: {', '.join(unknown)}. "
                f"The columns are: {', '.join(columns)}"
            )
        )
    if missing:
        sheet.problems.append(Problem(f"line 1 is missing the columns: {', '.join(missing)}"))
    if sheet.problems:
        return sheet
    for index, cells in enumerate(data, start=2):
        if not _blank(cells):
            sheet.rows.append((index, {h: cell for h, cell in zip(headers, cells, strict=False) if h}))
    return sheet


def read_headerless(content: bytes, filename: str, positions: dict[int, str]) -> Sheet:
    """Rows of a file with no header whose columns are fixed by position (1-based), as NHS
    Digital's ODS files are; cells at other positions are not read."""
    sheet = Sheet()
    if file_format(filename) != "csv":
        sheet.problems.append(Problem("An ODS practice file must be the .csv file NHS Digital publishes"))
        return sheet
    data, sheet.problems = _load(content, "csv", headers=False)
    if data is None:
        return sheet
    widest = max(positions)
    for index, cells in enumerate(data, start=1):
        if _blank(cells):
            continue
        if len(cells) < widest:
            sheet.problems.append(
                Problem(
                    f"this line has {len(cells)} cells; an ODS practice file has at least {widest}", index
                )
            )
            continue
        sheet.rows.append((index, {name: cells[pos - 1] for pos, name in positions.items()}))
    return sheet
