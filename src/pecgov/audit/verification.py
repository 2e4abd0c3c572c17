"""`verify`: does the ledger hold, and if not, what exactly does not (X-2).

In one pass, in batches: every event's link to the one before and its own HMAC; every
history row an event names, against the digest it was named with. Then the head; the signed
checkpoints kept outside the database; history rows no event names; and every live row
against its latest history. Each problem is named; the first is also `problem`.

Events made before the ledger had keys (blank key id) are checked by the old unkeyed rule,
only as the start of the chain, and only once a checkpoint covers them: anyone could have
recomputed them, and the first `pecgov audit checkpoint` after the upgrade re-anchors them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.utils import timezone
from simple_history.models import registered_models

from pecgov.audit import checkpoints as checkpoint_file
from pecgov.audit.hashing import (
    GENESIS,
    hashed_fields,
    keyed_event_hash,
    legacy_event_hash,
    row_digest,
    same,
)
from pecgov.audit.keys import key_by_id
from pecgov.audit.liverows import check_all
from pecgov.audit.models import AuditEvent, AuditHead

MAX_REPORTED = 50
# Events per query, and history rows per query: a few MB at most whatever the ledger's size.
EVENTS_PER_QUERY = 50
ROWS_PER_QUERY = 5000
# The one problem a first checkpoint resolves: `pecgov audit checkpoint` may still write then.
UNANCHORED = "unanchored"


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    events_checked: int
    history_rows_checked: int
    first_broken_event: int | None = None
    problem: str = ""
    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    live_rows_checked: int = 0
    checkpoints_checked: int = 0
    last_event_id: int | None = None
    last_hash: str = GENESIS
    kinds: frozenset[str] = frozenset()


@dataclass
class _Findings:
    problems: list[str] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)
    more: int = 0
    first_event: int | None = None

    def add(self, text: str, event_id: int | None = None, kind: str = "") -> None:
        self.kinds.add(kind or "broken")
        if self.first_event is None and event_id is not None:
            self.first_event = event_id
        if len(self.problems) < MAX_REPORTED:
            self.problems.append(text)
        else:
            self.more += 1


class _IdSet:
    """History ids named by events, one bit each: memory stays bounded by the largest id / 8."""

    def __init__(self) -> None:
        self.bits = bytearray()

    def add(self, value: int) -> None:
        index = value >> 3
        if index >= len(self.bits):
            self.bits.extend(bytes(index - len(self.bits) + 1024))
        self.bits[index] |= 1 << (value & 7)

    def __contains__(self, value: int) -> bool:
        index = value >> 3
        return index < len(self.bits) and bool(self.bits[index] & (1 << (value & 7)))

    def __len__(self) -> int:
        return int.from_bytes(self.bits, "little").bit_count()


@dataclass
class _Walk:
    """Where the walk through the chain has got to."""

    prev: str = GENESIS
    prev_id: int | None = None
    prev_changed: bool = False
    checked: int = 0
    rows_checked: int = 0
    keyed_seen: bool = False
    legacy_first: int | None = None
    legacy_last: int | None = None
    # event id -> (position in the chain, hash), for the events checkpoints name
    marks: dict[int, tuple[int, str]] = field(default_factory=dict)
    named: dict[str, _IdSet] = field(default_factory=dict)
    unkeyed_run: tuple[int, int] | None = None
    unknown_keys: dict[str, tuple[int, int]] = field(default_factory=dict)


def _check_event(event: AuditEvent, walk: _Walk, found: _Findings) -> None:
    if event.prev_hash != walk.prev and not walk.prev_changed:
        after = f"#{walk.prev_id}" if walk.prev_id is not None else "the start"
        found.add(
            f"event {event.id} does not follow the event before it (a row was removed or reordered): "
            f"what came between {after} and #{event.id} is missing",
            event.id,
        )
    fields = hashed_fields(event)
    changed = False
    if not event.key_id:
        if walk.keyed_seen:
            # One problem for a run of such events, named when the run ends (_end_run).
            walk.unkeyed_run = (walk.unkeyed_run[0] if walk.unkeyed_run else event.id, event.id)
            found.first_event = found.first_event or event.id
            changed = True
        else:
            walk.legacy_first = walk.legacy_first or event.id
            walk.legacy_last = event.id
            if not same(legacy_event_hash(event.prev_hash, fields), event.hash):
                found.add(f"event {event.id} was changed after it was written", event.id)
                changed = True
    else:
        _end_run(walk, found)
        walk.keyed_seen = True
        key = key_by_id(event.key_id)
        if key is None:
            # Named once per key, when the walk ends (_end_run), with how many events it signed.
            first, count = walk.unknown_keys.get(event.key_id, (event.id, 0))
            walk.unknown_keys[event.key_id] = (first, count + 1)
            found.first_event = found.first_event or event.id
        elif not same(keyed_event_hash(key, event.prev_hash, fields), event.hash):
            found.add(
                f"event {event.id} was changed after it was written (its signature does not match: "
                "altered, or forged without the ledger key)",
                event.id,
            )
            changed = True
    walk.prev, walk.prev_id, walk.prev_changed = event.hash, event.id, changed
    walk.checked += 1


def _end_run(walk: _Walk, found: _Findings) -> None:
    if walk.unkeyed_run is None:
        return
    start, end = walk.unkeyed_run
    which = (
        f"event {start} carries no ledger key but follows"
        if start == end
        else f"events {start} to {end} carry no ledger key but follow"
    )
    found.add(f"{which} keyed events: written or rewritten without the key", start)
    walk.unkeyed_run = None


def _check_refs(batch: list[AuditEvent], walk: _Walk, found: _Findings) -> None:
    """Check the history rows a batch of events names, ROWS_PER_QUERY at a time: one event may
    name thousands (the data generator's), and memory stays bounded."""
    pending: list[tuple[int, dict[str, Any]]] = []
    for event in batch:
        for ref in event.history_refs:
            pending.append((event.id, ref))
            if len(pending) >= ROWS_PER_QUERY:
                _check_rows(pending, walk, found)
                pending = []
    _check_rows(pending, walk, found)


def _check_rows(pending: list[tuple[int, dict[str, Any]]], walk: _Walk, found: _Findings) -> None:
    wanted: dict[str, set[int]] = {}
    for _, ref in pending:
        wanted.setdefault(ref["model"], set()).add(ref["id"])
    digests: dict[tuple[str, int], str] = {}
    for label, ids in wanted.items():
        model = apps.get_model(label)
        for row in model._default_manager.filter(history_id__in=ids).iterator(chunk_size=ROWS_PER_QUERY):
            digests[(label, row.history_id)] = row_digest(row)
    for event_id, ref in pending:
        walk.named.setdefault(ref["model"], _IdSet()).add(ref["id"])
        digest = digests.get((ref["model"], ref["id"]))
        if digest is None:
            found.add(
                f"history row {ref['model']} #{ref['id']} named by event {event_id} is missing", event_id
            )
        elif digest != ref["sha256"]:
            found.add(
                f"history row {ref['model']} #{ref['id']} named by event {event_id} "
                "was changed behind the application's back",
                event_id,
            )
        else:
            walk.rows_checked += 1


def _walk(batch_size: int, marked: set[int], found: _Findings) -> _Walk:
    walk = _Walk()
    last_id = 0
    while True:
        batch = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:batch_size])
        if not batch:
            _end_run(walk, found)
            for key_id, (first, count) in walk.unknown_keys.items():
                found.add(
                    f"event {first} was signed with ledger key '{key_id}', which is not configured "
                    f"({count} event(s) signed with it cannot be checked)",
                    first,
                )
            return walk
        for event in batch:
            _check_event(event, walk, found)
            if event.id in marked:
                walk.marks[event.id] = (walk.checked, event.hash)
        _check_refs(batch, walk, found)
        last_id = batch[-1].id


def _last_good(walk: _Walk) -> str:
    return f"event {walk.prev_id}" if walk.prev_id is not None else "the start (no events)"


def _check_head(walk: _Walk, found: _Findings) -> None:
    head = AuditHead.objects.filter(id=1).first()
    if head is None:
        if walk.checked:
            found.add("the chain's head is missing: it was deleted behind the application's back")
        return
    if head.count > walk.checked:
        gone = head.count - walk.checked
        found.add(
            f"the ledger ends at {_last_good(walk)} (the last good event), but its head recorded "
            f"{head.count} events: {gone} event(s) after it are gone (events were removed)"
        )
    elif head.count < walk.checked or head.last_hash != walk.prev:
        found.add(
            f"the chain's head does not match its last event, {_last_good(walk)}: "
            "the head was changed behind the application's back, or events were removed"
        )


def _at(iso: str) -> str:
    try:
        return timezone.localtime(dt.datetime.fromisoformat(iso)).strftime("%Y-%m-%d %H:%M")
    except (TypeError, ValueError):
        return iso


def _check_checkpoints(walk: _Walk, reading: checkpoint_file.Reading, found: _Findings) -> None:
    for problem in reading.problems:
        found.add(problem)
    latest: checkpoint_file.Checkpoint | None = None
    for point in reading.checkpoints:
        when = f"the checkpoint of {_at(point.at)}"
        if point.event_id is None:
            continue
        mark = walk.marks.get(point.event_id)
        if mark is None:
            if walk.prev_id is None or point.event_id > walk.prev_id:
                if latest is None or point.count > latest.count:
                    latest = point
            else:
                found.add(f"event {point.event_id}, recorded by {when}, is missing", point.event_id)
            continue
        position, hash_ = mark
        if not same(hash_, point.hash):
            found.add(f"event {point.event_id} differs from {when}: it was rewritten", point.event_id)
        elif position != point.count:
            found.add(
                f"{when} counted {point.count} events up to event {point.event_id}, the ledger now "
                f"holds {position}: {point.count - position} event(s) before it are gone"
            )
    if latest is not None:
        found.add(
            f"the checkpoint of {_at(latest.at)} recorded {latest.count} events up to "
            f"event {latest.event_id}, but the ledger now ends at {_last_good(walk)} (the last good event): "
            f"{max(latest.count - walk.checked, 1)} event(s) are gone"
        )
    if walk.legacy_last is not None and not any(
        point.event_id is not None and point.event_id >= walk.legacy_last and point.event_id in walk.marks
        for point in reading.checkpoints
    ):
        found.add(
            f"events {walk.legacy_first} to {walk.legacy_last} were made before the ledger had keys and "
            "no checkpoint covers them yet: run `pecgov audit checkpoint` once to anchor them",
            kind=UNANCHORED,
        )


def _unchained_history(walk: _Walk, found: _Findings) -> None:
    """Every history row must be named by an event: one written outside the services is not."""
    for model in registered_models.values():
        manager: Any = getattr(model, "history", None)
        if manager is None:
            continue
        history_model = manager.model
        label = history_model._meta.label
        named = walk.named.get(label, _IdSet())
        total = history_model._default_manager.count()
        unnamed = total - len(named)
        if unnamed > 0:
            found.add(
                f"{unnamed} history row(s) of {label} are not in the chain: "
                "they were written outside the application's services"
            )


def verify(batch_size: int = EVENTS_PER_QUERY, *, live_rows: bool = True) -> VerifyResult:
    """Check the whole ledger; name every problem (up to MAX_REPORTED, then a count)."""
    found = _Findings()
    path = checkpoint_file.checkpoint_path()
    reading = checkpoint_file.Reading((), ())
    if path is not None and path.exists():
        reading = checkpoint_file.read(path)
    marked = {point.event_id for point in reading.checkpoints if point.event_id is not None}
    walk = _walk(batch_size, marked, found)
    # The head before the unchained history: events removed from the end also leave the history
    # rows they named unchained, and "events were removed" is the cause to report first.
    _check_head(walk, found)
    _check_checkpoints(walk, reading, found)
    _unchained_history(walk, found)
    live = check_all(lambda text: found.add(text)) if live_rows else 0
    notes: list[str] = []
    if path is None:
        notes.append("No checkpoint file is configured (PECGOV_LEDGER_CHECKPOINTS).")
    elif not reading.checkpoints and not reading.problems:
        notes.append(f"No checkpoints yet in {path}: run `pecgov audit checkpoint` (daily).")
    if walk.legacy_last is not None:
        notes.append(
            f"Events {walk.legacy_first} to {walk.legacy_last} were made before the ledger had keys: "
            "checked by the unkeyed SHA-256 rule, anchored by the first checkpoint after them."
        )
    if found.more:
        found.problems.append(f"... and {found.more} more")
    return VerifyResult(
        ok=not found.problems,
        events_checked=walk.checked,
        history_rows_checked=walk.rows_checked,
        first_broken_event=found.first_event,
        problem=found.problems[0] if found.problems else "",
        problems=tuple(found.problems),
        notes=tuple(notes),
        live_rows_checked=live,
        checkpoints_checked=len(reading.checkpoints),
        last_event_id=walk.prev_id,
        last_hash=walk.prev,
        kinds=frozenset(found.kinds),
    )
