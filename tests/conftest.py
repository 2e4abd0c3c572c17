"""Shared fixtures: a trust world with personas, and a signed-in client per role."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest

os.environ.setdefault("PECGOV_TESTING", "1")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tests.factories import World, make_trust
from tests.schema_cache import migrate_once

ROLES = [
    "anonymous",
    "applicant",
    "member",
    "pec_chair",
    "governance_lead",
    "pct_chair",
    "chief_executive",
    "executive_director",
    "practice_lead",
]


@pytest.fixture(scope="session")
def _migrate_once(django_db_keepdb: bool) -> Callable[[], None]:
    return (lambda: None) if django_db_keepdb else migrate_once()


@pytest.fixture(scope="session")
def django_db_setup(_migrate_once: Callable[[], None], django_db_setup: None) -> None:
    """pytest-django's set-up, with the migrations run once and their schema copied after
    that (tests/schema_cache.py)."""
    _migrate_once()


@pytest.fixture
def world(db: Any) -> World:
    return make_trust()


@pytest.fixture
def other_world(db: Any) -> World:
    return make_trust(name="Elsewhere PCT", code="ELS")


@pytest.fixture
def client_for(client: Any, world: World) -> Any:
    """client_for("governance_lead") returns a test client signed in with that role."""
    from django.test import Client

    def make(role: str) -> Any:
        c = Client()
        if role != "anonymous":
            c.force_login(world.users[role])
        return c

    return make


@pytest.fixture
def lead_client(client_for: Any) -> Any:
    return client_for("governance_lead")


@pytest.fixture(autouse=True)
def _no_sign_in_limits_between_tests() -> None:
    """allauth counts failed sign-ins in the default cache (ADM-5): each test starts afresh."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings: Any, tmp_path_factory: Any) -> None:
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture
def page_cache_on(settings: Any) -> Any:
    """The page cache on, as `make run` serves, emptied before and after
    (src/pecgov/ui/pagecache.py); with the roles each process keeps for a data version."""
    from pecgov.ui import pagecache

    settings.PAGE_CACHE = True
    pagecache.forget()
    yield
    pagecache.forget()


class SentInRequest(AssertionError):
    """A request sent email inline: email goes through the outbox and the task queue (NOT-2)."""


@pytest.fixture(autouse=True)
def _no_email_sent_inside_a_request(monkeypatch: Any) -> Any:
    """Fails any test in which a request sends email itself rather than through the outbox's
    task (NOT-2). Tests run tasks eagerly, so the outbox's own delivery may run in a request."""
    import threading

    from django.core import mail
    from django.core.signals import request_finished, request_started

    from pecgov.notifications import delivery

    state = threading.local()

    def started(**kwargs: Any) -> None:
        state.in_request = True

    def finished(**kwargs: Any) -> None:
        state.in_request = False

    def guard(original: Any) -> Any:
        def send(*args: Any, **kwargs: Any) -> Any:
            if getattr(state, "in_request", False) and not delivery.delivering():
                raise SentInRequest("email sent inside a request: queue it in the outbox")
            return original(*args, **kwargs)

        return send

    monkeypatch.setattr(mail, "get_connection", guard(mail.get_connection))
    request_started.connect(started, dispatch_uid="no-inline-email-started")
    request_finished.connect(finished, dispatch_uid="no-inline-email-finished")
    yield
    request_started.disconnect(dispatch_uid="no-inline-email-started")
    request_finished.disconnect(dispatch_uid="no-inline-email-finished")


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    """The shared-cache tests need a Redis (`make test-redis` starts one): without
    PECGOV_REDIS_URL they are deselected, never skipped."""
    if os.environ.get("PECGOV_REDIS_URL"):
        return
    kept = [item for item in items if item.get_closest_marker("redis") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept
