"""Live rows against their history (X-2): a row changed in its table without a history row.

A direct `UPDATE trust_membership SET role = ...` writes no history row, so the chain over the
history cannot see it: here each live row of every history-tracked model is compared, field by
field, with its latest history row, in batches (bounded memory, a few queries per batch):

* a field that differs: "Membership 15: role is 'clinical' in the table but 'chair' in its
  latest history (2026-12-06 09:19, by lead)";
* a row with no history, or whose latest history says it was deleted;
* a row that its history says exists but is gone from the table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.db import models
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone
from simple_history.models import registered_models

BATCH = 2000


def history_tracked() -> Iterator[tuple[type[models.Model], type[models.Model]]]:
    """(model, its history model) for every model simple-history tracks (not m2m history)."""
    for model in registered_models.values():
        manager = getattr(model, "history", None)
        if manager is not None:
            yield model, manager.model


def _show(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, str):
        return f"'{value}'"
    return str(value)


def _when(row: dict[str, Any]) -> str:
    at = timezone.localtime(row["history_date"]).strftime("%Y-%m-%d %H:%M")
    return f"{at}, by {row['history_user__username'] or 'the system'}"


def _fields(model: type[models.Model], history: type[models.Model]) -> list[tuple[str, str]]:
    """(name, column attribute) of each field both the table and its history hold."""
    kept = {f.attname for f in history._meta.concrete_fields}
    return [(f.name, f.attname) for f in model._meta.concrete_fields if f.attname in kept]


def _latest(
    history: type[models.Model], pk: str, ids: list[Any], columns: list[str]
) -> dict[Any, dict[str, Any]]:
    newest = (
        history._default_manager.filter(**{pk: OuterRef(pk)}).order_by("-history_id").values("history_id")[:1]
    )
    rows = (
        history._default_manager.filter(**{f"{pk}__in": ids})
        .filter(history_id=Subquery(newest))
        .values(*columns, "history_type", "history_date", "history_user__username")
    )
    return {row[pk]: row for row in rows}


def check_model(model: type[models.Model], history: type[models.Model], report: Callable[[str], None]) -> int:
    """Compare every live row of `model` with its latest history; returns the rows checked."""
    name = str(model._meta.verbose_name).capitalize()
    pk = model._meta.pk.attname
    fields = _fields(model, history)
    columns = [attname for _, attname in fields]
    checked = 0
    last: Any = None
    table = model._base_manager.order_by(pk)
    while True:
        page = table.filter(**{f"{pk}__gt": last}) if last is not None else table
        live = list(page.values(*columns)[:BATCH])
        if not live:
            break
        last = live[-1][pk]
        latest = _latest(history, pk, [row[pk] for row in live], columns)
        for row in live:
            checked += 1
            kept = latest.get(row[pk])
            if kept is None:
                report(f"{name} {row[pk]} has no history: it was written outside the application's services")
                continue
            if kept["history_type"] == "-":
                report(
                    f"{name} {row[pk]} is in the table but its latest history says it was deleted ({_when(kept)})"
                )
                continue
            differ = [
                f"{field} is {_show(row[attname])} in the table but {_show(kept[attname])}"
                for field, attname in fields
                if row[attname] != kept[attname]
            ]
            if differ:
                report(f"{name} {row[pk]}: {', '.join(differ)} in its latest history ({_when(kept)})")
    _gone(model, history, pk, name, checked, report)
    return checked


def _gone(
    model: type[models.Model],
    history: type[models.Model],
    pk: str,
    name: str,
    live: int,
    report: Callable[[str], None],
) -> None:
    """Name the rows the history says exist that are missing from the table. Every live row was
    matched to a history row that is not a deletion, so equal counts mean none is missing."""
    newest = history._default_manager.values(pk).annotate(newest=Max("history_id")).values("newest")
    standing = history._default_manager.filter(history_id__in=Subquery(newest)).exclude(history_type="-")
    if standing.count() <= live:
        return
    last: Any = None
    while True:
        page = standing.order_by(pk)
        if last is not None:
            page = page.filter(**{f"{pk}__gt": last})
        rows = list(page.values(pk, "history_date", "history_user__username")[:BATCH])
        if not rows:
            return
        last = rows[-1][pk]
        present = set(
            model._base_manager.filter(**{f"{pk}__in": [r[pk] for r in rows]}).values_list(pk, flat=True)
        )
        for row in rows:
            if row[pk] not in present:
                report(
                    f"{name} {row[pk]} is missing from the table but its latest history ({_when(row)}) "
                    "says it exists: it was deleted behind the application's back"
                )


def check_all(report: Callable[[str], None]) -> int:
    return sum(check_model(model, history, report) for model, history in history_tracked())
