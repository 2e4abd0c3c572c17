"""Reading files (ADM-2, X-4): CSV and Excel headers, Excel's own dates and numbers, the ODS
practice file's fixed columns, and plain messages for files that cannot be read."""

from __future__ import annotations

import datetime as dt

import pytest
import tablib

from pecgov.actors import SYSTEM
from pecgov.imports.kinds import plan_file
from pecgov.imports.kinds.practices import POSITIONS
from pecgov.imports.reading import read, read_headerless
from pecgov.trust import services as ts
from pecgov.ui.tabular import CellError, cell_text, date_or_none, show, yes_no
from tests.imports.helpers import csv_bytes

COLUMNS = ["email", "name", "profession"]


def _epraccur(
    code: str = "Y70001", open_date: str = "19740401", close: str = "", status: str = "A"
) -> list[str]:
    row = [""] * 27
    row[0], row[1], row[9], row[10], row[11], row[12], row[13] = (
        code,
        "HIGH STREET SURGERY",
        "AV1 1AA",
        open_date,
        close,
        status,
        "B",
    )
    return row


def test_headers_in_any_order_and_unknown_or_missing_columns_named() -> None:
    """X-4: a misspelt header is refused by name rather than silently ignored."""
    sheet = read(
        csv_bytes(["Name", "EMAIL", "profession"], [["Ann", "a@x.org", "gp"]]), "p.csv", COLUMNS, ["name"]
    )
    assert sheet.problems == [] and sheet.rows == [
        (2, {"name": "Ann", "email": "a@x.org", "profession": "gp"})
    ]
    bad = read(csv_bytes(["nmae", "profession"], [["Ann", "gp"]]), "p.csv", COLUMNS, ["name"])
    assert [str(p) for p in bad.problems] == [
        "line 1 names columns this file cannot have: nmae. The columns are: email, name, profession",
        "line 1 is missing the columns: name",
    ]


def test_ragged_csv_lines_are_named() -> None:
    sheet = read(b"email,name,profession\na@x.org,Ann,gp\nb@x.org,Bob,gp,extra\n", "p.csv", COLUMNS, [])
    assert [str(p) for p in sheet.problems] == ["line 3: this line has 4 cells but the file has 3 columns"]


def test_not_a_workbook_and_not_text_are_refused() -> None:
    assert [str(p) for p in read(b"not a zip", "p.xlsx", COLUMNS, []).problems] == [
        "The file could not be read as an Excel workbook (BadZipFile)"
    ]
    assert str(read(b"x", "p.pdf", COLUMNS, []).problems[0]) == "The file must be a .csv or .xlsx file"


def test_excel_dates_and_numbers_read_as_typed() -> None:
    """ADM-2: Excel's date cells and whole numbers read as the date and the digits."""
    data = tablib.Dataset(
        ("a@x.org", dt.datetime(2026, 4, 1), 7000001.0), headers=["email", "name", "profession"]
    )
    content = data.export("xlsx")
    sheet = read(content, "p.xlsx", COLUMNS, [])
    ((line, cells),) = sheet.rows
    assert line == 2
    assert date_or_none(cells["name"]) == dt.date(2026, 4, 1)
    assert cell_text(cells["profession"]) == "7000001"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-04-01", dt.date(2026, 4, 1)),
        ("1/4/2026", dt.date(2026, 4, 1)),
        ("", None),
        (dt.date(2020, 1, 2), dt.date(2020, 1, 2)),
    ],
)
def test_dates(raw: object, expected: dt.date | None) -> None:
    assert date_or_none(raw) == expected


@pytest.mark.parametrize("raw", ["31/02/2026", "2026-13-01", "next week"])
def test_bad_dates_say_so(raw: str) -> None:
    with pytest.raises(CellError, match="is not a date"):
        date_or_none(raw)


def test_yes_no_and_formula_guard_round_trip() -> None:
    assert (yes_no("Yes"), yes_no(""), yes_no("no")) == (True, False, False)
    with pytest.raises(CellError, match="perhaps is not yes or no"):
        yes_no("perhaps")
    for text in ["=1+1", "-x", "@SUM(A1)", "plain"]:
        assert cell_text(show(text)) == text
    assert show("=1+1") == "'=1+1"


def test_epraccur_positions() -> None:
    """ADM-2: the ODS file has no header; column 1 code, 2 name, 10 postcode, 11 and 12 open and
    close dates (YYYYMMDD), 13 status."""
    sheet = read_headerless(csv_bytes(None, [_epraccur()]), "epraccur.csv", POSITIONS)
    ((line, cells),) = sheet.rows
    assert line == 1
    assert (
        cells["organisation_code"],
        cells["name"],
        cells["postcode"],
        cells["open_date"],
        cells["status_code"],
    ) == (
        "Y70001",
        "HIGH STREET SURGERY",
        "AV1 1AA",
        "19740401",
        "A",
    )


@pytest.mark.django_db
def test_epraccur_bad_rows_named_by_line_and_column() -> None:
    trust = ts.trust_create(actor=SYSTEM, name="Read PCT", ods_code="RDP")
    rows = [
        _epraccur(),
        _epraccur(code="Y70002", close="20221399", status="C"),
        _epraccur(code="Y70003", status="X"),
        ["Y70004", "SHORT"],
        _epraccur(code=""),
    ]
    plan = plan_file(trust, "practices", csv_bytes(None, rows), "epraccur.csv")
    assert [str(p) for p in plan.problems] == [
        "line 2, column `close_date`: 20221399 is not a date written YYYYMMDD",
        "line 3, column `status_code`: X is not a status code (A, C, D or P)",
        "line 4, column `status_code`: an empty cell is not a status code (A, C, D or P)",
        "line 5, column `organisation_code`: the organisation code is empty",
    ]
