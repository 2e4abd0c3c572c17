"""Loading and validating policy packs (POL-1).

A pack is a TOML file under `packs/`. Every parameter names its type, value and
source section. A malformed pack stops start-up with the file, the key and what
is wrong, so a trust never runs on a policy it did not mean.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

PACK_DIR = Path(__file__).resolve().parent / "packs"
DEFAULT_PACK = "dh2007"
TYPES = {"int", "bool", "str", "date", "choice"}
PARAM_FIELDS = {"type", "value", "source", "description", "nullable", "choices", "rationale", "maximum"}

ParamValue = int | bool | str | dt.date | None


class PolicyPackError(Exception):
    """A pack file that cannot be used; the message names the file, key and problem."""


@dataclass(frozen=True)
class Parameter:
    key: str
    type: str
    value: ParamValue
    source: str
    description: str
    nullable: bool = False
    choices: tuple[str, ...] = ()
    rationale: str = ""
    maximum: int | None = None

    def coerce(self, raw: Any) -> ParamValue:
        """Turn user input or JSON into this parameter's type; ValueError says why not."""
        if raw is None or (isinstance(raw, str) and raw.strip().lower() in {"", "none"}):
            if self.nullable:
                return None
            raise ValueError("Enter a value: this rule cannot be switched off")
        if self.type == "int":
            if isinstance(raw, bool):
                raise ValueError("Enter a whole number")
            try:
                number = int(str(raw).strip())
            except ValueError:
                raise ValueError("Enter a whole number, like 8") from None
            if number < 0:
                raise ValueError("Enter a number of 0 or more")
            if self.maximum is not None and number > self.maximum:
                raise ValueError(f"Enter a number of {self.maximum} or less")
            return number
        if self.type == "bool":
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in {"true", "yes", "1", "on"}:
                return True
            if text in {"false", "no", "0", "off"}:
                return False
            raise ValueError("Enter yes or no")
        if self.type == "date":
            if isinstance(raw, dt.date):
                return raw
            try:
                return dt.date.fromisoformat(str(raw).strip())
            except ValueError:
                raise ValueError("Enter a date like 2007-10-01") from None
        if self.type == "choice":
            if str(raw) not in self.choices:
                raise ValueError(f"Choose one of: {', '.join(self.choices)}")
            return str(raw)
        return str(raw).strip()

    def to_json(self, value: ParamValue) -> Any:
        return value.isoformat() if isinstance(value, dt.date) else value


@dataclass(frozen=True)
class PolicyPack:
    key: str
    title: str
    source: str
    parameters: dict[str, Parameter]

    def values(self) -> dict[str, ParamValue]:
        return {key: p.value for key, p in self.parameters.items()}


def _fail(path: Path, key: str, problem: str) -> PolicyPackError:
    return PolicyPackError(f"Policy pack {path.name}: [{key}] {problem}")


def parse_pack(path: Path) -> PolicyPack:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise PolicyPackError(f"Policy pack {path.name}: cannot be read: {error}") from error
    meta = data.get("pack")
    if not isinstance(meta, dict):
        raise _fail(path, "pack", "missing the [pack] table with key, title and source")
    for field in ("key", "title", "source"):
        if not isinstance(meta.get(field), str) or not meta[field].strip():
            raise _fail(path, f"pack.{field}", "must be a non-empty string")
    raw_params = data.get("parameters")
    if not isinstance(raw_params, dict) or not raw_params:
        raise _fail(path, "parameters", "no parameters defined")
    params: dict[str, Parameter] = {}
    for key, spec in raw_params.items():
        if not isinstance(spec, dict):
            raise _fail(path, key, "must be a table with type, value, source and description")
        unknown = set(spec) - PARAM_FIELDS
        if unknown:
            raise _fail(path, key, f"unknown field(s) {', '.join(sorted(unknown))}")
        for field in ("type", "value", "source", "description"):
            if field not in spec:
                raise _fail(path, key, f"missing '{field}'")
        if spec["type"] not in TYPES:
            raise _fail(path, key, f"type '{spec['type']}' is not one of {', '.join(sorted(TYPES))}")
        if not str(spec["source"]).strip():
            raise _fail(path, key, "'source' must cite the section the value comes from")
        choices = spec.get("choices", [])
        if spec["type"] == "choice" and (not isinstance(choices, list) or not choices):
            raise _fail(path, key, "a choice parameter needs a non-empty 'choices' list")
        param = Parameter(
            key=key,
            type=spec["type"],
            value=None,
            source=str(spec["source"]),
            description=str(spec["description"]),
            nullable=bool(spec.get("nullable", False)),
            choices=tuple(str(c) for c in choices),
            rationale=str(spec.get("rationale", "")),
            maximum=int(spec["maximum"]) if isinstance(spec.get("maximum"), int) else None,
        )
        raw_value = spec["value"]
        if spec["type"] == "int" and isinstance(raw_value, str) and raw_value != "none":
            raise _fail(path, key, f"value {raw_value!r} is not a whole number")
        if spec["type"] == "bool" and not isinstance(raw_value, bool):
            raise _fail(path, key, f"value {raw_value!r} is not true or false")
        try:
            value = param.coerce(raw_value)
        except ValueError as error:
            raise _fail(path, key, f"value {raw_value!r} is wrong: {error}") from error
        params[key] = Parameter(**{**param.__dict__, "value": value})
    return PolicyPack(key=meta["key"], title=meta["title"], source=meta["source"], parameters=params)


@cache
def load_packs(directory: Path = PACK_DIR) -> dict[str, PolicyPack]:
    """All packs, checked to define the same parameters with the same types."""
    packs: dict[str, PolicyPack] = {}
    paths: dict[str, Path] = {}
    files = sorted(directory.glob("*.toml"))
    if not files:
        raise PolicyPackError(f"No policy packs found in {directory}")
    for path in files:
        pack = parse_pack(path)
        if pack.key in packs:
            raise _fail(path, "pack.key", f"'{pack.key}' is used by another pack")
        packs[pack.key] = pack
        paths[pack.key] = path
    reference_key = DEFAULT_PACK if DEFAULT_PACK in packs else next(iter(packs))
    reference = packs[reference_key]
    for pack in packs.values():
        # Name the file the pack came from: its name need not match the pack's key.
        path = paths[pack.key]
        missing = set(reference.parameters) - set(pack.parameters)
        extra = set(pack.parameters) - set(reference.parameters)
        if missing:
            raise _fail(
                path,
                sorted(missing)[0],
                f"missing; every pack must define it (as {reference_key} does)",
            )
        if extra:
            raise _fail(
                path,
                sorted(extra)[0],
                f"not defined by {reference_key}; every pack must define the same parameters",
            )
        for key, param in pack.parameters.items():
            if param.type != reference.parameters[key].type:
                raise _fail(
                    path,
                    key,
                    f"type {param.type} differs from {reference_key}'s {reference.parameters[key].type}",
                )
    return packs


def get_pack(key: str) -> PolicyPack:
    packs = load_packs()
    if key not in packs:
        raise PolicyPackError(f"No policy pack called '{key}'; choose one of {', '.join(sorted(packs))}")
    return packs[key]
