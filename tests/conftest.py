"""Shared fixtures: a trust world with personas, and a signed-in client per role."""

from __future__ import annotations

import os
from typing import Any

import pytest

os.environ.setdefault("PECGOV_TESTING", "1")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tests.factories import World, make_trust

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
def _no_axes_lockouts_between_tests(settings: Any) -> None:
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings: Any, tmp_path_factory: Any) -> None:
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture
def page_cache_on(settings: Any) -> Any:
    """The page cache on, as `make run` serves, emptied before and after (issue 6,
    src/pecgov/ui/pagecache.py); with the roles each process keeps for a data version."""
    from pecgov.ui import pagecache

    settings.PAGE_CACHE = True
    pagecache.forget()
    yield
    pagecache.forget()
