"""People (ORG-2, ADM-2): matched by email, or by name when the row gives no email. Their
practice or employer is named by ODS code or name and must already be in the trust."""

from __future__ import annotations

from typing import Any

from pecgov.actors import Actor
from pecgov.imports.plan import Action, OrganisationIndex, PersonIndex, Plan, Step, changed, parse_cells
from pecgov.imports.reading import Problem, Sheet
from pecgov.trust import services
from pecgov.trust.columns import PERSON_COLUMNS
from pecgov.trust.models import Organisation, Person

FIELDS = tuple(c.name for c in PERSON_COLUMNS)


def _key(values: dict[str, Any]) -> str:
    email = str(values.get("email", "")).strip().lower()
    return email or f"name:{str(values.get('name', '')).strip().lower()}"


def _existing(people: PersonIndex, values: dict[str, Any]) -> tuple[Person | None, str]:
    email = str(values.get("email", "")).strip()
    if email:
        return people.by_email.get(email.lower()), ""
    named = people.by_name.get(str(values.get("name", "")).strip().lower(), [])
    if len(named) > 1:
        return None, f"{len(named)} people are already called this: give their email"
    return (named[0] if named else None), ""


def _values(
    line: int, cells: dict[str, object], orgs: OrganisationIndex, plan: Plan
) -> dict[str, Any] | None:
    before = len(plan.problems)
    values = parse_cells(PERSON_COLUMNS, line, cells, plan.problems)
    if "email" in values:
        values["email"] = str(values["email"]).strip()
        if values["email"] and ("@" not in values["email"] or " " in values["email"]):
            plan.problems.append(Problem(f"{values['email']} is not an email address", line, "email"))
    if "name" in values:
        values["name"] = str(values["name"]).strip()
    ref = str(values.get("organisation") or "").strip()
    if "organisation" in values:
        values["organisation"] = orgs.find(ref) if ref else None
        if ref and values["organisation"] is None:
            plan.problems.append(
                Problem(
                    f"no organisation has the ODS code or name {ref}: import the organisations first",
                    line,
                    "organisation",
                )
            )
    return values if len(plan.problems) == before else None


def plan_people(trust: Organisation, sheet: Sheet) -> Plan:
    plan = Plan(problems=list(sheet.problems))
    orgs = OrganisationIndex(trust)
    people = PersonIndex(trust)
    seen: dict[str, int] = {}
    for line, cells in sheet.rows:
        values = _values(line, cells, orgs, plan)
        if values is None:
            continue
        key = _key(values)
        if key in seen:
            plan.problems.append(Problem(f"the same person is on line {seen[key]}", line, "email"))
            continue
        seen[key] = line
        existing, why = _existing(people, values)
        if why:
            plan.problems.append(Problem(why, line, "name"))
            continue
        plan.steps.append(_step(trust, line, values, existing))
    return plan


def _step(trust: Organisation, line: int, values: dict[str, Any], existing: Person | None) -> Step:
    columns = {name: name for name in FIELDS}
    if existing is None:

        def create(actor: Actor) -> None:
            services.person_create(actor=actor, trust=trust, **values)

        return Step(line, Action.CREATE, values["name"], create, columns)
    changes = changed(existing, values)
    if not changes:
        return Step(line, Action.UNCHANGED, existing.name)

    def update(actor: Actor) -> None:
        services.person_update(actor=actor, person=existing, **changes)

    return Step(line, Action.UPDATE, existing.name, update, columns)
