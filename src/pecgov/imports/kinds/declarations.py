"""Declarations of interest (COI-1, PUB-3, ADM-2): the register a trust already keeps. A row is
matched by person, organisation (or the name given) and start date; the person must already be
in the trust; an organisation named by ODS code or name in the trust's records is linked, any
other name is kept as written."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pecgov.actors import Actor
from pecgov.imports.plan import Action, OrganisationIndex, PersonIndex, Plan, Step, changed, parse_cells
from pecgov.imports.reading import Problem, Sheet
from pecgov.interests import services
from pecgov.interests.columns import DECLARATION_COLUMNS
from pecgov.interests.models import Declaration
from pecgov.trust.models import Organisation

UPDATABLE = ("category", "description", "end_date")
COLUMNS = {
    "category": "category",
    "organisation": "organisation",
    "organisation_name": "organisation",
    "description": "description",
    "start_date": "start_date",
    "end_date": "end_date",
    "person": "person",
}

Key = tuple[int, str, dt.date]


def _values(
    line: int, cells: dict[str, object], people: PersonIndex, orgs: OrganisationIndex, plan: Plan
) -> dict[str, Any] | None:
    before = len(plan.problems)
    values = parse_cells(DECLARATION_COLUMNS, line, cells, plan.problems)
    if "person" in values:
        person, why = people.find(values.pop("person"))
        if person is None:
            plan.problems.append(Problem(why, line, "person"))
        values["person"] = person
    ref = str(values.pop("organisation", "") or "").strip()
    org = orgs.find(ref) if ref else None
    values["organisation"] = org
    values["organisation_name"] = "" if org else ref
    values["description"] = str(values.get("description", "")).strip()
    if len(plan.problems) > before:
        return None
    problems = services.declaration_problems(values["person"], values)
    for field, message in problems.items():
        plan.problems.append(Problem(message, line, COLUMNS.get(field, field)))
    return values if not problems else None


def _key(values: dict[str, Any]) -> Key:
    related = values["organisation"].name if values["organisation"] else values["organisation_name"]
    return (values["person"].pk, related.strip().lower(), values["start_date"])


def plan_declarations(trust: Organisation, sheet: Sheet) -> Plan:
    plan = Plan(problems=list(sheet.problems))
    people = PersonIndex(trust)
    orgs = OrganisationIndex(trust)
    existing: dict[Key, Declaration] = {}
    for declaration in Declaration.objects.filter(person__trust=trust).select_related("organisation"):
        existing.setdefault(
            (declaration.person_id, declaration.related_name.strip().lower(), declaration.start_date),
            declaration,
        )
    seen: dict[Key, int] = {}
    pending: list[dict[str, Any]] = []
    # New declarations are saved together at the end, in bulk, each with its history (a
    # register of 50,000 entries imports in well under a minute; one by one it does not).
    plan.finish = lambda actor: _bring_in(actor, trust, pending)
    for line, cells in sheet.rows:
        values = _values(line, cells, people, orgs, plan)
        if values is None:
            continue
        key = _key(values)
        if key in seen:
            plan.problems.append(
                Problem(
                    f"the same declaration (person, organisation and start date) is on line {seen[key]}",
                    line,
                    "start_date",
                )
            )
            continue
        seen[key] = line
        plan.steps.append(_step(line, values, existing.get(key), pending))
    return plan


def _bring_in(actor: Actor, trust: Organisation, pending: list[dict[str, Any]]) -> None:
    if pending:
        services.declarations_bring_in(actor=actor, trust=trust, entries=pending)


def _step(
    line: int, values: dict[str, Any], current: Declaration | None, pending: list[dict[str, Any]]
) -> Step:
    related = values["organisation"].name if values["organisation"] else values["organisation_name"]
    label = f"{values['person'].name}: {related}"
    if current is None:

        def create(actor: Actor) -> None:
            pending.append(values)

        return Step(line, Action.CREATE, label, create, COLUMNS)
    changes = changed(current, {f: values[f] for f in UPDATABLE if f in values})
    if not changes:
        return Step(line, Action.UNCHANGED, label)

    def update(actor: Actor) -> None:
        services.declaration_update(actor=actor, declaration=current, **changes)

    return Step(line, Action.UPDATE, label, update, COLUMNS)
