"""`make bench`'s load: granian as `make run` starts it, one request at a time, and wrk.

Nothing leaves 127.0.0.1; every load is bounded by its seconds.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from dataset import django_env
from report import BENCH, GRANIAN, ROOT

NO_CACHE = "X-Bench-No-Cache"  # src/pecgov/ui/pagecache.py: render, do not serve a kept page


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(url: str, workers: int, blocking_threads: int, log: IO[str]) -> Iterator[int]:
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
