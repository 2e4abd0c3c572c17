"""GP practices from NHS Digital's ODS practice file, `epraccur.csv` (ORG-1, ADM-2).

The file has no header row; its columns are fixed by position. From NHS Digital's description of
the "GP and GP practice related data" files (Organisation Data Service), the columns read here:

  1 organisation code   2 name   3 national grouping   4 high-level health geography
  5-9 address lines 1-5   10 postcode   11 open date (YYYYMMDD)   12 close date (YYYYMMDD)
  13 status code (A active, C closed, D dormant, P proposed)   14 organisation sub-type code
  15 commissioner   ... 26 prescribing setting (4 = GP practice)

A row becomes a practice with its ODS code, name, address (lines 1-5 joined with ", ", blank
lines left out), postcode, open and closing dates; these follow the file on every import. The
trust's own fields (kind, parent, provider kind) are set only when the practice is new, never
overwritten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from pecgov.imports.kinds.organisations import plan_organisations
from pecgov.imports.plan import Plan
from pecgov.imports.reading import CountedRows, Problem, Sheet, read_headerless
from pecgov.trust.enums import OrganisationKind
from pecgov.trust.models import Organisation
from pecgov.trust.postcodes import normalise_postcode
from pecgov.ui.tabular import cell_text

POSITIONS = {
    1: "organisation_code",
    2: "name",
    **{position: f"address_line_{position - 4}" for position in range(5, 10)},
    10: "postcode",
    11: "open_date",
    12: "close_date",
    13: "status_code",
}
STATUS_CODES = {"A", "C", "D", "P"}


def ods_date(raw: object) -> dt.date | None:
    text = cell_text(raw)
    if not text:
        return None
    try:
        return dt.datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        raise ValueError(f"{text} is not a date written YYYYMMDD") from None


def address(cells: dict[str, object]) -> str:
    """Address lines 1-5 (columns 5-9) on one line, joined with ", ", blank ones left out."""
    lines = (cell_text(cells[f"address_line_{number}"]) for number in range(1, 6))
    return ", ".join(line for line in lines if line)


def _row(line: int, cells: dict[str, object], problems: list[Problem]) -> dict[str, object] | None:
    before = len(problems)
    code = cell_text(cells["organisation_code"]).upper()
    if not code:
        problems.append(Problem("the organisation code is empty", line, "organisation_code"))
    name = cell_text(cells["name"])
    if not name:
        problems.append(Problem("the name is empty", line, "name"))
    dates: dict[str, dt.date | None] = {}
    for column in ("open_date", "close_date"):
        try:
            dates[column] = ods_date(cells[column])
        except ValueError as error:
            problems.append(Problem(str(error), line, column))
    try:
        postcode = normalise_postcode(cell_text(cells["postcode"]))
    except ValueError as error:
        problems.append(Problem(str(error), line, "postcode"))
    opened, closed = dates.get("open_date"), dates.get("close_date")
    if opened is not None and closed is not None and opened > closed:
        problems.append(
            Problem(f"{opened:%Y%m%d} is after the close date {closed:%Y%m%d}", line, "open_date")
        )
    status = cell_text(cells["status_code"]).upper()
    if status not in STATUS_CODES:
        problems.append(
            Problem(f"{status or 'an empty cell'} is not a status code (A, C, D or P)", line, "status_code")
        )
    if len(problems) > before:
        return None
    return {
        "ods_code": code,
        "name": name,
        "kind": OrganisationKind.PRACTICE,
        "closed_on": closed,
        "address": address(cells),
        "postcode": postcode,
        "open_date": opened,
    }


def plan_practices(
    trust: Organisation, content: bytes, filename: str, progress: Callable[[int, int], None] | None = None
) -> Plan:
    raw = read_headerless(content, filename, POSITIONS)
    if progress is not None:
        raw.rows = CountedRows(raw.rows, progress)
    sheet = Sheet(problems=list(raw.problems))
    for line, cells in raw.rows:
        row = _row(line, cells, sheet.problems)
        if row is not None:
            sheet.rows.append((line, row))
    return plan_organisations(trust, sheet, fields=("name", "closed_on", "address", "postcode", "open_date"))
