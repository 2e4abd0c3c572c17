"""Committees with their members (ORG-3, ORG-4, ADM-2): one line per membership; a committee
with no members is a line with no person. A committee is matched by its name, a membership by
committee, person and start date. Committees are created parents first (the Board first)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pecgov.actors import Actor
from pecgov.imports.plan import Action, PersonIndex, Plan, Step, changed, parse_cells
from pecgov.imports.reading import Problem, Sheet
from pecgov.trust import services
from pecgov.trust.columns import COMMITTEE_COLUMNS
from pecgov.trust.models import Committee, Membership, Organisation, Person

COMMITTEE_FIELDS = ("kind", "parent", "purpose")
SEAT_FIELDS = ("role", "end_date", "co_opted_scope")


class _Committees:
    """The trust's committees by name, and those this file creates."""

    def __init__(self, trust: Organisation) -> None:
        self.by_name = {c.name.strip().lower(): c for c in Committee.objects.filter(trust=trust)}

    def get(self, name: str) -> Committee | None:
        return self.by_name.get(name.strip().lower())


def _committee_rows(
    sheet: Sheet, plan: Plan, people: PersonIndex
) -> tuple[dict[str, tuple[int, dict[str, Any]]], list[tuple[int, dict[str, Any]]]]:
    """Each committee's first line and values, and every line with a person on it."""
    committees: dict[str, tuple[int, dict[str, Any]]] = {}
    seats: list[tuple[int, dict[str, Any]]] = []
    for line, cells in sheet.rows:
        before = len(plan.problems)
        values = parse_cells(COMMITTEE_COLUMNS, line, cells, plan.problems)
        name = str(values.get("committee", "")).strip()
        key = name.lower()
        if key in committees and len(plan.problems) == before:
            first_line, first = committees[key]
            for column in ("kind", "parent", "purpose"):
                if column in values and str(values[column]).strip() != str(first.get(column, "")).strip():
                    plan.problems.append(
                        Problem(f"differs from line {first_line} for the same committee", line, column)
                    )
        elif len(plan.problems) == before:
            committees[key] = (line, values | {"committee": name})
        ref = str(values.get("person") or "").strip()
        if ref:
            person, why = people.find(ref)
            if person is None:
                plan.problems.append(Problem(why, line, "person"))
            elif not values.get("role"):
                plan.problems.append(Problem("enter the member's role", line, "role"))
            elif values.get("start_date") is None:
                plan.problems.append(Problem("enter the date the membership started", line, "start_date"))
            else:
                seats.append((line, values | {"person": person, "committee": name}))
    return committees, seats


def _order(committees: dict[str, tuple[int, dict[str, Any]]], plan: Plan) -> list[str]:
    order: list[str] = []
    done: set[str] = set()
    for key in committees:
        chain: list[str] = []
        current: str | None = key
        while current is not None and current in committees and current not in done:
            if current in chain:
                plan.problems.append(
                    Problem(
                        "these committees report to each other in a loop", committees[current][0], "parent"
                    )
                )
                return order
            chain.append(current)
            current = str(committees[current][1].get("parent") or "").strip().lower() or None
        for item in reversed(chain):
            done.add(item)
            order.append(item)
    return order


def plan_committees(trust: Organisation, sheet: Sheet) -> Plan:
    plan = Plan(problems=list(sheet.problems))
    people = PersonIndex(trust)
    known = _Committees(trust)
    committees, seats = _committee_rows(sheet, plan, people)
    for key in _order(committees, plan):
        line, values = committees[key]
        parent = str(values.get("parent") or "").strip()
        if parent and parent.lower() not in committees and known.get(parent) is None:
            plan.problems.append(
                Problem(f"no committee called {parent} in this trust or this file", line, "parent")
            )
            continue
        plan.steps.append(_committee_step(trust, known, line, values))
    existing = {
        (m.committee_id, m.person_id, m.start_date): m
        for m in Membership.objects.filter(committee__trust=trust)
    }
    seen: dict[tuple[str, int, dt.date], int] = {}
    for line, values in seats:
        person: Person = values["person"]
        seat_key = (values["committee"].lower(), person.pk, values["start_date"])
        if seat_key in seen:
            plan.problems.append(Problem(f"the same membership is on line {seen[seat_key]}", line, "person"))
            continue
        seen[seat_key] = line
        plan.steps.append(_seat_step(known, existing, line, values))
    return plan


def _committee_step(trust: Organisation, known: _Committees, line: int, values: dict[str, Any]) -> Step:
    name = values["committee"]
    columns = {"name": "committee", "kind": "kind", "parent": "parent", "purpose": "purpose"}

    def wanted() -> dict[str, Any]:
        out = {f: values[f] for f in ("kind", "purpose") if f in values}
        if "parent" in values:
            ref = str(values["parent"] or "").strip()
            out["parent"] = known.get(ref) if ref else None
        return out

    current = known.get(name)
    if current is None:

        def create(actor: Actor) -> None:
            known.by_name[name.lower()] = services.committee_create(
                actor=actor, trust=trust, name=name, **wanted()
            )

        return Step(line, Action.CREATE, name, create, columns)
    parent_ref = str(values.get("parent") or "").strip()
    pending = bool(parent_ref) and known.get(parent_ref) is None
    if not pending and not changed(current, wanted()):
        return Step(line, Action.UNCHANGED, name)

    def update(actor: Actor) -> None:
        services.committee_update(actor=actor, committee=current, **changed(current, wanted()))

    return Step(line, Action.UPDATE, name, update, columns)


def _seat_step(
    known: _Committees, existing: dict[Any, Membership], line: int, values: dict[str, Any]
) -> Step:
    person: Person = values["person"]
    label = f"{person.name}, {values['committee']}"
    columns = {
        "person": "person",
        "role": "role",
        "start_date": "start_date",
        "end_date": "end_date",
        "co_opted_scope": "co_opted_scope",
    }
    seat_values: dict[str, Any] = {f: values.get(f) or ("" if f != "end_date" else None) for f in SEAT_FIELDS}
    committee = known.get(values["committee"])
    seat = existing.get((committee.pk, person.pk, values["start_date"])) if committee else None
    if seat is None:

        def create(actor: Actor) -> None:
            target = known.get(values["committee"])
            assert target is not None
            services.membership_create(
                actor=actor,
                person=person,
                committee=target,
                role=str(seat_values["role"]),
                start_date=values["start_date"],
                end_date=seat_values["end_date"],
                co_opted_scope=str(seat_values["co_opted_scope"]),
            )

        return Step(line, Action.CREATE, label, create, columns)
    changes = changed(seat, seat_values)
    if not changes:
        return Step(line, Action.UNCHANGED, label)

    def update(actor: Actor) -> None:
        services.membership_update(actor=actor, membership=seat, **changes)

    return Step(line, Action.UPDATE, label, update, columns)
