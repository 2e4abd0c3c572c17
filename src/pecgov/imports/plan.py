"""What an import will do, row by row (ADM-2): the steps (create, update, leave alone), and the
helpers every kind shares to read cells and find what a row names.

Planning only reads. Running a plan calls the domain services, each of which checks its own
rules again; a service's refusal is reported against the row's line and the column it is about.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pecgov.actors import Actor
from pecgov.imports.reading import Problem
from pecgov.trust.models import Organisation, Person
from pecgov.ui.tabular import CellError, Column, cell_text


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"


@dataclass
class Step:
    """One row's effect. `run` calls the services; it is None when nothing changes."""

    line: int
    action: Action
    label: str
    run: Callable[[Actor], None] | None = None
    # Service field -> file column, for placing a service's refusal.
    columns: dict[str, str] = field(default_factory=dict)


@dataclass
class Plan:
    steps: list[Step] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Run after every step: what the steps gathered to save at once (new declarations).
    finish: Callable[[Actor], None] | None = None

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(Action, 0)
        for step in self.steps:
            counts[step.action] += 1
        return {str(action): number for action, number in counts.items()}


def parse_cells(
    columns: Sequence[Column], line: int, cells: dict[str, object], problems: list[Problem]
) -> dict[str, Any]:
    """The row's values for the columns the file has; a bad or missing cell is a problem."""
    values: dict[str, Any] = {}
    for column in columns:
        if column.name not in cells:
            continue
        raw = cells[column.name]
        if column.required and cell_text(raw) == "":
            problems.append(Problem("this cannot be empty", line, column.name))
            continue
        try:
            values[column.name] = column.parse(raw)
        except CellError as error:
            problems.append(Problem(str(error), line, column.name))
    return values


def changed(row: Any, wanted: dict[str, Any]) -> dict[str, Any]:
    """The fields whose wanted value differs from the row's."""
    return {name: value for name, value in wanted.items() if getattr(row, name) != value}


def first_lines(rows: Iterable[tuple[int, Any]], key: Callable[[Any], Any]) -> dict[Any, int]:
    seen: dict[Any, int] = {}
    for line, row in rows:
        seen.setdefault(key(row), line)
    return seen


class OrganisationIndex:
    """The trust's organisations by ODS code and by name, to find what a cell names."""

    def __init__(self, trust: Organisation) -> None:
        self.by_ods: dict[str, Organisation] = {}
        self.by_name: dict[str, list[Organisation]] = defaultdict(list)
        for org in Organisation.objects.filter(trust=trust).exclude(pk=trust.pk):
            self.add(org)

    def add(self, org: Organisation) -> None:
        if org.ods_code:
            self.by_ods[org.ods_code.upper()] = org
        self.by_name[org.name.lower()].append(org)

    def find(self, ref: str) -> Organisation | None:
        """The organisation with that ODS code, else the one with that name; None if none
        (or several share the name)."""
        org = self.by_ods.get(ref.strip().upper())
        if org is not None:
            return org
        named = self.by_name.get(ref.strip().lower(), [])
        return named[0] if len(named) == 1 else None


class PersonIndex:
    """The trust's people by email and by name, to find who a cell names."""

    def __init__(self, trust: Organisation) -> None:
        self.by_email: dict[str, Person] = {}
        self.by_name: dict[str, list[Person]] = defaultdict(list)
        for person in Person.objects.filter(trust=trust).select_related("organisation"):
            self.add(person)

    def add(self, person: Person) -> None:
        if person.email:
            self.by_email[person.email.lower()] = person
        self.by_name[person.name.lower()].append(person)

    def find(self, ref: str) -> tuple[Person | None, str]:
        """The person, or None and why not."""
        ref = ref.strip()
        if "@" in ref:
            person = self.by_email.get(ref.lower())
            return person, "" if person else f"no one in this trust has the email {ref}"
        named = self.by_name.get(ref.lower(), [])
        if len(named) == 1:
            return named[0], ""
        if named:
            return None, f"{len(named)} people are called {ref}: name them by email"
        return None, f"no one in this trust is called {ref}: import the people first"
