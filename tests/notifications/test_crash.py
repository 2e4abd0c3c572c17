"""A worker killed mid-batch loses nothing and repeats nothing (NOT-2).

500 emails wait in the outbox; `pecgov notifications deliver` runs in its own process and is
killed with SIGKILL part-way; a second run sends the rest. Every message reaches the mail
system, and each Message-ID (one per outbox row) arrives once: a resend caused by a kill between
a send and its commit would carry the same Message-ID, and is counted separately."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from pecgov.notifications.enums import OutboxStatus
from pecgov.notifications.models import OutboxMessage

ROOT = Path(__file__).resolve().parents[2]
COUNT = 500

SEED = f"""
from django.contrib.auth import get_user_model
from django.utils import timezone
from pecgov.notifications.models import OutboxMessage
user = get_user_model().objects.create_user("crash", email="crash@example.org")
now = timezone.now()
OutboxMessage.objects.bulk_create(
    OutboxMessage(key=f"crash:{{n}}", user=user, to_email=user.email, subject=f"Message {{n}}",
                  text="x", html="<p>x</p>", next_attempt_at=now, created_at=now)
    for n in range({COUNT})
)
"""


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pecgov", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )


def _seed_here() -> None:
    user = get_user_model().objects.create_user("crash", email="crash@example.org")
    now = timezone.now()
    OutboxMessage.objects.bulk_create(
        OutboxMessage(
            key=f"crash:{n}",
            user=user,
            to_email=user.email,
            subject=f"Message {n}",
            text="x",
            html="<p>x</p>",
            next_attempt_at=now,
            created_at=now,
        )
        for n in range(COUNT)
    )


@pytest.mark.django_db(transaction=True)
def test_killed_worker_sends_each_message_once(tmp_path: Path) -> None:
    log = tmp_path / "sent.log"
    env = os.environ | {
        "PECGOV_TESTING": "1",
        "EMAIL_BACKEND": "tests.notifications.backends.AppendBackend",
        "PECGOV_MAIL_LOG": str(log),
        "PYTHONPATH": str(ROOT),
    }
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        env["DATABASE_URL"] = f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
        _seed_here()
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'crash.sqlite3'}"
        assert _run(env, "migrate", "-v0").returncode == 0
        seeded = _run(env, "shell", "-c", SEED)
        assert seeded.returncode == 0, seeded.stderr
    worker = subprocess.Popen(
        [sys.executable, "-m", "pecgov", "notifications", "deliver"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not log.exists() or len(log.read_text().splitlines()) < 100):
        time.sleep(0.05)
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=30)
    before = len(log.read_text().splitlines())
    assert 100 <= before < COUNT  # killed part-way
    for _ in range(4):  # deliver_pending sends at most a batch per run
        finished = _run(env, "notifications", "deliver")
        assert finished.returncode == 0, finished.stderr
    ids = Counter(log.read_text().splitlines())
    print(
        f"killed after {before} of {COUNT} sent; then {len(ids)} distinct, {sum(ids.values())} sends in all"
    )
    assert len(ids) == COUNT  # nothing lost
    assert sum(ids.values()) - COUNT <= 1  # at most the one in flight when killed was sent again
    if connection.vendor == "postgresql":
        assert OutboxMessage.objects.filter(status=OutboxStatus.SENT).count() == COUNT
