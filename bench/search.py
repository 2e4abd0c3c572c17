"""`make bench`'s search figures (PUB-1): the p95 time of N searches at the dataset's scale, signed
in (a governance lead: every kind) and public, by 8 searchers at once (`--connections`, each a
process with its own database connection, as the server's workers are), on the dataset's database.

Run by bench/run.py after the pages, or alone:

    DATABASE_URL=sqlite:///var/bench-national.sqlite3 .venv/bin/python bench/search.py --queries 200

Picks the trust with the most indexed rows; rebuilds the index first if it is not whole (a
generated dataset is written in bulk with indexing paused: `pecgov search reindex`). The searches
are words drawn (fixed seed) from that trust's own titles, one to three words, some as phrases,
some with a word that matches nothing: common and rare words alike. Each time is one whole answer
as the page gets it: the full-text query, the permission of every hit, the page of rows and their snippets; its CPU time
is the searcher's own (`time.process_time`), its wall-clock time includes waiting for the CPU
the other searchers hold. Prints one JSON document: {"rows": [...], "dataset": {...}}.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

P95_MS = 100.0
CONNECTIONS = [8]
ROOT = Path(__file__).resolve().parent.parent


def setup() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pecgov.settings")
    import django

    django.setup()


def lead_for(trust: Any) -> Any:
    from django.contrib.auth import get_user_model

    from pecgov.trust import services as ts
    from pecgov.trust.enums import GrantRole

    user, created = get_user_model().objects.get_or_create(username=f"bench-search-{trust.pk}")
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        ts.role_grant(actor=ts.SYSTEM, user=user, trust=trust, role=GrantRole.GOVERNANCE_LEAD)
    return user


def searches(trust_id: int, n: int, seed: int) -> list[str]:
    from pecgov.search.models import SearchDocument

    titles = list(SearchDocument.objects.filter(trust_id=trust_id).values_list("title", flat=True)[:5000])
    words = sorted({w.lower() for t in titles for w in re.findall(r"[A-Za-z]{4,}", t)})
    rng = random.Random(seed)
    out = []
    for i in range(n):
        picked = rng.sample(words, k=min(len(words), 1 + i % 3))
        if i % 5 == 3:
            out.append(f'"{" ".join(picked)}"')
        elif i % 7 == 6:
            out.append(f"{picked[0]} zzqxnomatch")
        else:
            out.append(" ".join(picked))
    return out


def timed(fn: Any, queries: list[str]) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of each search (CPU time shows the cost of a search
    itself when other work shares the machine)."""
    wall, cpu = [], []
    for q in queries:
        started, started_cpu = time.perf_counter(), time.process_time()
        answer = fn(q)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        assert answer.error == "", (q, answer.error)
    return wall, cpu


def together(fn: Any, queries: list[str], connections: int) -> tuple[list[float], list[float]]:
    """`timed` by `connections` searchers at once, each a forked process with its own database
    connection, the queries dealt out in turn; all start together."""
    from django.db import connections as dbs

    global _FN
    _FN = fn  # forked searchers inherit it: a lambda does not pickle
    dbs.close_all()
    context = multiprocessing.get_context("fork")
    start = context.Barrier(connections)
    with context.Pool(connections, initializer=_ready, initargs=(start,)) as pool:
        parts = pool.map(_timed_part, [queries[i::connections] for i in range(connections)], chunksize=1)
    return [t for w, _ in parts for t in w], [t for _, c in parts for t in c]


_START: Any = None
_FN: Any = None


def _ready(start: Any) -> None:
    global _START
    _START = start


def _timed_part(queries: list[str]) -> tuple[list[float], list[float]]:
    _START.wait(timeout=120)
    return timed(_FN, queries)


def row(key: str, label: str, measured: tuple[list[float], list[float]], n: int) -> dict[str, Any]:
    times, cpu = measured
    p = statistics.quantiles(times, n=100, method="inclusive")
    cpu_p = statistics.quantiles(cpu, n=100, method="inclusive")
    ok = p[94] < P95_MS
    return {
        "key": key,
        "label": label,
        "kind": "search",
        "path": f"{n} searches, {CONNECTIONS[0]} at once",
        "queries": None,
        "alone_ms": round(statistics.median(times), 2),
        "p50_ms": round(p[49], 2),
        "p95_ms": round(p[94], 2),
        "p99_ms": round(p[98], 2),
        "cpu_ms": round(statistics.median(cpu), 2),
        "cpu_p95_ms": round(cpu_p[94], 2),
        "load_average": os.getloadavg()[0],
        "checks": {f"p95 < {P95_MS:g} ms": ok},
        "result": "PASS" if ok else "FAIL",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2007)
    parser.add_argument("--connections", type=int, default=8, help="searchers at once (1-32)")
    args = parser.parse_args()
    if not 0 < args.connections <= 32:
        raise SystemExit("--connections must be 1-32")
    CONNECTIONS[0] = args.connections
    setup()
    from django.db import connection
    from django.db.models import Count

    from pecgov.search import queries
    from pecgov.search.indexing import reindex
    from pecgov.search.models import Kind, SearchDocument
    from pecgov.trust.models import Organisation

    # A generated dataset is written in bulk with indexing paused: its records have no rows until
    # the index is rebuilt. Every organisation has exactly one row once it is.
    rebuilt = None
    if SearchDocument.objects.filter(kind=Kind.ORGANISATION).count() != Organisation.objects.count():
        began, began_cpu = time.perf_counter(), time.process_time()
        reindex(read_text=False)
        rebuilt = {
            "seconds": round(time.perf_counter() - began, 1),
            "cpu_seconds": round(time.process_time() - began_cpu, 1),
        }
    top = SearchDocument.objects.values("trust_id").annotate(n=Count("id")).order_by("-n", "trust_id").first()
    if top is None:
        raise SystemExit("Nothing to search: the dataset has no records")
    trust = Organisation.objects.get(pk=top["trust_id"])
    lead = lead_for(trust)
    asked = searches(trust.pk, args.queries, args.seed)
    timed(lambda q: queries.for_user(lead, trust.pk, q), asked[:20])  # warm: roles, caches
    started = time.perf_counter()
    signed_in = together(lambda q: queries.for_user(lead, trust.pk, q), asked, args.connections)
    public = together(lambda q: queries.for_public(trust, q), asked, args.connections)
    elapsed = time.perf_counter() - started
    doc = {
        "dataset": {
            "vendor": connection.vendor,
            "rows": SearchDocument.objects.count(),
            "trust_rows": top["n"],
            "trusts": SearchDocument.objects.values("trust_id").distinct().count(),
            "trust": trust.name,
            "connections": args.connections,
            "searches_per_second": round(2 * len(asked) / elapsed, 1),
            "index_rebuilt": rebuilt,
        },
        "rows": [
            row("search_signed_in", "Search, signed in (governance lead)", signed_in, args.queries),
            row("search_public", "Search, public", public, args.queries),
        ],
    }
    print(json.dumps(doc, indent=2))


if __name__ == "__main__":
    main()
