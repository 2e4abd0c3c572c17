"""The checklist's actions as data: `[[checklist.actions]]` in each policy pack (EFF-1, DH Annex C)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from pecgov.policy.packs import PACK_DIR


@dataclass(frozen=True)
class ActionSpec:
    key: str
    text: str
    source: str
    position: int


@cache
def pack_actions(pack_key: str) -> tuple[ActionSpec, ...]:
    """The pack's actions in order; read once per pack."""
    data = tomllib.loads((PACK_DIR / f"{pack_key}.toml").read_text(encoding="utf-8"))
    rows = data.get("checklist", {}).get("actions", [])
    return tuple(
        ActionSpec(key=str(row["key"]), text=str(row["text"]), source=str(row["source"]), position=index)
        for index, row in enumerate(rows, start=1)
    )
