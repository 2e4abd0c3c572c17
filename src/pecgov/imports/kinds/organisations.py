"""Organisations from the trust's own file, or from NHS Digital's ODS practice file (ORG-1,
ADM-2). A row is matched by its ODS code, or by its name when it has none; parents in the same
file are created before their children."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from pecgov.actors import Actor
from pecgov.imports.plan import Action, OrganisationIndex, Plan, Step, changed, parse_cells
from pecgov.imports.reading import Problem, Sheet
from pecgov.trust import services
from pecgov.trust.columns import ORGANISATION_COLUMNS
from pecgov.trust.enums import OrganisationKind
from pecgov.trust.models import Organisation

FIELDS = ("name", "kind", "provider_kind", "parent", "closed_on", "address", "postcode", "open_date")


def _key(values: dict[str, Any]) -> str:
    ods = str(values.get("ods_code", "")).strip().upper()
    return ods or f"name:{str(values.get('name', '')).strip().lower()}"


def _rows(sheet: Sheet, plan: Plan, trust: Organisation) -> list[tuple[int, dict[str, Any]]]:
    rows: list[tuple[int, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    today = timezone.localdate()
    for line, cells in sheet.rows:
        before = len(plan.problems)
        values = parse_cells(ORGANISATION_COLUMNS, line, cells, plan.problems)
        values["ods_code"] = str(values.get("ods_code", "")).strip().upper()
        if values.get("kind") == OrganisationKind.TRUST:
            plan.problems.append(
                Problem("a trust is set up by the site administrator, not imported", line, "kind")
            )
        if values["ods_code"] and values["ods_code"] == trust.ods_code.upper():
            plan.problems.append(Problem(f"{values['ods_code']} is the trust's own code", line, "ods_code"))
        closed = values.get("closed_on")
        if isinstance(closed, dt.date) and closed > today:
            plan.problems.append(Problem(f"{closed:%d/%m/%Y} is in the future", line, "closed_on"))
        opened = values.get("open_date")
        if isinstance(opened, dt.date) and isinstance(closed, dt.date) and opened > closed:
            plan.problems.append(
                Problem(f"{opened:%d/%m/%Y} is after the closing date {closed:%d/%m/%Y}", line, "open_date")
            )
        key = _key(values)
        if key in seen:
            plan.problems.append(Problem(f"the same organisation is on line {seen[key]}", line, "ods_code"))
        seen.setdefault(key, line)
        if len(plan.problems) == before:
            rows.append((line, values))
    return rows


def _ordered(rows: list[tuple[int, dict[str, Any]]], plan: Plan) -> list[tuple[int, dict[str, Any]]]:
    """Parents before children when both are in the file; a loop of parents is a problem."""
    in_file = {_key(v): (line, v) for line, v in rows}
    names = {str(v["name"]).strip().lower(): _key(v) for _, v in rows if "name" in v}
    done: set[str] = set()
    ordered: list[tuple[int, dict[str, Any]]] = []

    def parent_key(values: dict[str, Any]) -> str | None:
        ref = str(values.get("parent") or "").strip()
        if not ref:
            return None
        return ref.upper() if ref.upper() in in_file else names.get(ref.lower())

    for key in in_file:
        chain: list[str] = []
        current: str | None = key
        while current is not None and current not in done:
            if current in chain:
                line = in_file[current][0]
                plan.problems.append(
                    Problem("the parents of these organisations go round in a loop", line, "parent")
                )
                return ordered
            chain.append(current)
            current = parent_key(in_file[current][1])
        for item in reversed(chain):
            done.add(item)
            ordered.append(in_file[item])
    return ordered


def plan_organisations(trust: Organisation, sheet: Sheet, *, fields: tuple[str, ...] = FIELDS) -> Plan:
    """What importing these organisations would do. `fields` are the ones the file may change
    (the ODS practice file changes only names, addresses and dates)."""
    plan = Plan(problems=list(sheet.problems))
    index = OrganisationIndex(trust)
    rows = _ordered(_rows(sheet, plan, trust), plan)
    in_file = {_key(values) for _, values in rows} | {
        str(values["name"]).strip().lower() for _, values in rows if "name" in values
    }
    made: dict[str, Organisation] = {}

    def resolve(ref: str) -> Organisation | None:
        key = ref.strip().upper()
        return made.get(key) or made.get(f"name:{ref.strip().lower()}") or index.find(ref)

    for line, values in rows:
        ref = str(values.get("parent") or "").strip()
        if ref and ref.upper() not in in_file and ref.lower() not in in_file and index.find(ref) is None:
            plan.problems.append(
                Problem(
                    f"no organisation has the ODS code or name {ref} in this trust or this file",
                    line,
                    "parent",
                )
            )
            continue
        plan.steps.append(_step(trust, index, resolve, made, line, values, fields))
    return plan


def _existing(index: OrganisationIndex, values: dict[str, Any]) -> Organisation | None:
    if values["ods_code"]:
        return index.by_ods.get(values["ods_code"])
    named = [o for o in index.by_name.get(str(values.get("name", "")).strip().lower(), []) if not o.ods_code]
    return named[0] if len(named) == 1 else None


def _step(
    trust: Organisation,
    index: OrganisationIndex,
    resolve: Any,
    made: dict[str, Organisation],
    line: int,
    values: dict[str, Any],
    fields: tuple[str, ...],
) -> Step:
    existing = _existing(index, values)
    label = f"{values.get('name') or (existing.name if existing else '')} {values['ods_code']}".strip()

    def wanted(org: Organisation | None) -> dict[str, Any]:
        # A new organisation takes every field the row gives; an existing one only `fields`.
        present = [f for f in (fields if org is not None else FIELDS) if f in values]
        out = {f: values[f] for f in present if f != "parent"}
        if "name" in out:
            out["name"] = str(out["name"]).strip()
        if "parent" in present:
            ref = str(values["parent"] or "").strip()
            out["parent"] = resolve(ref) if ref else None
        return out

    if existing is None:

        def create(actor: Actor) -> None:
            data = wanted(None)
            closed_on = data.pop("closed_on", None)
            org = services.organisation_create(actor=actor, trust=trust, ods_code=values["ods_code"], **data)
            if closed_on is not None:
                services.organisation_update(actor=actor, organisation=org, closed_on=closed_on)
            made[_key(values)] = org
            index.add(org)

        return Step(line, Action.CREATE, label, create)
    if existing.kind == OrganisationKind.TRUST:
        return Step(line, Action.UNCHANGED, label)
    parent_ref = str(values.get("parent") or "").strip()
    if "parent" in fields and parent_ref and resolve(parent_ref) is None:
        # The parent is created by this file: the row changes once it exists.
        differs = True
    else:
        differs = bool(changed(existing, wanted(existing)))
    if not differs:
        made[_key(values)] = existing
        return Step(line, Action.UNCHANGED, label)

    def update(actor: Actor) -> None:
        services.organisation_update(
            actor=actor, organisation=existing, **changed(existing, wanted(existing))
        )
        made[_key(values)] = existing

    return Step(line, Action.UPDATE, label, update)
