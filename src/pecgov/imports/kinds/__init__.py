"""The kinds of register a trust can bring in (ADM-2): what each file holds and how it is planned."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pecgov.imports.enums import Kind
from pecgov.imports.kinds.committees import plan_committees
from pecgov.imports.kinds.declarations import plan_declarations
from pecgov.imports.kinds.organisations import plan_organisations
from pecgov.imports.kinds.people import plan_people
from pecgov.imports.kinds.practices import plan_practices
from pecgov.imports.plan import Plan
from pecgov.imports.reading import CountedRows, Sheet, read
from pecgov.interests.columns import DECLARATION_COLUMNS
from pecgov.trust.columns import COMMITTEE_COLUMNS, ORGANISATION_COLUMNS, PERSON_COLUMNS
from pecgov.trust.models import Organisation
from pecgov.ui.tabular import Column


@dataclass(frozen=True)
class KindSpec:
    columns: tuple[Column, ...]
    planner: Callable[[Organisation, Sheet], Plan]


SPECS = {
    Kind.ORGANISATIONS: KindSpec(ORGANISATION_COLUMNS, plan_organisations),
    Kind.PEOPLE: KindSpec(PERSON_COLUMNS, plan_people),
    Kind.COMMITTEES: KindSpec(COMMITTEE_COLUMNS, plan_committees),
    Kind.DECLARATIONS: KindSpec(DECLARATION_COLUMNS, plan_declarations),
}


def plan_file(
    trust: Organisation,
    kind: str,
    content: bytes,
    filename: str,
    progress: Callable[[int, int], None] | None = None,
) -> Plan:
    """Read the file and plan its import; problems with the file or any row are in the plan.
    `progress` hears how many rows have been checked, of how many."""
    plan = _plan(trust, kind, content, filename, progress)
    # Problems in the order of the file's lines (those about the whole file first).
    plan.problems.sort(key=lambda problem: problem.line or 0)
    return plan


def _plan(
    trust: Organisation, kind: str, content: bytes, filename: str, progress: Callable[[int, int], None] | None
) -> Plan:
    if kind == Kind.PRACTICES:
        return plan_practices(trust, content, filename, progress)
    spec = SPECS[Kind(kind)]
    names = [c.name for c in spec.columns]
    sheet = read(content, filename, names, [c.name for c in spec.columns if c.required])
    if sheet.problems:
        return Plan(problems=sheet.problems)
    if progress is not None:
        sheet.rows = CountedRows(sheet.rows, progress)
    return spec.planner(trust, sheet)


def columns_of(kind: str) -> list[str]:
    if kind == Kind.PRACTICES:
        return []
    return [c.name for c in SPECS[Kind(kind)].columns]
