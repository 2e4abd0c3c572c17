"""The cache shared by every server process through Redis (ADM-1 scale-out, ADM-5; `make test-redis`, which
starts a throwaway Redis with scripts/with-redis.sh and sets PECGOV_REDIS_URL).

A page kept by one process is served by another, and failed sign-ins counted by one process
lock the account out on all of them: each test reads what this process wrote from a second
Python process that shares nothing with this one but Redis.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from pecgov.ui import rolepages
from tests.accounts.helpers import sign_in
from tests.factories import World

pytestmark = [pytest.mark.redis, pytest.mark.usefixtures("transactional_db", "page_cache_on")]

NONCE = re.compile(rb'nonce="([^"]+)"')

# What another server process sees in the shared cache: every key with its value's size, and
# the kept page's body with its nonce mark.
OTHER_PROCESS = """
import json, os, django
os.environ["DJANGO_SETTINGS_MODULE"] = "pecgov.settings"
django.setup()
from django.core.cache import caches
out = {}
for alias in ("default", "pages"):
    cache = caches[alias]
    client = cache._cache.get_client()
    keys = [k.decode().split(":", 2)[2] for k in client.keys(cache.make_key("*"))]
    out[alias] = {k: cache.get(k) for k in keys}
out["pages"] = {k: v["body"].decode() for k, v in out["pages"].items() if isinstance(v, dict)}
out["default"] = {k: repr(v) for k, v in out["default"].items()}
print(json.dumps(out))
"""


def other_process() -> dict[str, dict[str, str]]:
    env = {**os.environ, "PECGOV_REDIS_URL": settings.REDIS_URL}
    done = subprocess.run(
        [sys.executable, "-c", OTHER_PROCESS], env=env, capture_output=True, text=True, timeout=60, check=True
    )
    result: dict[str, dict[str, str]] = json.loads(done.stdout)
    return result


def test_both_caches_are_in_redis_in_separate_databases() -> None:
    """Clearing the kept pages (a whole Redis database) never clears the sign-in counters."""
    default, pages = settings.CACHES["default"], settings.CACHES["pages"]
    assert default["BACKEND"] == pages["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert default["LOCATION"] != pages["LOCATION"]
    assert default["LOCATION"].rsplit("/", 1)[0] == pages["LOCATION"].rsplit("/", 1)[0]


def test_a_page_kept_by_one_process_is_there_for_another(world: World) -> None:
    """ADM-1: the committee page kept here is in the shared cache, whole, for any other process."""
    client = Client()
    client.force_login(world.users["governance_lead"])
    path = reverse("trust:committee_detail", args=[world.pec.pk])
    client.get(path)
    kept = client.get(path)
    assert client.get(path)["X-Page-Cache"] == "hit"

    seen = other_process()["pages"]

    assert len(seen) >= 1
    # Kept once for the lead's role set: the account name is a mark, filled in when served.
    name = rolepages.account_name(world.users["governance_lead"])
    ours = NONCE.sub(b"", kept.content).decode().replace(name, rolepages.NAME_MARK, 1)
    assert any(NONCE.sub(b"", body.encode()).decode() == ours for body in seen.values())


def test_failed_sign_ins_are_counted_where_every_process_sees_them(world: World) -> None:
    """ADM-5: allauth's count of failed sign-ins is in the shared cache, not this process's memory."""
    username: Any = world.users["member"].get_username()
    for _ in range(3):
        sign_in(Client(), username, "wrong")

    seen = other_process()["default"]

    counters = [key for key in seen if key.startswith("allauth:rl:") and "login_failed" in key]
    assert counters, sorted(seen)
