"""`make bench MIX=1`: many users on the key pages at once while a writer commits writes.

50 signed-in users in the 5 trusts with the most people (in each: the governance lead, the PEC's
chair and PEC members, bench/mixpages.py), each following a short script of their trust's key
pages (dashboard, PEC committee page, meeting page with its conflict matrix, pipeline), and one
request in five a signed-out reader of the public register filtered on one of those trusts. One
wrk run per phase (bench/mix.lua rotates the requests and their session cookies) at 8
connections, while bench/writer.py commits 0, then 1, then 10 writes per second spread over all
trusts through the services (declarations, attendance, case stages). The floor view is measured
first and last on the same server.

Per phase: p50/p95/p99, requests/s and the ratio to the floor, errors, the share of answers served
from the page cache (the X-Page-Cache header), the writes the writer committed, and the server's
CPU per request (the granian processes' user + system time from /proc, before and after, divided
by the requests). Writes bench/results/<timestamp>-mixed-<db>-<scale>.json. See bench/README.md.

Nothing leaves 127.0.0.1; every load and the writer are bounded in time and count.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import select
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from dataset import PY, VAR, dataset_for, django_env, parse_scale, prepare
from load import probe, server, wrk
from report import BENCH, ROOT, console, fmt, machine
from rich.table import Table

RESULTS = BENCH / "results"
P95_MS = 100.0
FLOOR_SHARE = 0.25
TICK = os.sysconf("SC_CLK_TCK")


def users(url: str, trusts: int) -> dict[str, Any]:
    out = subprocess.run(
        [PY, str(BENCH / "mixpages.py"), "--trusts", str(trusts)],
        env=django_env(url),
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def stream(doc: dict[str, Any], rounds: int, anonymous_every: int, seed: int) -> list[tuple[str, str]]:
    """The requests in order: each round, every user (shuffled) opens the next page of their
    script; after every `anonymous_every - 1` signed-in requests, a signed-out register page."""
    rng = random.Random(seed)
    people = [u for t in doc["trusts"] for u in t["users"]]
    public = [p for t in doc["trusts"] for p in t["public"]]
    out: list[tuple[str, str]] = []
    signed = 0
    for r in range(rounds):
        rng.shuffle(people)
        for user in people:
            out.append((user["script"][r % len(user["script"])], user["cookie"]))
            signed += 1
            if signed % (anonymous_every - 1) == 0:
                out.append((public[(signed // (anonymous_every - 1)) % len(public)], ""))
    return out


def preflight(port: int, requests: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], list[str]]:
    """Each distinct request once: those that do not answer 200 are left out, and said."""
    answers: dict[tuple[str, str], int] = {}
    for req in requests:
        if req not in answers:
            answers[req] = probe(port, req[0], req[1] or None)["status"]
    dropped = sorted({f"{path} ({status})" for (path, _), status in answers.items() if status != 200})
    return [r for r in requests if answers[r] == 200], dropped


def lua_table(requests: list[tuple[str, str]], path: Path) -> None:
    def q(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = ",\n".join(f"{{{q(p)}, {q(c)}}}" for p, c in requests)
    path.write_text(f"return {{\n{lines}\n}}\n")


def server_ticks(port: int) -> int:
    """User + system CPU ticks of the granian server on `port`: its session leader and workers."""
    leader = None
    procs = [p for p in Path("/proc").iterdir() if p.name.isdigit()]
    for p in procs:
        try:
            if f"--port\x00{port}\x00".encode() in (p / "cmdline").read_bytes():
                leader = int(p.name)
                break
        except OSError:
            continue
    if leader is None:
        raise SystemExit(f"No server process found on port {port}")
    total = 0
    for p in procs:
        try:
            fields = (p / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[3]) == leader:  # the session: granian started with start_new_session
            total += int(fields[11]) + int(fields[12])
    return total


def mix_wrk(port: int, table: Path, seconds: int, args: argparse.Namespace) -> dict[str, Any]:
    threads = min(args.threads, args.connections)
    cmd = ["wrk", "-t", str(threads), "-c", str(args.connections), "-d", f"{seconds}s", "--timeout", "30s"]
    cmd += ["-s", str(BENCH / "mix.lua"), f"http://127.0.0.1:{port}/", "--", str(table), str(threads)]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 90, check=False)
    match = re.search(r"^WRK_RESULT (\{.*\})$", out.stdout, re.M)
    if out.returncode != 0 or match is None:
        raise SystemExit(f"wrk failed on the mix: {out.stderr or out.stdout}")
    raw = json.loads(match.group(1))
    run_s = raw["duration_us"] / 1e6
    cache = raw["cache"]
    answered = cache["hit"] + cache["miss"] + cache["none"]
    return {
        "requests": raw["requests"],
        "rps": round(raw["requests"] / run_s, 1) if run_s else 0.0,
        **{f"{k}_ms": round(raw[f"{k}_us"] / 1000, 2) for k in ("mean", "p50", "p90", "p95", "p99", "max")},
        "errors": sum(raw["errors"].values()),
        "error_kinds": {k: v for k, v in raw["errors"].items() if v},
        "cache": cache,
        "hit_rate": round(cache["hit"] / answered, 3) if answered else None,
    }


class Writer:
    """bench/writer.py for one phase, started before the load and stopped after it."""

    def __init__(self, url: str, rate: float, seconds: float, seed: int) -> None:
        cmd = [PY, str(BENCH / "writer.py"), "--rate", f"{rate:g}", "--seconds", f"{seconds:g}"]
        cmd += ["--seed", str(seed), "--max-writes", str(int(rate * seconds) + 1)]
        self.proc = subprocess.Popen(
            cmd, env=django_env(url), cwd=ROOT, stdout=subprocess.PIPE, text=True, bufsize=1
        )
        ready, _, _ = select.select([self.proc.stdout], [], [], 180)
        line = self.proc.stdout.readline() if ready and self.proc.stdout else ""
        if line.strip() != "ready":
            self.proc.kill()
            raise SystemExit(f"The writer did not start: {line!r}")

    def stop(self) -> dict[str, Any]:
        self.proc.terminate()
        out, _ = self.proc.communicate(timeout=60)
        match = re.search(r"^WRITER_RESULT (\{.*\})$", out or "", re.M)
        if match is None:
            raise SystemExit(f"The writer failed: {out!r}")
        return json.loads(match.group(1))  # type: ignore[no-any-return]


def phase(port: int, url: str, table: Path, rate: float, args: argparse.Namespace) -> dict[str, Any]:
    bound = args.duration + args.settle + 5
    writer = Writer(url, rate, bound, args.seed + int(rate * 10)) if rate > 0 else None
    try:
        if args.settle:
            mix_wrk(port, table, args.settle, args)  # unrecorded: the cache as the writes leave it
        before = server_ticks(port)
        row = mix_wrk(port, table, args.duration, args)
        cpu_s = (server_ticks(port) - before) / TICK
    finally:
        written = writer.stop() if writer else {"rate": 0, "writes": 0, "by_kind": {}, "refused": 0}
    row.update(rate=rate, writer=written, server_cpu_s=round(cpu_s, 2))
    row["cpu_ms_per_request"] = round(cpu_s * 1000 / row["requests"], 2) if row["requests"] else None
    return row


def warm_up(port: int, table: Path, size: int, args: argparse.Namespace) -> dict[str, Any]:
    """Unrecorded load until a 5 s window of at least half the stream is 98% kept pages (every
    page kept in both processes), at most 90 s; returns the last window."""
    for _ in range(18):
        window = mix_wrk(port, table, 5, args)
        if (window["hit_rate"] or 0) >= 0.98 and window["requests"] >= size // 2:
            return window
    console.print("[yellow]Warm-up: the page cache did not reach 98% hits in 90 s[/]")
    return window


def floor(port: int, path: str, args: argparse.Namespace) -> dict[str, Any]:
    return wrk(port, path, None, args.floor_seconds, args.connections, args.threads)


def judge(rows: list[dict[str, Any]], floor_rps: float) -> None:
    for row in rows:
        row["floor_ratio"] = round(row["rps"] / floor_rps, 3) if floor_rps else None
        checks = {
            "no errors": row["errors"] == 0 and row["cache"]["not_200"] == 0,
            f"p95 < {P95_MS:g} ms": row["p95_ms"] < P95_MS,
            f"req/s >= {FLOOR_SHARE:.0%} of floor": (row["floor_ratio"] or 0) >= FLOOR_SHARE,
        }
        row["checks"] = checks
        row["result"] = "PASS" if all(checks.values()) else "FAIL"


def show(doc: dict[str, Any]) -> None:
    table = Table(
        title=f"make bench MIX=1: {doc['db']}, {doc['scale']}, {doc['users']} users in "
        f"{len(doc['trusts'])} trusts + signed-out readers, {doc['connections']} connections x "
        f"{doc['duration_s']} s a phase",
        title_justify="left",
    )
    for name in ("Writes/s", "Committed", "p50 ms", "p95 ms", "p99 ms", "req/s", "x floor", "Hits"):
        table.add_column(name, justify="right")
    table.add_column("CPU ms/req", justify="right")
    table.add_column("Errors", justify="right")
    table.add_column("Result")
    for row in doc["rows"]:
        failed = [k for k, ok in row["checks"].items() if not ok]
        hits = f"{row['hit_rate']:.1%}" if row["hit_rate"] is not None else "–"
        table.add_row(
            f"{row['rate']:g}",
            str(row["writer"]["writes"]),
            fmt(row["p50_ms"]),
            fmt(row["p95_ms"]),
            fmt(row["p99_ms"]),
            fmt(row["rps"]),
            fmt(row["floor_ratio"], 3),
            hits,
            fmt(row["cpu_ms_per_request"], 2),
            str(row["errors"] + row["cache"]["not_200"]),
            "[green]PASS[/]" if row["result"] == "PASS" else "[red]FAIL[/]: " + "; ".join(failed),
        )
    console.print(table)
    f = doc["floor"]
    m = doc["machine"]
    console.print(
        f"Floor {f['start']['rps']:,.0f} and {f['end']['rps']:,.0f} req/s (first and last), p95 "
        f"{f['start']['p95_ms']} and {f['end']['p95_ms']} ms. Load average {doc['load_before'][0]:.2f} "
        f"before, {doc['load_after'][0]:.2f} after; {m['cores']} cores, {m['cpu']}; commit {m['commit']}.",
        highlight=False,
    )
    if doc["dropped"]:
        console.print(f"[yellow]Left out (not 200 before the load): {doc['dropped']}[/]")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    env = os.environ.get
    parser.add_argument("--scale", default=env("SCALE", "demo"), help="demo, national or a number of trusts")
    parser.add_argument("--db", default=env("DB", "sqlite"), choices=["sqlite", "postgres"])
    parser.add_argument("--duration", type=int, default=int(env("DURATION", "20")), help="seconds a phase")
    parser.add_argument("--settle", type=int, default=3, help="unrecorded seconds before each phase")
    parser.add_argument("--floor-seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=int(env("CONNECTIONS", "8")))
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=int(env("WORKERS", "2")))
    parser.add_argument("--blocking-threads", type=int, default=int(env("BLOCKING_THREADS", "4")))
    parser.add_argument("--rates", default=env("RATES", "0,1,10"), help="writes/s per phase, in order")
    parser.add_argument("--trusts", type=int, default=5)
    parser.add_argument("--anonymous-every", type=int, default=5, help="one request in N is signed out")
    parser.add_argument("--seed", type=int, default=int(env("SEED", "2007")))
    args = parser.parse_args()
    args.rate_list = [float(r) for r in args.rates.split(",") if r.strip()]
    if not all(0 <= r <= 50 for r in args.rate_list) or not 0 < len(args.rate_list) <= 8:
        raise SystemExit("RATES: up to 8 phases of 0-50 writes/s")
    if not 0 < args.duration <= 120 or not 0 < args.connections <= 64 or not 1 <= args.trusts <= 20:
        raise SystemExit("DURATION must be 1-120 s, CONNECTIONS 1-64, --trusts 1-20: the load stays bounded")
    if (
        not 2 <= args.anonymous_every <= 100
        or not 0 <= args.settle <= 30
        or not 1 <= args.floor_seconds <= 30
    ):
        raise SystemExit("--anonymous-every 2-100, --settle 0-30 s, --floor-seconds 1-30 s")
    if shutil.which("wrk") is None:
        raise SystemExit("make bench needs wrk (Debian: apt-get install wrk)")
    return args


def main() -> None:
    args = arguments()
    measured = dataset_for(args.db, parse_scale(args.scale))
    load_before = os.getloadavg()
    generated = prepare(measured, args.db, args.seed)
    found = users(measured.url, args.trusts)
    requests = stream(found, rounds=8, anonymous_every=args.anonymous_every, seed=args.seed)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp, (VAR / "bench-server.log").open("w") as log:
        table = Path(tmp) / "mix-requests.lua"
        with server(measured.url, args.workers, args.blocking_threads, log) as port:
            console.print(f"[bold]Mixed run[/] on 127.0.0.1:{port} ({args.db}, {measured.name})")
            requests, dropped = preflight(port, requests)
            lua_table(requests, table)
            start = floor(port, found["floor"], args)
            warm = warm_up(port, table, len(requests), args)
            for rate in args.rate_list:
                rows.append(phase(port, measured.url, table, rate, args))
                r = rows[-1]
                console.print(
                    f"  {rate:g} writes/s: p95 {r['p95_ms']} ms, {r['rps']} req/s, hits {r['hit_rate']}, "
                    f"{r['cpu_ms_per_request']} ms CPU/req, {r['writer']['writes']} writes",
                    highlight=False,
                )
            end = floor(port, found["floor"], args)
    judge(rows, (start["rps"] + end["rps"]) / 2)
    doc = {
        "kind": "mixed",
        "taken_at": dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ"),
        "db": args.db,
        "scale": measured.name,
        "duration_s": args.duration,
        "settle_s": args.settle,
        "connections": args.connections,
        "wrk_threads": args.threads,
        "workers": args.workers,
        "blocking_threads": args.blocking_threads,
        "trusts": [t["trust"] for t in found["trusts"]],
        "users": sum(len(t["users"]) for t in found["trusts"]),
        "roles": {
            r: sum(u["role"] == r for t in found["trusts"] for u in t["users"])
            for r in ("lead", "chair", "member")
        },
        "requests_in_stream": len(requests),
        "signed_out_share": round(sum(1 for _, c in requests if not c) / len(requests), 3),
        "dropped": dropped,
        "floor": {"start": start, "end": end},
        "warm_up_last_window": warm,
        "machine": machine(),
        "load_before": load_before,
        "load_after": os.getloadavg(),
        "dataset": generated,
        "rows": rows,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"{doc['taken_at']}-mixed-{args.db}-{measured.name}.json"
    out.write_text(json.dumps(doc, indent=2) + "\n")
    show(doc)
    console.print(f"Written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
