"""A lean INSERT for the generator's bulk rows: one prepared statement per table and
`executemany`, rather than Django's `bulk_create`, which compiles a new multi-row statement for
every ~30 rows on SQLite (999 parameters) and prepares each value through several layers.

The rows are exactly those `bulk_create` writes: the same columns, the same values (each prepared
by the field's own `get_db_prep_save` unless it is a plain int/str/bool/None on a field that
stores it unchanged), and the same ids, taken in order from the table's own sequence (SQLite's
AUTOINCREMENT counter or PostgreSQL's identity sequence) before the insert, so every object
gets its pk as `bulk_create` would set it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, cast

from django.db import connection, models

# Field types whose database value is the Python value itself when it is a plain int/str/bool
# (JSON, dates, decimals and the rest always go through the field).
_PLAIN = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "EmailField",
    "ForeignKey",
    "IntegerField",
    "OneToOneField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
    "URLField",
}
_SIMPLE = (int, str, bool)
_SIMPLE_OR_NONE = {int, str, bool, type(None)}
CHUNK = 5000


def _converter(field: models.Field[Any, Any]) -> Callable[[Any], Any]:
    prep = field.get_db_prep_save
    if field.get_internal_type() in _PLAIN:

        def plain(value: Any) -> Any:
            if value is None or type(value) in _SIMPLE:
                return value
            return prep(value, connection)

        return plain
    return lambda value: prep(value, connection)


def attribute_columns(
    objs: Sequence[models.Model], fields: Sequence[models.Field[Any, Any]]
) -> list[tuple[Any, ...]]:
    """Each field's attribute over every object, column by column (read in C: `attrgetter`)."""
    get = attrgetter(*(f.attname for f in fields))
    if len(fields) == 1:
        return [tuple(map(get, objs))]
    return list(zip(*map(get, objs), strict=True))


def _database_column(field: models.Field[Any, Any], column: tuple[Any, ...]) -> tuple[Any, ...]:
    """A column in database form: as it is when the field stores plain ints, strings, bools and
    None unchanged and the column holds nothing else (the usual case, checked in one pass),
    else each value through the field (`_converter`)."""
    if field.get_internal_type() in _PLAIN and set(map(type, column)) <= _SIMPLE_OR_NONE:
        return column
    convert = _converter(field)
    return tuple(map(convert, column))


def supported(model: type[models.Model]) -> bool:
    """A table of its own (no multi-table parent) with an integer auto pk."""
    meta = model._meta
    return (
        not meta.parents
        and meta.pk is not None
        and meta.pk.get_internal_type()
        in {
            "AutoField",
            "BigAutoField",
        }
    )


# Each table's id sequence on PostgreSQL, by database, table and column.
_SEQUENCES: dict[tuple[str, str, str], str] = {}


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` new ids for `model`, the ones its sequence would hand out next."""
    meta = model._meta
    table, column = meta.db_table, meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The sequence looked up once: `pg_get_serial_sequence` in the select list would be
            # asked again for every id (about nine times the server's time).
            key = (connection.settings_dict["NAME"], table, column)
            sequence = _SEQUENCES.get(key)
            if sequence is None:
                cursor.execute(
                    "SELECT pg_get_serial_sequence(%s, %s)", [connection.ops.quote_name(table), column]
                )
                row = cursor.fetchone()
                sequence = _SEQUENCES[key] = str(row[0])
            cursor.execute("SELECT nextval(%s::regclass) FROM generate_series(1, %s)", [sequence, count])
            return [int(row[0]) for row in cursor.fetchall()]
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        seq = int(row[0]) if row else 0
        cursor.execute(
            f"SELECT MAX({connection.ops.quote_name(column)}) FROM {connection.ops.quote_name(table)}"
        )
        top = cursor.fetchone()
        start = max(seq, int(top[0] or 0) if top else 0) + 1
    return list(range(start, start + count))


def insert(model: type[models.Model], objs: Sequence[models.Model]) -> list[tuple[Any, ...]]:
    """Insert `objs` (pks unset or set) with one statement run many times; sets each pk and
    returns the rows as written, one value per `local_concrete_fields` column."""
    if not objs:
        return []
    meta = model._meta
    pk = meta.pk
    assert pk is not None
    missing = [obj for obj in objs if obj.pk is None]
    for obj, new_id in zip(missing, reserve_ids(model, len(missing)), strict=True):
        setattr(obj, pk.attname, new_id)
    fields = list(meta.local_concrete_fields)
    stamped = [f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    for obj in objs:
        obj._prepare_related_fields_for_save(operation_name="bulk_create")  # type: ignore[attr-defined]
        for f in stamped:
            f.pre_save(obj, True)
    columns = [
        _database_column(f, column) for f, column in zip(fields, attribute_columns(objs, fields), strict=True)
    ]
    rows = list(zip(*columns, strict=True))
    insert_rows(model, rows)
    db = connection.alias
    for obj in objs:
        obj._state.adding = False
        obj._state.db = db
    return rows


def insert_rows(model: type[models.Model], rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert rows already in database form, one value per `local_concrete_fields` column:
    PostgreSQL's COPY (one statement for all the rows, parsed once), SQLite's prepared
    `executemany`."""
    if not rows:
        return
    fields = list(model._meta.local_concrete_fields)
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            unchecked = _may_skip_key_checks(cursor)
            if unchecked:
                cursor.execute("SET LOCAL session_replication_role = replica")
            _copy(cursor.cursor, f"COPY {table} ({columns}) FROM STDIN", rows)
            if unchecked:
                cursor.execute("SET LOCAL session_replication_role = origin")
            return
        sql = "INSERT INTO {} ({}) VALUES ({})".format(table, columns, ", ".join(["%s"] * len(fields)))
        for start in range(0, len(rows), CHUNK):
            cursor.executemany(sql, rows[start : start + CHUNK])


def _may_skip_key_checks(cursor: Any) -> bool:
    """Whether this COPY may run without PostgreSQL checking each row's foreign keys, as a
    restore does (`session_replication_role = replica`, which fires no ordinary trigger): only
    inside a transaction (`SET LOCAL` ends with it, whatever happens) and for a role allowed to
    set it (a superuser, such as the bench's and the tests' throwaway server). Each row checked
    one by one is the largest part of the server's work while generating: a national dataset
    makes about 2.3 million such checks. The rows are the generator's own and reference rows it
    has just written; the same generator on SQLite, which does check every key at commit, and
    `tests/demo_generate` on both databases keep them right. No COPY goes to a table with a
    trigger of the application's own (the ledger's tables are written by `chain.append`)."""
    if not connection.in_atomic_block:
        return False
    raw = connection.connection
    known = _SUPERUSER.get(id(raw))
    if known is None or known[0] is not raw:
        cursor.execute("SELECT current_setting('is_superuser') = 'on'")
        row = cursor.fetchone()
        known = _SUPERUSER[id(raw)] = (raw, bool(row and row[0]))
    return known[1]


# Whether each database connection's role is a superuser, asked once per connection.
_SUPERUSER: dict[int, tuple[Any, bool]] = {}


def _copy(cursor: Any, statement: str, rows: Sequence[tuple[Any, ...]]) -> None:
    """The rows through psycopg 3's `cursor.copy()`, each value adapted by the connection's own
    dumpers, as an INSERT's parameters would be."""
    with cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


@dataclass(frozen=True)
class HistoryRow:
    """What the writers need of a history row they wrote: its ids."""

    id: Any
    history_id: int
    history_model: type[models.Model]


_HISTORY_COLUMNS = {"history_id", "history_date", "history_change_reason", "history_type", "history_user_id"}


def history_supported(model: type[models.Model], history_model: type[models.Model]) -> bool:
    """The history table has the source's columns plus simple-history's own, nothing else."""
    source = {f.attname for f in model._meta.local_concrete_fields}
    tracked = {f.attname for f in history_model.tracked_fields}  # type: ignore[attr-defined]
    columns = {f.attname for f in history_model._meta.local_concrete_fields}
    return (
        supported(model)
        and supported(history_model)
        and tracked <= source
        and columns <= tracked | _HISTORY_COLUMNS
        and not hasattr(history_model, "history_relation")
    )


def insert_history(
    model: type[models.Model],
    history_model: type[models.Model],
    objs: Sequence[models.Model],
    rows: Sequence[tuple[Any, ...]],
    *,
    date: Any,
    reason: str,
) -> list[HistoryRow]:
    """One "+" history row per object, as `bulk_history_create` writes them (its date, reason,
    default user and the tracked columns), built from the rows just written for the objects."""
    source = {f.attname: i for i, f in enumerate(model._meta.local_concrete_fields)}
    ids = reserve_ids(history_model, len(objs))
    user = history_model.get_default_history_user(objs[0])  # type: ignore[attr-defined]
    fixed = {
        "history_date": _converter(
            cast(models.Field[Any, Any], history_model._meta.get_field("history_date"))
        )(date),
        "history_change_reason": reason,
        "history_type": "+",
        "history_user_id": getattr(user, "pk", None),
    }
    pk_index = source[model._meta.pk.attname]
    columns = [f.attname for f in history_model._meta.local_concrete_fields]
    picks = [(source.get(c), fixed.get(c)) for c in columns]
    id_at = columns.index("history_id")
    out: list[tuple[Any, ...]] = []
    for row, new_id in zip(rows, ids, strict=True):
        values = [row[i] if i is not None else value for i, value in picks]
        values[id_at] = new_id
        out.append(tuple(values))
    insert_rows(history_model, out)
    return [HistoryRow(row[pk_index], new_id, history_model) for row, new_id in zip(rows, ids, strict=True)]
