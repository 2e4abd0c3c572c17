"""`make bench`: the key pages and endpoints under load on the real server, against the floor.

Ensures a dataset (the demo trust, or `pecgov generate --scale N` into its own database), starts
granian on a free loopback port with `make run`'s flags, and drives each page from bench/pages.py
with wrk for a fixed time at a fixed number of connections; the floor view (a constant, through the
whole middleware stack) is measured first and last on the same server. Each page's query count
comes from the X-Query-Count header (src/pecgov/bench.py); at a generated scale the same pages are
also counted on the demo dataset, and the counts must be equal. Then the conflict screening engine
on its own (bench/test_screening.py, pytest-benchmark). Prints a table with PASS/FAIL per target
and writes bench/results/<timestamp>-<db>-<scale>.json. See bench/README.md.

Nothing leaves 127.0.0.1; every load is bounded by DURATION seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from dataset import PY, VAR, dataset_for, discover, django_env, parse_scale, prepare
from load import probe, server, wrk
from report import BENCH, ROOT, console, machine, show

RESULTS = BENCH / "results"

# Performance targets (this 2-core machine, 8 connections).
P95_MS = 100.0
PDF_MS = 1000.0
FLOOR_SHARE = 0.25
ENGINE_MS = 20.0
CPU_MS = {"html": 8.0, "api": 5.0}  # in-process CPU per render, median (bench/cpu.py)


def count_queries(port: int, found: dict[str, Any]) -> dict[str, int | None]:
    """Each page's query count on a warm server, rendered (`<key>`) and, for a page the server
    keeps, served from the page cache (`<key>:kept`): the count of the last of three requests."""
    counts: dict[str, int | None] = {}
    for page in found["pages"]:
        cookie = found["cookie"] if page["signed_in"] else None
        for render in (True, False):
            results = [probe(port, page["path"], cookie, render) for _ in range(6)]
            result = served(results)
            key = page["key"] if render else f"{page['key']}:kept"
            counts[key] = result["queries"] if result["status"] == 200 else None
    return counts


def served(results: list[dict[str, Any]]) -> dict[str, Any]:
    """The answer whose query count stands for the page on a warm server: the one with the
    fewest queries. Each server process keeps its own pages, roles and users, so the first
    answers from a process may still read what a warm one has kept (kept pages: a render;
    rendered pages: the signed-in user's roles and account)."""
    answered = [r for r in results if r["status"] == 200 and r["queries"] is not None]
    return min(answered, key=lambda r: r["queries"]) if answered else results[-1]


def load(
    port: int, page: dict[str, Any], cookie: str | None, args: argparse.Namespace, render: bool
) -> dict[str, Any]:
    """Warm-up, three requests one at a time (query count, latency alone), then wrk."""
    if args.warmup > 0:
        wrk(port, page["path"], cookie, args.warmup, args.connections, args.threads, render)
    alone = [probe(port, page["path"], cookie, render) for _ in range(3)]
    row: dict[str, Any] = {
        "queries": served(alone)["queries"],
        "queries_seen": sorted({a["queries"] for a in alone if a["queries"] is not None}),
        "alone_ms": sorted(a["ms"] for a in alone)[1],
        "page_cache": alone[-1]["page_cache"],
    }
    row.update(wrk(port, page["path"], cookie, args.duration, args.connections, args.threads, render))
    return row


def measure(port: int, found: dict[str, Any], args: argparse.Namespace) -> list[dict[str, Any]]:
    """Every page under load as served; a page the server keeps in its page cache is measured
    again rendered on every request (the cost of the first view after a write)."""
    pages = [p for p in found["pages"] if not args.only or p["key"] in args.only or p["kind"] == "floor"]
    floor = next(p for p in pages if p["kind"] == "floor")
    order = [*pages, {**floor, "key": "floor_end", "label": "Floor (constant view), again at the end"}]
    rows = []
    for page in order:
        cookie = found["cookie"] if page["signed_in"] else None
        first = probe(port, page["path"], cookie)
        row: dict[str, Any] = {
            **page,
            "mode": "served",
            **{k: first[k] for k in ("status", "content_type", "bytes", "location")},
        }
        row["first_ms"] = first["ms"]
        if first["status"] != 200:
            console.print(f"  {page['label']:<42} {page['path']}: {first['status']}", highlight=False)
            rows.append(row)
            continue
        variants = [(row, False)]
        if first["page_cache"]:  # the server keeps this page: measure the render too
            rendered = {**row, "key": f"{page['key']}:render", "label": f"{page['label']} (rendered)"}
            variants.append(({**rendered, "mode": "render"}, True))
        for variant, render in variants:
            variant.update(load(port, page, cookie, args, render))
            done = (
                f"p95 {variant['p95_ms']} ms, {variant['rps']} req/s"
                if variant["requests"]
                else "no request completed"
            )
            console.print(
                f"  {variant['label']:<42} {page['path']}: {variant['queries']} queries, {done}",
                highlight=False,
            )
            rows.append(variant)
    return rows


def render_cpu(url: str, args: argparse.Namespace) -> dict[str, float]:
    """Each page's in-process CPU per render (bench/cpu.py: median of warm renders, cache bypassed)."""
    console.print(f"[bold]Rendered CPU per page[/] (bench/cpu.py, median of {args.cpu_runs} warm renders)")
    cmd = [PY, str(BENCH / "cpu.py"), "--runs", str(args.cpu_runs)]
    if args.only:
        cmd += ["--only", ",".join(sorted(args.only))]
    out = subprocess.run(cmd, env=django_env(url), cwd=ROOT, check=True, capture_output=True, text=True)
    return {r["key"]: r["cpu_ms"] for r in json.loads(out.stdout)["rows"] if r["status"] == 200}


def add_cpu(rows: list[dict[str, Any]], cpu: dict[str, float]) -> None:
    """The CPU figure goes on a page's rendered row, or on its only row when it is never kept."""
    rendered = {r["key"].removesuffix(":render") for r in rows if r.get("mode") == "render"}
    for row in rows:
        key = row["key"].removesuffix(":render")
        if key in cpu and (row.get("mode") == "render" or key not in rendered):
            row["cpu_ms"] = cpu[key]


def judge(rows: list[dict[str, Any]], demo_counts: dict[str, int | None] | None) -> float:
    """Add each row's ratio to the floor, its checks and its PASS/FAIL; returns the floor's rps."""
    floors = [r["rps"] for r in rows if r["kind"] == "floor" and "rps" in r]
    floor_rps = sum(floors) / len(floors) if floors else 0.0
    for row in rows:
        checks: list[tuple[str, bool]] = [("answers 200", row["status"] == 200)]
        if "rps" in row:
            row["floor_ratio"] = round(row["rps"] / floor_rps, 3) if floor_rps else None
            checks.append(("requests completed under load", row["requests"] > 0))
            checks.append(("no errors under load", row["errors"] == 0))
            if row["requests"] == 0:  # wrk reports zeros, not a latency, when nothing completed
                row.update(p50_ms=None, p95_ms=None, p99_ms=None)
            p95 = row["p95_ms"] if row["p95_ms"] is not None else float("inf")
            if row["kind"] in {"html", "api"}:
                checks.append((f"p95 < {P95_MS:g} ms", p95 < P95_MS))
            if row["kind"] == "html":
                checks.append(
                    (f"rps >= {FLOOR_SHARE:.0%} of floor", (row["floor_ratio"] or 0) >= FLOOR_SHARE)
                )
            if row["kind"] == "pdf":
                checks.append((f"p95 < {PDF_MS:g} ms", p95 < PDF_MS))
        if row.get("cpu_ms") is not None and row["kind"] in CPU_MS:
            limit = CPU_MS[row["kind"]]
            checks.append((f"render CPU < {limit:g} ms", row["cpu_ms"] < limit))
        if demo_counts is not None and row["kind"] != "floor":
            base = row["key"].removesuffix(":render")
            row["queries_demo"] = demo_counts.get(base if row.get("mode") == "render" else f"{base}:kept")
            row["flat"] = row.get("queries") is not None and row.get("queries") == row["queries_demo"]
            checks.append(("queries as at demo scale", row["flat"]))
        row["checks"] = {name: ok for name, ok in checks}
        row["result"] = "PASS" if all(ok for _, ok in checks) else "FAIL"
    return floor_rps


def engine(args: argparse.Namespace) -> list[dict[str, Any]]:
    """bench/test_screening.py under pytest-benchmark; one row per benchmark."""
    console.print("[bold]Conflict screening engine[/] (bench/test_screening.py)")
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "engine.json"
        cmd = [PY, "-m", "pytest", str(BENCH / "test_screening.py"), "-p", "no:xdist", "-q", "--tb=short"]
        done = subprocess.run([*cmd, f"--benchmark-json={report}"], cwd=ROOT, check=False)
        data = json.loads(report.read_text()) if report.exists() else {"benchmarks": []}
    rows = []
    for b in data["benchmarks"]:
        stats = b["stats"]
        mean_ms = stats["mean"] * 1000
        ok = mean_ms < ENGINE_MS
        rows.append(
            {
                "key": f"engine_{b['param'] or b['name']}",
                "label": f"Screening engine: {b['extra_info'].get('label', b['name'])}",
                "kind": "engine",
                "mean_ms": round(mean_ms, 2),
                "p50_ms": round(stats["median"] * 1000, 2),
                "max_ms": round(stats["max"] * 1000, 2),
                "rounds": stats["rounds"],
                "extra": b["extra_info"],
                "checks": {f"mean < {ENGINE_MS:g} ms per 40-item agenda": ok},
                "result": "PASS" if ok else "FAIL",
            }
        )
    if done.returncode != 0 and not rows:
        rows.append(
            {
                "key": "engine",
                "label": "Screening engine",
                "kind": "engine",
                "result": "FAIL",
                "checks": {"pytest ran": False},
            }
        )
    return rows


def search_rows(url: str) -> list[dict[str, Any]]:
    """bench/search.py on the measured dataset: the p95 of N searches, signed in and public (PUB-1)."""
    console.print("[bold]Search[/] (bench/search.py)")
    cmd = [PY, str(BENCH / "search.py")]
    done = subprocess.run(cmd, env=django_env(url), cwd=ROOT, check=False, capture_output=True, text=True)
    if done.returncode != 0:
        console.print(done.stderr[-2000:], highlight=False)
        return [
            {"key": "search", "label": "Search", "kind": "search", "result": "FAIL", "checks": {"ran": False}}
        ]
    return json.loads(done.stdout)["rows"]  # type: ignore[no-any-return]


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    env = os.environ.get
    parser.add_argument("--scale", default=env("SCALE", "demo"), help="demo, national or a number of trusts")
    parser.add_argument("--db", default=env("DB", "sqlite"), choices=["sqlite", "postgres"])
    parser.add_argument("--duration", type=int, default=int(env("DURATION", "10")), help="seconds")
    parser.add_argument("--connections", type=int, default=int(env("CONNECTIONS", "8")))
    parser.add_argument("--threads", type=int, default=int(env("THREADS", "2")), help="wrk threads")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of unrecorded load before each page")
    parser.add_argument("--workers", type=int, default=int(env("WORKERS", "2")))
    parser.add_argument(
        "--blocking-threads",
        type=int,
        default=int(env("BLOCKING_THREADS", "4")),
        help="granian threads per worker (make run's BLOCKING_THREADS)",
    )
    parser.add_argument("--seed", type=int, default=int(env("SEED", "2007")))
    parser.add_argument(
        "--only", type=lambda s: set(s.split(",")), default=set(), help="page keys, comma separated"
    )
    parser.add_argument("--no-engine", action="store_true", help="skip the screening engine benchmark")
    parser.add_argument("--cpu-runs", type=int, default=15, help="timed renders per page for the CPU column")
    parser.add_argument("--no-cpu", action="store_true", help="skip the rendered CPU per page")
    parser.add_argument("--strict", action="store_true", help="exit 1 if any target fails")
    args = parser.parse_args()
    if not 0 < args.workers <= 16 or not 0 < args.blocking_threads <= 64:
        raise SystemExit("WORKERS must be 1-16 and BLOCKING_THREADS 1-64")
    if not 0 < args.duration <= 120 or not 0 < args.connections <= 64:
        raise SystemExit("DURATION must be 1-120 s and CONNECTIONS 1-64: the bench load stays bounded")
    if shutil.which("wrk") is None:
        raise SystemExit(
            "make bench needs wrk (Debian: apt-get install wrk); `make bench` installs it as root"
        )
    return args


def record(args: argparse.Namespace, **parts: Any) -> dict[str, Any]:
    """The result document bench/results/*.json holds: the run's settings, targets and rows."""
    found = parts.pop("found")
    return {
        "taken_at": dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ"),
        "db": args.db,
        "scale": parts.pop("scale"),
        "duration_s": args.duration,
        "connections": args.connections,
        "wrk_threads": args.threads,
        "workers": args.workers,
        "blocking_threads": args.blocking_threads,
        "targets": {
            "p95_ms": P95_MS,
            "pdf_p95_ms": PDF_MS,
            "html_floor_share": FLOOR_SHARE,
            "engine_ms": ENGINE_MS,
            "render_cpu_ms": CPU_MS,
        },
        "machine": machine(),
        "load_before": parts.pop("load_before"),
        "load_after": os.getloadavg(),
        "trust": found["trust"],
        "objects": found["objects"],
        "dataset": {**found["dataset"], **parts.pop("generated")},
        "demo_query_counts": parts.pop("demo_counts"),
        "rows": parts.pop("rows"),
    }


def main() -> None:
    args = arguments()
    scale = parse_scale(args.scale)
    measured = dataset_for(args.db, scale)
    VAR.mkdir(exist_ok=True)
    load_before = os.getloadavg()
    generated = prepare(measured, args.db, args.seed)
    found = discover(measured)
    demo_counts = None
    with (VAR / "bench-server.log").open("w") as log:
        if scale is not None:  # the same pages on the demo dataset: the query counts must match
            demo = dataset_for(args.db, None)
            prepare(demo, args.db, args.seed)
            demo_found = discover(demo)
            with server(demo.url, args.workers, args.blocking_threads, log) as port:
                console.print("[bold]Query counts on the demo dataset[/]")
                demo_counts = count_queries(port, demo_found)
        with server(measured.url, args.workers, args.blocking_threads, log) as port:
            console.print(f"[bold]Measuring[/] on 127.0.0.1:{port} ({args.db}, {measured.name})")
            rows = measure(port, found, args)
    if not args.no_cpu:
        add_cpu(rows, render_cpu(measured.url, args))
    judge(rows, demo_counts)
    rows += search_rows(measured.url)
    if not args.no_engine:
        rows += engine(args)
    doc = record(
        args,
        found=found,
        scale=measured.name,
        load_before=load_before,
        generated=generated,
        demo_counts=demo_counts,
        rows=rows,
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"{doc['taken_at']}-{args.db}-{measured.name}.json"
    out.write_text(json.dumps(doc, indent=2) + "\n")
    show(doc)
    console.print(f"Written to {out.relative_to(ROOT)}")
    cpu_failed = any(not ok for r in rows for name, ok in r.get("checks", {}).items() if "CPU" in name)
    if args.strict and (cpu_failed or any(r["result"] == "FAIL" for r in rows if r.get("mode") != "render")):
        sys.exit(1)


if __name__ == "__main__":
    main()
