"""The open-data documents (`/api/popolo/<trust>/…`) in the API's OpenAPI document (PUB-2).

Each answer is described by the Popolo project's own JSON schemas, vendored in `popolo_schemas/`
with their licence, converted from JSON Schema draft 3 (the spec's) to the OpenAPI 3.1 dialect:
a property's `"required": true` becomes its object's `required` list, and references to
popoloproject.com become references to this document's components (`PopoloPerson`, ...). What this
project adds to a Popolo object (a person's profession and lead areas, the `recused` vote option
with its conflict, a meeting's attendance) is documented beside the Popolo schema.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

SCHEMAS = Path(__file__).parent / "popolo_schemas"
BASE = "http://www.popoloproject.com/schemas/"
TAG = "open data (Popolo)"
TEXT = {"type": "string"}
NULLABLE_TEXT = {"type": ["string", "null"]}

_CONFLICT = {
    "type": "object",
    "description": "Not Popolo: the conflict of interest declared on the item and how it was handled (COI-3)",
    "properties": {
        "interest": TEXT,
        "handling": TEXT,
        "excluded_from_decision": {"type": "boolean"},
        "reason": TEXT,
        "ruled_by_id": NULLABLE_TEXT,
    },
}
# What this project adds to each Popolo object (docs/open-data.md has the mapping).
EXTRAS: dict[str, dict[str, Any]] = {
    "person": {"profession": TEXT, "lead_areas": {"type": "array", "items": TEXT}},
    "organization": {"committee_kind": TEXT},
    "membership": {"co_opted_for": TEXT},
    "vote_event": {
        "meeting_id": TEXT,
        "votes": {
            "type": "array",
            "items": {
                "allOf": [
                    {"$ref": "#/components/schemas/PopoloVote"},
                    {
                        "type": "object",
                        "properties": {
                            "option": {
                                "type": "string",
                                "enum": ["yes", "no", "abstain", "recused"],
                                "description": "recused (not Popolo): the member took no part because of a conflict",
                            },
                            "conflict": _CONFLICT,
                            "struck_vote": {"type": "object", "properties": {"option": TEXT}},
                        },
                    },
                ]
            },
        },
    },
    "event": {
        "attendance": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"person_id": TEXT, "name": TEXT, "status": TEXT, "attended_as": TEXT},
            },
        }
    },
}
# Each document: its key in the answer, the Popolo class of its items, and what it lists.
DOCUMENTS = {
    "persons": ("person", "Everyone who holds or held a seat on one of the trust's committees"),
    "organizations": ("organization", "The trust, its committees and the organisations it names"),
    "memberships": ("membership", "Each seat on a committee, current and past"),
    "vote_events": ("vote_event", "Each decided public item's vote, with who stepped out and why"),
    "events": ("event", "Each public meeting, with its attendance once held"),
}


def _component(name: str) -> str:
    return "Popolo" + "".join(part.title() for part in name.split("_"))


def _convert(node: Any) -> Any:
    """Draft 3 to the OpenAPI 3.1 dialect, for one schema node and everything under it."""
    if isinstance(node, list):
        return [_convert(n) for n in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "required" and isinstance(value, bool):
            continue
        if key == "$ref" and isinstance(value, str) and value.startswith(BASE):
            value = "#/components/schemas/" + _component(value.removeprefix(BASE).split(".json")[0])
        out[key] = {k: _convert(v) for k, v in value.items()} if key == "properties" else _convert(value)
    props = node.get("properties")
    if isinstance(props, dict):
        required = [k for k, v in props.items() if isinstance(v, dict) and v.get("required") is True]
        if required:
            out["required"] = required
    return out


@cache
def components() -> dict[str, Any]:
    """Every vendored Popolo schema as an OpenAPI component, named `Popolo<Class>`."""
    found = {}
    for path in sorted(SCHEMAS.glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        schema.pop("$schema", None)
        schema.pop("id", None)
        found[_component(path.stem)] = _convert(schema)
    return found


def _item(popolo: str) -> dict[str, Any]:
    ref = {"$ref": f"#/components/schemas/{_component(popolo)}"}
    extras = EXTRAS.get(popolo)
    return {"allOf": [ref, {"type": "object", "properties": extras}]} if extras else ref


def _operation(key: str, popolo: str, what: str) -> dict[str, Any]:
    answer = {
        "type": "object",
        "required": [key, "trust"],
        "properties": {
            key: {"type": "array", "items": _item(popolo)},
            "trust": {"type": "object", "properties": {"id": TEXT, "name": TEXT}},
        },
    }
    return {
        "get": {
            "operationId": f"popolo_{key}",
            "summary": f"Popolo {key.replace('_', ' ')}",
            "description": f"{what}, as Popolo JSON; public, no sign-in (PUB-2). Only what the "
            "public pages show: see docs/open-data.md for the mapping.",
            "tags": [TAG],
            "security": [],
            "parameters": [
                {
                    "name": "trust",
                    "in": "path",
                    "required": True,
                    "description": "The trust's key, as in its public pages' addresses (its ODS code)",
                    "schema": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"},
                }
            ],
            "responses": {
                "200": {"description": "OK", "content": {"application/json": {"schema": answer}}},
                "404": {"description": "No trust has that key"},
            },
        }
    }


def paths() -> dict[str, Any]:
    """The open-data operations, at their own addresses (they are not under a versioned path)."""
    return {
        f"/api/popolo/{{trust}}/{key}.json": _operation(key, popolo, what)
        for key, (popolo, what) in DOCUMENTS.items()
    }
