"""`make bench`: the key pages and endpoints under load on the real server, against the floor (issue 6).

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
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit, urlunsplit

from report import BENCH, GRANIAN, ROOT, console, machine, show

VAR = ROOT / "var"
RESULTS = BENCH / "results"
PY = sys.executable
NATIONAL = 152  # PCTs in England in 2007: the "national" preset of `pecgov generate`

# Issue 6 targets (this 2-core machine, 8 connections).
P95_MS = 100.0
NO_CACHE = "X-Bench-No-Cache"  # src/pecgov/ui/pagecache.py: render, do not serve a kept page
PDF_MS = 1000.0
FLOOR_SHARE = 0.25
ENGINE_MS = 20.0


@dataclass(frozen=True)
class Dataset:
    name: str  # "demo", "national" or "scale-N": names the database
    scale: int | None  # None for the demo trust alone
    url: str


def parse_scale(value: str) -> int | None:
    if value == "demo":
        return None
    if value == "national":
        return NATIONAL
    if value.isdigit() and int(value) > 0:
        return int(value)
    raise SystemExit(f"SCALE must be demo, national or a number of trusts, not {value!r}")


def scale_name(scale: int | None) -> str:
    return "demo" if scale is None else "national" if scale == NATIONAL else f"scale-{scale}"


def dataset_for(db: str, scale: int | None) -> Dataset:
    name = scale_name(scale)
    if db == "sqlite":
        return Dataset(name, scale, f"sqlite:///{VAR / f'bench-{name}.sqlite3'}")
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        raise SystemExit(
            "DB=postgres needs DATABASE_URL (make bench DB=postgres runs scripts/with-postgres.sh)"
        )
    parts = urlsplit(base)
    return Dataset(name, scale, urlunsplit(parts._replace(path=f"/pecgov_bench_{name.replace('-', '_')}")))


def django_env(url: str) -> dict[str, str]:
    env = dict(os.environ, DATABASE_URL=url, PECGOV_BENCH="1")
    # The server keeps its connections as the settings' default does (with-postgres.sh sets 0 for tests).
    env.pop("DB_CONN_MAX_AGE", None)
    return env


def pecgov(args: list[str], url: str) -> None:
    subprocess.run([PY, "-m", "pecgov", *args], env=django_env(url), cwd=ROOT, check=True)


def ensure_pg_database(url: str) -> bool:
    """Create the bench database on the server if it is missing; True if it was created."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return False
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return True


def database_bytes(url: str) -> int:
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite://"))
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file())
    import psycopg

    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
    return int(row[0]) if row else 0


def prepare(ds: Dataset, db: str, seed: int) -> dict[str, Any]:
    """Migrate and fill the dataset's database; a generated dataset is made only if missing."""
    VAR.mkdir(exist_ok=True)
    marker = VAR / f"bench-{ds.name}.json"
    if db == "sqlite":
        # No marker: none made yet, or a run was interrupted (the generator skips the trusts it
        # has made, so running it again finishes the job).
        fresh = ds.scale is not None and not marker.exists()
    else:
        # The generator skips the trusts already there: on PostgreSQL, run it every time.
        ensure_pg_database(ds.url)
        fresh = ds.scale is not None
    console.print(f"[bold]Dataset {ds.name}[/] ({db}): migrating")
    pecgov(["migrate", "--noinput", "-v0"], ds.url)
    if ds.scale is None:
        pecgov(["load_demo"], ds.url)
        return {"generated": False}
    if not fresh:
        info = json.loads(marker.read_text()) if marker.exists() else {}
        console.print(f"Dataset {ds.name}: using the existing one {info or ''}")
        return {"generated": False, **info}
    console.print(f"Dataset {ds.name}: pecgov generate --scale {ds.scale} --seed {seed}")
    started = time.monotonic()
    pecgov(["generate", "--scale", str(ds.scale), "--seed", str(seed)], ds.url)
    info = {
        "scale": ds.scale,
        "seed": seed,
        "generate_seconds": round(time.monotonic() - started, 1),
        "database_bytes": database_bytes(ds.url),
        "made_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    if db == "sqlite":
        marker.write_text(json.dumps(info, indent=2) + "\n")
    console.print(
        f"Dataset {ds.name}: generated in {info['generate_seconds']} s, {info['database_bytes']:,} bytes"
    )
    return {"generated": True, **info}


def discover(ds: Dataset) -> dict[str, Any]:
    """The trust, the objects and the URLs to measure, and a signed-in session (bench/pages.py)."""
    out = subprocess.run(
        [PY, str(BENCH / "pages.py")],
        env=django_env(ds.url),
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(url: str, workers: int, blocking_threads: int, log: IO[str]) -> Any:
    """granian as `make run` starts it, on a free loopback port; stopped (its process group) on exit."""
    port = free_port()
    cmd = [GRANIAN, "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port)]
    cmd += ["--workers", str(workers), "--blocking-threads", str(blocking_threads)]
    cmd += ["--no-ws", "pecgov.wsgi:application"]
    proc = subprocess.Popen(
        cmd, env=django_env(url), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"granian exited with {proc.returncode}: see {log.name}")
            try:
                if probe(port, "/healthz", None)["status"] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f"granian did not answer /healthz within 60 s: see {log.name}")
            time.sleep(0.2)
        yield port
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGINT)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def headers_for(cookie: str | None, render: bool) -> dict[str, str]:
    """The request's headers; `render` asks the server to skip its page cache (PECGOV_BENCH only)."""
    return {**({"Cookie": cookie} if cookie else {}), **({NO_CACHE: "1"} if render else {})}


def probe(port: int, path: str, cookie: str | None, render: bool = False) -> dict[str, Any]:
    """One request, no redirects followed: status, query count, type, size, time, cache use."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        started = time.perf_counter()
        conn.request("GET", path, headers=headers_for(cookie, render))
        response = conn.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - started) * 1000
    finally:
        conn.close()
    count = response.getheader("X-Query-Count")
    return {
        "status": response.status,
        "queries": int(count) if count is not None else None,
        "content_type": response.getheader("Content-Type", ""),
        "bytes": len(body),
        "ms": round(elapsed, 1),
        "location": response.getheader("Location"),
        "page_cache": response.getheader("X-Page-Cache"),
    }


def wrk(
    port: int,
    path: str,
    cookie: str | None,
    seconds: int,
    connections: int,
    threads: int,
    render: bool = False,
) -> dict[str, Any]:
    cmd = ["wrk", "-t", str(min(threads, connections)), "-c", str(connections), "-d", f"{seconds}s"]
    cmd += ["--timeout", "30s", "-s", str(BENCH / "wrk.lua")]
    for name, value in headers_for(cookie, render).items():
        cmd += ["-H", f"{name}: {value}"]
    cmd.append(f"http://127.0.0.1:{port}{path}")
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 90, check=False)
    match = re.search(r"^WRK_RESULT (\{.*\})$", out.stdout, re.M)
    if out.returncode != 0 or match is None:
        raise SystemExit(f"wrk failed on {path}: {out.stderr or out.stdout}")
    raw = json.loads(match.group(1))
    seconds_run = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "rps": round(raw["requests"] / seconds_run, 1) if seconds_run else 0.0,
        **{f"{k}_ms": round(raw[f"{k}_us"] / 1000, 2) for k in ("mean", "p50", "p90", "p95", "p99", "max")},
        "errors": sum(raw["errors"].values()),
        "error_kinds": {k: v for k, v in raw["errors"].items() if v},
    }


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


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--scale", default=os.environ.get("SCALE", "demo"), help="demo, national or a number of trusts"
    )
    parser.add_argument("--db", default=os.environ.get("DB", "sqlite"), choices=["sqlite", "postgres"])
    parser.add_argument("--duration", type=int, default=int(os.environ.get("DURATION", "10")), help="seconds")
    parser.add_argument("--connections", type=int, default=int(os.environ.get("CONNECTIONS", "8")))
    parser.add_argument(
        "--threads", type=int, default=int(os.environ.get("THREADS", "2")), help="wrk threads"
    )
    parser.add_argument("--warmup", type=int, default=2, help="seconds of unrecorded load before each page")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WORKERS", "2")))
    parser.add_argument(
        "--blocking-threads",
        type=int,
        default=int(os.environ.get("BLOCKING_THREADS", "4")),
        help="granian threads per worker (make run's BLOCKING_THREADS)",
    )
    parser.add_argument("--seed", type=int, default=int(os.environ.get("SEED", "2007")))
    parser.add_argument(
        "--only", type=lambda s: set(s.split(",")), default=set(), help="page keys, comma separated"
    )
    parser.add_argument("--no-engine", action="store_true", help="skip the screening engine benchmark")
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

    scale = parse_scale(args.scale)
    measured = dataset_for(args.db, scale)
    VAR.mkdir(exist_ok=True)
    load_before = os.getloadavg()
    generated = prepare(measured, args.db, args.seed)
    found = discover(measured)
    demo_counts = None
    log_path = VAR / "bench-server.log"
    with log_path.open("w") as log:
        if scale is not None:
            demo = dataset_for(args.db, None)
            prepare(demo, args.db, args.seed)
            demo_found = discover(demo)
            with server(demo.url, args.workers, args.blocking_threads, log) as port:
                console.print("[bold]Query counts on the demo dataset[/]")
                demo_counts = count_queries(port, demo_found)
        with server(measured.url, args.workers, args.blocking_threads, log) as port:
            console.print(f"[bold]Measuring[/] on 127.0.0.1:{port} ({args.db}, {measured.name})")
            rows = measure(port, found, args)
    judge(rows, demo_counts)
    if not args.no_engine:
        rows += engine(args)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    doc = {
        "taken_at": stamp,
        "db": args.db,
        "scale": measured.name,
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
        },
        "machine": machine(),
        "load_before": load_before,
        "load_after": os.getloadavg(),
        "trust": found["trust"],
        "objects": found["objects"],
        "dataset": {**found["dataset"], **generated},
        "demo_query_counts": demo_counts,
        "rows": rows,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"{stamp}-{args.db}-{measured.name}.json"
    out.write_text(json.dumps(doc, indent=2) + "\n")
    show(doc)
    console.print(f"Written to {out.relative_to(ROOT)}")
    if args.strict and any(r["result"] == "FAIL" for r in rows if r.get("mode") != "render"):
        sys.exit(1)


if __name__ == "__main__":
    main()
