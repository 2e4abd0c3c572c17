"""Generate N trusts, one transaction each, skipping those already there (idempotent, resumable)."""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Protocol

from django.db import connection, models, transaction
from django.utils import timezone
from simple_history.models import registered_models

from pecgov.actors import SYSTEM
from pecgov.audit import chain
from pecgov.audit.models import AuditEvent
from pecgov.demo.generate import governance, interests, meetings, shape, structure
from pecgov.demo.generate.writers import Writer, database_size
from pecgov.policy.services import policy_choose_pack
from pecgov.search.indexing import paused_indexing
from pecgov.trust import services as ts
from pecgov.trust.enums import OrganisationKind
from pecgov.trust.models import Organisation


class Reporter(Protocol):
    """Where progress goes: the command's rich progress bar, or nowhere."""

    def begin(self, total: int) -> None: ...

    def trust(self, code: str, name: str) -> None: ...

    def step(self, name: str) -> None: ...

    def trust_done(self) -> None: ...


class Silent:
    def begin(self, total: int) -> None:
        pass

    def trust(self, code: str, name: str) -> None:
        pass

    def step(self, name: str) -> None:
        pass

    def trust_done(self) -> None:
        pass


@dataclass
class Summary:
    created: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    rows: Counter[str] = field(default_factory=Counter)  # table label -> rows added
    seconds: float = 0.0
    database_bytes: int = 0


def tracked_models() -> list[type[models.Model]]:
    """Every table the generator may write: the domain tables with their history, and the ledger."""
    found: list[type[models.Model]] = []
    for model in registered_models.values():
        found.append(model)
        manager = getattr(model, "history", None)
        if manager is not None:
            found.append(manager.model)
    found.append(AuditEvent)
    return found


def _counts(tables: list[type[models.Model]]) -> Counter[str]:
    return Counter({m._meta.label: m._default_manager.count() for m in tables})


def generate(
    *, scale: int, seed: int = 1, on: dt.date | None = None, reporter: Reporter | None = None
) -> Summary:
    """Make trusts GEN001..GEN{scale}; a trust whose code is already there is skipped."""
    began = time.perf_counter()
    on = on or timezone.localdate()
    reporter = reporter or Silent()
    codes = [shape.trust_code(i) for i in range(1, scale + 1)]
    existing = set(
        Organisation.objects.filter(kind=OrganisationKind.TRUST, ods_code__in=codes).values_list(
            "ods_code", flat=True
        )
    )
    summary = Summary(skipped=[c for c in codes if c in existing])
    tables = tracked_models()
    before = _counts(tables)
    reporter.begin(scale - len(summary.skipped))
    # PUB-1: the search index is derived data, rebuilt in one pass afterwards (`pecgov search
    # reindex`, or `generate --index`) rather than record by record after each trust's commit.
    with _bulk_load(), paused_indexing():
        for index, code in enumerate(codes, start=1):
            if code in existing:
                continue
            with transaction.atomic():
                _one_trust(index, code, seed, on, reporter)
            summary.created.append(code)
            reporter.trust_done()
    if summary.created and connection.vendor == "postgresql" and not connection.in_atomic_block:
        # Planner statistics for the rows just copied in, rather than whenever autovacuum
        # comes round: the first pages after generating are planned on the real sizes.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    after = _counts(tables)
    summary.rows = Counter(
        {label: after[label] - before[label] for label in after if after[label] != before[label]}
    )
    summary.seconds = time.perf_counter() - began
    summary.database_bytes = database_size()
    return summary


@contextmanager
def _bulk_load() -> Iterator[None]:
    """Without waiting for the disk at each trust's commit while generating (the data is a
    benchmark's, made again if the machine stops): SQLite's `synchronous=OFF`, PostgreSQL's
    `synchronous_commit=off` for this session only; back to the settings' level afterwards."""
    if connection.vendor not in {"sqlite", "postgresql"} or connection.in_atomic_block:
        yield
        return
    setting = "synchronous" if connection.vendor == "sqlite" else "synchronous_commit"
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA {setting}" if connection.vendor == "sqlite" else f"SHOW {setting}")
        row = cursor.fetchone()
        before = str(row[0]) if row else ""
        cursor.execute(f"PRAGMA {setting}=OFF" if connection.vendor == "sqlite" else f"SET {setting} = off")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(f"PRAGMA {setting}={int(before or 1)}")
            else:
                cursor.execute(f"SELECT set_config('{setting}', %s, false)", [before or "on"])


def _one_trust(index: int, code: str, seed: int, on: dt.date, reporter: Reporter) -> None:
    place = shape.trust_place(index)
    name = f"{place} Primary Care Trust"
    reporter.trust(code, name)
    reporter.step("trust and policy")
    trust = ts.trust_create(actor=SYSTEM, name=name, ods_code=code)
    policy_choose_pack(actor=SYSTEM, trust=trust, pack="dh2007", reason="Default policy")
    data = {"generator": {"seed": seed, "on": on.isoformat(), "trust": code}}
    writer = Writer(trust_id=trust.pk, trust_name=name, stamp=timezone.now(), data=data, step=reporter.step)
    world = structure.World(trust=trust, code=code, place=place, on=on, rng=shape.trust_rng(seed, index))
    structure.build(world, writer)
    found = interests.build(world, writer)
    plans = meetings.build(world, writer, found)
    governance.build(world, writer, plans, found)
    chain.append(
        actor=SYSTEM,
        action="generate.trust",
        trust_id=trust.pk,
        summary=f"Generated {name} ({code}): "
        + ", ".join(f"{n:,} {label.split('.')[-1]}" for label, n in sorted(writer.rows.items())),
        data={
            **data,
            "rows": dict(sorted(writer.rows.items())),
            "history_rows": dict(sorted(writer.history_rows.items())),
        },
    )
