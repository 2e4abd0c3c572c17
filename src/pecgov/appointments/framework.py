"""The competency framework (APP-2, APP-5): DH Annex B as data, loaded and checked.

`competencies.toml` holds three headings: the chair's person specification ("chair"), the core
management competencies ("core") and the added value competencies ("added_value"). Each entry
has a stable key (scores refer to it), the source's wording and its source. A malformed file is
refused as a whole with a message naming the entry, so a bad edit never half-loads.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

FRAMEWORK_FILE = Path(__file__).resolve().parent / "competencies.toml"

CHAIR = "chair"
CORE = "core"
ADDED_VALUE = "added_value"
HEADINGS = (CORE, ADDED_VALUE, CHAIR)
HEADING_NAMES = {
    CORE: "Core management competencies",
    ADDED_VALUE: "Added value competencies",
    CHAIR: "Person specification for PEC chair",
}
# "PEC members must be able to demonstrate skills or development potential under both
# headings" (DH Annex B): the two headings every candidate is judged under.
REQUIRED_HEADINGS = (CORE, ADDED_VALUE)

FIELDS = ("key", "text", "source")
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


class FrameworkError(ValueError):
    """The competency file is malformed; the message names the entry and what is wrong."""


@dataclass(frozen=True)
class Competency:
    key: str
    heading: str
    text: str
    source: str

    @property
    def heading_name(self) -> str:
        return HEADING_NAMES[self.heading]


def _entry_name(heading: str, index: int, entry: Any) -> str:
    label = f"{heading} entry {index}"
    if isinstance(entry, dict) and isinstance(entry.get("key"), str) and entry["key"]:
        label += f' ("{entry["key"]}")'
    return label


def parse(text: str) -> tuple[Competency, ...]:
    """Parse and check a competency file's text. Raises FrameworkError naming the bad entry."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FrameworkError(f"The competency file is not valid TOML: {error}") from error
    unknown = sorted(set(data) - set(HEADINGS))
    if unknown:
        raise FrameworkError(
            f"Unknown heading {', '.join(repr(h) for h in unknown)}: use {', '.join(HEADINGS)}."
        )
    seen: dict[str, str] = {}
    result = []
    for heading in HEADINGS:
        entries = data.get(heading, [])
        if not isinstance(entries, list):
            raise FrameworkError(f'Heading "{heading}" must be a list of entries ([[{heading}]]).')
        for index, entry in enumerate(entries, start=1):
            name = _entry_name(heading, index, entry)
            if not isinstance(entry, dict):
                raise FrameworkError(f"{name}: must be a table with {', '.join(FIELDS)}.")
            missing = [f for f in FIELDS if f not in entry]
            if missing:
                raise FrameworkError(f"{name}: missing {', '.join(missing)}.")
            extra = sorted(set(entry) - set(FIELDS))
            if extra:
                raise FrameworkError(f"{name}: unknown field {', '.join(extra)}.")
            for field_name in FIELDS:
                value = entry[field_name]
                if not isinstance(value, str) or not value.strip():
                    raise FrameworkError(f"{name}: {field_name} must be non-empty text.")
            key = entry["key"]
            if not KEY_PATTERN.match(key):
                raise FrameworkError(
                    f"{name}: key must be lower-case letters, digits and underscores, starting with a letter."
                )
            if key in seen:
                raise FrameworkError(f"{name}: key is already used by {seen[key]}.")
            seen[key] = name
            result.append(Competency(key, heading, entry["text"].strip(), entry["source"].strip()))
    if not result:
        raise FrameworkError("The competency file has no entries.")
    return tuple(result)


@cache
def _shipped() -> tuple[Competency, ...]:
    return parse(FRAMEWORK_FILE.read_text(encoding="utf-8"))


def competencies(heading: str | None = None) -> tuple[Competency, ...]:
    """The shipped framework, in file order; only one heading's entries when `heading` is given."""
    if heading is not None and heading not in HEADINGS:
        raise ValueError(f"Unknown heading {heading!r}: use {', '.join(HEADINGS)}.")
    entries = _shipped()
    if heading is None:
        return entries
    return tuple(c for c in entries if c.heading == heading)
