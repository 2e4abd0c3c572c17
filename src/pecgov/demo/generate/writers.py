"""Bulk writers: each table's rows, their simple-history rows and the audit events naming them.

A bulk write inserts the rows in batches, then one history row per row (as a service's save
would), then appends audit events that name every history row with its digest, so that
`pecgov audit verify` finds each generated history row in the chain (X-2).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast

from django.apps import apps
from django.db import connection, models

from pecgov.actors import SYSTEM
from pecgov.audit import chain
from pecgov.audit.hashing import canonical, jsonable
from pecgov.demo.generate import fastinsert
from pecgov.demo.generate.shape import CHANGE_REASON

M = TypeVar("M", bound=models.Model)

BATCH_SIZE = 2000
# The most history rows one audit event names: keeps each event's JSON to a few hundred kB.
REFS_PER_EVENT = 5000


class GeneratedRows:
    """The rows one bulk write added, named in the event as the one object it is about; the
    history rows themselves go to `chain.append` as `refs` (see `_refs`)."""

    def __init__(self, label: str) -> None:
        self._label = label

    def __str__(self) -> str:
        return self._label


def _refs(history_model: type[models.Model], ids: list[int]) -> list[dict[str, Any]]:
    """Each history row named with its digest, exactly as `chain.history_refs` names it
    (`hashing.row_digest`: SHA-256 of the canonical JSON of every concrete column), read as
    tuples of values rather than model instances; `pecgov audit verify` checks each against the
    row with `row_digest`."""
    names = [f.attname for f in history_model._meta.concrete_fields]
    label = history_model._meta.label
    rows = (
        history_model._default_manager.filter(history_id__in=ids).order_by("history_id").values_list(*names)
    )
    at = names.index("history_id")
    return [
        {
            "model": label,
            "id": row[at],
            "sha256": hashlib.sha256(canonical(dict(zip(names, row, strict=True))).encode()).hexdigest(),
        }
        for row in rows
    ]


# The Python type a column of each kind reads back as, when the value already has it.
_READ_AS = {
    "BooleanField": bool,
    "CharField": str,
    "EmailField": str,
    "SlugField": str,
    "TextField": str,
    "URLField": str,
    "AutoField": int,
    "BigAutoField": int,
    "BigIntegerField": int,
    "ForeignKey": int,
    "IntegerField": int,
    "OneToOneField": int,
    "PositiveIntegerField": int,
    "PositiveSmallIntegerField": int,
    "SmallIntegerField": int,
}


def _as_read(field: models.Field[Any, Any], column: tuple[Any, ...]) -> tuple[Any, ...]:
    """A column's values as the database gives them back, in JSON-ready form as `row_digest`
    hashes them: unchanged when each already has the column's Python type (or is None), else
    through the field's `get_prep_value` (a file's name, a date rather than a datetime, a bool
    rather than 0 or 1); then dates, times and decimals as `hashing.jsonable` writes them."""
    kind = _READ_AS.get(field.get_internal_type())
    if kind is None or not set(map(type, column)) <= {kind, type(None)}:
        column = tuple(map(field.get_prep_value, column))
    if not set(map(type, column)) <= _JSON_NATIVE:
        column = tuple(map(jsonable, column))
    return column


_JSON_NATIVE = {int, str, bool, float, list, dict, type(None)}


def _written_refs(
    history_model: type[models.Model],
    objs: Sequence[models.Model],
    written: Sequence[fastinsert.HistoryRow],
    *,
    date: dt.datetime,
) -> list[dict[str, Any]]:
    """`_refs` without reading the rows back: each history row's digest from the values just
    written, each column's value as the database returns it (`_as_read`). The history columns
    are those `fastinsert.insert_history` wrote. `tests/demo_generate` checks that every digest
    matches the row read back (`pecgov audit verify` on a generated trust)."""
    if not objs:
        return []
    label = history_model._meta.label
    user = history_model.get_default_history_user(objs[0])  # type: ignore[attr-defined]
    fixed = {
        "history_date": jsonable(date),
        "history_change_reason": CHANGE_REASON,
        "history_type": "+",
        "history_user_id": getattr(user, "pk", None),
    }
    fields = list(history_model._meta.concrete_fields)
    tracked = [f for f in fields if f.attname not in fixed and f.attname != "history_id"]
    source = dict(zip(tracked, fastinsert.attribute_columns(objs, tracked), strict=True))
    names = [f.attname for f in fields]
    ids = tuple(row.history_id for row in written)
    columns = [
        ids
        if f.attname == "history_id"
        else (fixed[f.attname],) * len(ids)
        if f.attname in fixed
        else _as_read(f, source[f])
        for f in fields
    ]
    at = names.index("history_id")
    refs = [
        {
            "model": label,
            "id": values[at],
            "sha256": hashlib.sha256(canonical(dict(zip(names, values, strict=True))).encode()).hexdigest(),
        }
        for values in zip(*columns, strict=True)
    ]
    refs.sort(key=lambda ref: ref["id"])
    return refs


class Writer:
    """Writes one trust's generated rows, counting them per table for the summary."""

    def __init__(
        self,
        *,
        trust_id: int,
        trust_name: str,
        stamp: dt.datetime,
        data: dict[str, Any],
        step: Callable[[str], None] | None = None,
    ) -> None:
        self.trust_id = trust_id
        self.trust_name = trust_name
        self.stamp = stamp
        self.data = data
        self.step = step or (lambda _name: None)
        self.rows: Counter[str] = Counter()
        self.history_rows: Counter[str] = Counter()

    def add(
        self, model: type[M], objs: Sequence[M], *, noun: str = "", history_out: list[Any] | None = None
    ) -> list[M]:
        """Insert `objs` with one history row each and chain those rows; sets each pk. The
        history rows are appended to `history_out` when given."""
        objs = list(objs)
        meta = model._meta
        noun = noun or str(meta.verbose_name_plural)
        self.step(f"{noun} ({len(objs):,})")
        if not objs:
            return objs
        manager: Any = model.history  # type: ignore[attr-defined]
        written, refs = self._insert_with_history(model, manager, objs)
        if history_out is not None:
            history_out.extend(written)
        self.rows[meta.label] += len(objs)
        self.history_rows[manager.model._meta.label] += len(written)
        if refs is None:
            refs = _refs(manager.model, [row.history_id for row in written])
        self._chain(manager.model, refs, noun)
        return objs

    def add_plain(self, model: type[M], objs: Sequence[M], *, noun: str) -> list[M]:
        """Insert rows that carry no history of their own (an m2m's through table)."""
        objs = list(objs)
        self.step(f"{noun} ({len(objs):,})")
        _bulk_insert(model, objs)
        self.rows[model._meta.label] += len(objs)
        return objs

    def add_m2m_history(
        self,
        owner_history: Sequence[Any],
        through_rows: Sequence[Any],
        *,
        field: str,
        owner: str,
        target: str,
    ) -> None:
        """The history of an m2m as simple-history keeps it: one row per related object, pointing
        at the owner's history row (what `item.affected.set(...)` writes through the services).
        `owner` and `target` are the through table's two columns, such as `agendaitem_id`."""
        if not through_rows:
            return
        first = owner_history[0]
        history_model = first.history_model if isinstance(first, fastinsert.HistoryRow) else type(first)
        m2m_model = apps.get_model(history_model._meta.app_label, f"{history_model.__name__}_{field}")
        by_owner = {row.id: row.history_id for row in owner_history}
        rows = [
            m2m_model(
                id=through.pk,
                history_id=by_owner[getattr(through, owner)],
                **{owner: getattr(through, owner), target: getattr(through, target)},
            )
            for through in through_rows
        ]
        _bulk_insert(m2m_model, rows)
        self.history_rows[m2m_model._meta.label] += len(rows)

    def _insert_with_history(
        self, model: type[models.Model], manager: Any, objs: list[Any]
    ) -> tuple[list[Any], list[dict[str, Any]] | None]:
        """The rows and the history rows `bulk_history_create` would write (one "+" row per
        object: same columns, date, reason and default user), by the lean path when the tables
        allow it. Plain objects need no instance per history row. The lean path also names each
        history row with its digest from the values it wrote (`_written_refs`); the other path
        leaves that to `_refs`, which reads the rows back."""
        history_model = manager.model
        plain = not any(
            hasattr(obj, attr)
            for obj in objs[:1]
            for attr in ("_history_user", "_history_date", "_change_reason")
        )
        if plain and fastinsert.history_supported(model, history_model):
            rows = fastinsert.insert(model, objs)
            written = fastinsert.insert_history(
                model, history_model, objs, rows, date=self.stamp, reason=CHANGE_REASON
            )
            return written, _written_refs(history_model, objs, written, date=self.stamp)
        _bulk_insert(model, objs)
        history = manager.bulk_history_create(
            objs, batch_size=BATCH_SIZE, default_change_reason=CHANGE_REASON, default_date=self.stamp
        )
        return list(history), None

    def _chain(self, history_model: type[models.Model], refs: list[dict[str, Any]], noun: str) -> None:
        for start in range(0, len(refs), REFS_PER_EVENT):
            chunk = refs[start : start + REFS_PER_EVENT]
            label = f"{len(chunk):,} generated {noun}"
            chain.append(
                actor=SYSTEM,
                action="generate.rows",
                objects=[cast(models.Model, GeneratedRows(label))],
                refs=chunk,
                trust_id=self.trust_id,
                summary=f"Generated {len(chunk):,} {noun} for {self.trust_name}",
                data={**self.data, "table": history_model._meta.label, "rows": len(chunk)},
            )


def _bulk_insert(model: type[models.Model], objs: Sequence[Any]) -> None:
    if fastinsert.supported(model):
        fastinsert.insert(model, objs)
    else:
        model._default_manager.bulk_create(objs, batch_size=BATCH_SIZE)


def database_size() -> int:
    """Bytes the database takes: SQLite's pages, or PostgreSQL's `pg_database_size`."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
        elif connection.vendor == "sqlite":
            cursor.execute("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")
        else:
            return 0
        row = cursor.fetchone()
    return int(row[0]) if row else 0
