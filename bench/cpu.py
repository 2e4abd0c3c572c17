"""Rendered CPU per page: each key page rendered in this process, the page cache bypassed, timed
with `time.process_time` (this process's CPU, so it is comparable across noisy runs: other work
on the machine slows the clock on the wall, not this). The median of `--runs` warm renders.

Run as a script against one database (DATABASE_URL, PECGOV_BENCH=1), by bench/run.py or alone:

    PECGOV_BENCH=1 DATABASE_URL=sqlite:///var/bench-national.sqlite3 .venv/bin/python bench/cpu.py

It uses bench/pages.py's trust, objects and signed-in governance lead, and Django's test client
(the whole middleware stack, no server, no socket). Prints one JSON document: a row per page.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from typing import Any

from pages import PAGES, _context, _pick_trust, _session_cookie


def cookies(header: str) -> dict[str, str]:
    return dict(part.strip().split("=", 1) for part in header.split(";") if "=" in part)


def measure(client: Any, path: str, runs: int, warm: int, after_write: bool = False) -> dict[str, Any]:
    times = []
    status = 0
    queries = None
    forget = _forget_per_trust() if after_write else None
    for i in range(warm + runs):
        if forget is not None:
            forget()
        started = time.process_time()
        response = client.get(path, HTTP_X_BENCH_NO_CACHE="1")
        spent = time.process_time() - started
        status = response.status_code
        queries = response.get("X-Query-Count")
        if i >= warm:
            times.append(spent * 1000)
    return {
        "status": status,
        "queries": int(queries) if queries is not None else None,
        "cpu_ms": round(statistics.median(times), 2),
        "cpu_ms_min": round(min(times), 2),
        "runs": runs,
    }


def _forget_per_trust() -> Any:
    """What a write in the page's trust does to what is kept per trust (pecgov.ui.kept), if the
    code measured keeps anything."""
    try:
        from pecgov.ui.kept import forget_per_trust
    except ImportError:
        return lambda: None
    return forget_per_trust


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15, help="timed renders per page (1-200)")
    parser.add_argument("--warm", type=int, default=3, help="untimed renders first")
    parser.add_argument("--only", default="", help="page keys, comma separated")
    parser.add_argument(
        "--after-write",
        action="store_true",
        help="each render as the first after a write in the trust (per-trust reference data read afresh)",
    )
    args = parser.parse_args()
    if not 1 <= args.runs <= 200 or not 0 <= args.warm <= 50:
        raise SystemExit("--runs must be 1-200 and --warm 0-50")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pecgov.settings")
    os.environ["PECGOV_BENCH"] = "1"
    import django

    django.setup()
    from django.test import Client

    trust = _pick_trust(os.environ.get("BENCH_TRUST", ""))
    ctx = _context(trust)
    signed_in = Client()
    signed_in.cookies.load(cookies(_session_cookie(trust)))
    signed_out = Client()
    only = set(filter(None, args.only.split(",")))
    load_before = os.getloadavg()[0]
    rows = []
    for page in PAGES:
        if page.kind == "floor" or (only and page.key not in only):
            continue
        path = page.find(ctx)
        client = signed_in if page.signed_in else signed_out
        rows.append(
            {
                "key": page.key,
                "label": page.label,
                "path": path,
                **measure(client, path, args.runs, args.warm, args.after_write),
            }
        )
    # The machine's load beside the figures: process CPU moves far less with it than the wall
    # clock does, but not nothing (shared caches and cores), so say what it was.
    load = {"before": round(load_before, 2), "after": round(os.getloadavg()[0], 2)}
    json.dump({"trust": trust.ods_code, "load": load, "rows": rows}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
