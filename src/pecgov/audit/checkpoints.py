"""Signed checkpoints of the ledger's head, kept outside the database (X-2).

`pecgov audit checkpoint` appends one JSON line to a file: the last event's id and hash, how
many events there were and when, signed with the ledger key. Someone who can rewrite the
database but not this file (nor knows the key) cannot cut events off the end, or rewrite any
event before the checkpoint, without `pecgov audit verify` naming it.

The file is `PECGOV_LEDGER_CHECKPOINTS` (or `settings.LEDGER_CHECKPOINTS`); by default
`var/ledger-checkpoints-<database name>.jsonl`, so that two databases on one machine keep
their own. Tests use none unless they set one.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone

from pecgov.audit.hashing import same, sign
from pecgov.audit.keys import key_by_id, signing_key

KIND = "pecgov-ledger-checkpoint"


def checkpoint_path() -> Path | None:
    configured = getattr(settings, "LEDGER_CHECKPOINTS", None) or os.environ.get("PECGOV_LEDGER_CHECKPOINTS")
    if configured:
        return Path(configured)
    if getattr(settings, "TESTING", False):
        return None
    name = Path(str(connection.settings_dict.get("NAME") or "pecgov")).stem
    return Path(getattr(settings, "VAR_DIR", Path("var"))) / f"ledger-checkpoints-{name}.jsonl"


@dataclass(frozen=True)
class Checkpoint:
    line: int
    event_id: int | None
    hash: str
    count: int
    at: str


@dataclass(frozen=True)
class Reading:
    """The checkpoints that hold, and what is wrong with the lines that do not."""

    checkpoints: tuple[Checkpoint, ...]
    problems: tuple[str, ...]


def _signed_part(record: dict[str, Any]) -> dict[str, Any]:
    return {key: record.get(key) for key in ("kind", "event_id", "hash", "count", "at", "key_id")}


def write(path: Path, *, event_id: int | None, hash_: str, count: int) -> dict[str, Any]:
    """Append one signed checkpoint line to `path` and make it durable before returning."""
    key = signing_key()
    record: dict[str, Any] = {
        "kind": KIND,
        "event_id": event_id,
        "hash": hash_,
        "count": count,
        "at": timezone.now().isoformat(timespec="seconds"),
        "key_id": key.id,
    }
    record["signature"] = sign(key, _signed_part(record))
    with path.open("a", encoding="utf-8") as file:
        file.write(json.dumps(record, sort_keys=True) + "\n")
        file.flush()
        os.fsync(file.fileno())
    return record


def read(path: Path) -> Reading:
    """Every checkpoint in `path` whose signature holds; a line that cannot be read or whose
    signature fails is a problem (the file was altered, or a line forged)."""
    checkpoints: list[Checkpoint] = []
    problems: list[str] = []
    with path.open(encoding="utf-8") as file:
        for number, text in enumerate(file, start=1):
            if not text.strip():
                continue
            try:
                record = json.loads(text)
                if not isinstance(record, dict) or record.get("kind") != KIND:
                    raise ValueError
                key_id = str(record["key_id"])
                signature = str(record["signature"])
            except (ValueError, KeyError):
                problems.append(f"line {number} of the checkpoint file {path} cannot be read")
                continue
            key = key_by_id(key_id)
            if key is None:
                problems.append(
                    f"line {number} of the checkpoint file {path} was signed with ledger key "
                    f"'{key_id}', which is not configured"
                )
                continue
            if not same(sign(key, _signed_part(record)), signature):
                problems.append(
                    f"line {number} of the checkpoint file {path} does not match its signature "
                    "(it was altered or forged)"
                )
                continue
            checkpoints.append(
                Checkpoint(
                    line=number,
                    event_id=record["event_id"],
                    hash=str(record["hash"]),
                    count=int(record["count"]),
                    at=str(record["at"]),
                )
            )
    return Reading(tuple(checkpoints), tuple(problems))
