"""A server killed with SIGKILL mid-way through 500 writes loses no acknowledged write, and the
audit ledger verifies afterwards (X-2, X-5; ASVS 2.3.3).

The server (granian, as `make run` serves) runs in its own process on loopback against a
database of its own (SQLite: a file; PostgreSQL: the test database, committed); the test posts
business cases over the API with a bearer token, one at a time, records each 201, kills the
server part-way, and then checks every acknowledged case is in the database and `pecgov audit
verify` exits 0. Bounded: 500 requests at most, 5 s each, on 127.0.0.1 only."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
WRITES = 500
KILL_AFTER = 120
VENV_BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pecgov(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pecgov", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _post(url: str, token: str, body: dict[str, object]) -> int:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return int(error.code)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0


@pytest.mark.django_db
def test_killed_server_loses_no_acknowledged_write(tmp_path: Path) -> None:
    env = os.environ | {"PECGOV_TESTING": "1", "PECGOV_PAGE_CACHE": "0", "PYTHONPATH": str(ROOT)}
    scratch, admin = "", ""
    if connection.vendor == "postgresql":  # a database of its own: the kill touches nothing else
        s = connection.settings_dict
        scratch = f"crash_{os.getpid()}"
        admin = f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/postgres"
        with psycopg.connect(admin, autocommit=True) as pg:
            pg.execute(f'CREATE DATABASE "{scratch}"')
        env["DATABASE_URL"] = f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{scratch}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'crash.sqlite3'}"
    try:
        _crash_and_check(env)
    finally:
        if scratch:
            with psycopg.connect(admin, autocommit=True) as pg:
                pg.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')


def _shell(env: dict[str, str], code: str) -> str:
    answer = _pecgov(env, "shell", "--no-imports", "-c", code)
    assert answer.returncode == 0, answer.stderr
    return answer.stdout


def _start_server(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    command = [str(VENV_BIN / "granian"), "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", "1", "--blocking-threads", "2", "--no-ws", "pecgov.wsgi:application"]
    server = subprocess.Popen(
        command,
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # granian's workers are its children: kill the whole group
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    return server


def _crash_and_check(env: dict[str, str]) -> None:
    assert _pecgov(env, "migrate", "-v0").returncode == 0
    assert _pecgov(env, "load_demo").returncode == 0
    created = _pecgov(env, "token", "create", "practicelead", "crash")
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip().split()[-1]
    submitter = int(
        _shell(
            env,
            "from pecgov.trust.models import Organisation as O; print(O.objects.get(name='Fairfield Surgery').pk)",
        )
    )
    port = _free_port()
    server = _start_server(env, port)
    url = f"http://127.0.0.1:{port}/api/cases"
    acknowledged: list[str] = []
    try:
        for n in range(WRITES):
            title = f"Crash test case {n}"
            body = {
                "kind": "business_case",
                "submitter_id": submitter,
                "title": title,
                "service": "Clinic",
                "value": 20_000,
                "patient_focus": "Closer to home",
                "evidence": "Audit",
            }
            status = _post(url, token, body)
            if status == 201:
                acknowledged.append(title)
            elif status == 0:
                break  # the server is gone
            if len(acknowledged) == KILL_AFTER:  # kill a moment later, while writes go on
                threading.Timer(0.05, os.killpg, args=(server.pid, signal.SIGKILL)).start()
    finally:
        time.sleep(0.2)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=30)
    assert KILL_AFTER <= len(acknowledged) < WRITES  # killed part-way
    stored = set(
        _shell(
            env,
            "from pecgov.commissioning.models import BusinessCase as B;"
            "print(chr(10).join(B.objects.filter(title__startswith='Crash test case').values_list('title', flat=True)))",
        ).split("\n")
    )
    print(
        f"{len(acknowledged)} writes acknowledged before the kill; {len(stored & set(acknowledged))} stored"
    )
    assert set(acknowledged) <= stored  # no acknowledged write lost
    verified = _pecgov(env, "audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
