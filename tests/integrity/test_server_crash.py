"""A server killed with SIGKILL mid-way through 500 writes loses no acknowledged write, and the
audit ledger verifies afterwards (X-2, X-5; ASVS 2.3.3).

The server (granian, as `make run` serves) runs in its own process on loopback against a
database of its own (SQLite: a file; PostgreSQL: the test database, committed); the test posts
business cases over the API with a bearer token, one at a time, records each 201, kills the
server part-way, and then checks every acknowledged case is in the database and `pecgov audit
verify` exits 0. Bounded: 500 requests at most, 5 s each, on 127.0.0.1 only."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from pecgov.commissioning.models import BusinessCase

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


@pytest.mark.django_db(transaction=True)
def test_killed_server_loses_no_acknowledged_write(tmp_path: Path) -> None:
    env = os.environ | {"PECGOV_TESTING": "1", "PECGOV_PAGE_CACHE": "0", "PYTHONPATH": str(ROOT)}
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        env["DATABASE_URL"] = f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'crash.sqlite3'}"
        assert _pecgov(env, "migrate", "-v0").returncode == 0
        assert _pecgov(env, "load_demo").returncode == 0
    created = _pecgov(env, "token", "create", "practicelead", "crash")
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip().split()[-1]
    practice = _pecgov(
        env,
        "shell",
        "--no-imports",
        "-c",
        "from pecgov.trust.models import Organisation;"
        "print(Organisation.objects.get(name='Fairfield Surgery').pk)",
    )
    submitter = int(practice.stdout.strip())
    port = _free_port()
    server = subprocess.Popen(
        [
            str(VENV_BIN / "granian"),
            "--interface",
            "wsgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "1",
            "--blocking-threads",
            "2",
            "--no-ws",
            "pecgov.wsgi:application",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/api/cases"
    acknowledged: list[str] = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
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
            if len(acknowledged) == KILL_AFTER:
                server.send_signal(signal.SIGKILL)
    finally:
        server.kill()
        server.wait(timeout=30)
    assert len(acknowledged) >= KILL_AFTER
    stored = (
        set(BusinessCase.objects.filter(title__startswith="Crash test case").values_list("title", flat=True))
        if connection.vendor == "postgresql"
        else set(
            _pecgov(
                env,
                "shell",
                "--no-imports",
                "-c",
                "from pecgov.commissioning.models import BusinessCase as B;"
                "print('\\n'.join(B.objects.filter(title__startswith='Crash test case')"
                ".values_list('title', flat=True)))",
            ).stdout.split("\n")
        )
    )
    assert set(acknowledged) <= stored  # no acknowledged write lost
    verified = _pecgov(env, "audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
