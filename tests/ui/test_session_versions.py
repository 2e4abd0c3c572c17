"""The accounts version is read with the session, in the same statement (src/pecgov/ui/sessions.py,
src/pecgov/ui/dataversion.py), and used only by the request that read it (X-1 at national scale).

What it says is what `accounts_version` reads on its own; a new request, a committed write or
another thread never sees it.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from pecgov.ui import dataversion
from pecgov.ui.models import DataVersion
from pecgov.ui.sessions import SessionStore
from tests.factories import World

pytestmark = pytest.mark.usefixtures("transactional_db", "page_cache_on")


def saved_session(**data: Any) -> str:
    session = SessionStore()
    session.update(data)
    session.save()
    assert session.session_key is not None
    return session.session_key


def read_alone() -> str:
    dataversion.forget_read_with_session()
    return dataversion.accounts_version()


def test_session_read_brings_the_accounts_version_in_the_same_query(django_assert_num_queries: Any) -> None:
    dataversion.bump()  # the version rows exist
    expected = read_alone()
    key = saved_session(who="a reader")

    with django_assert_num_queries(1):
        assert SessionStore(key).load() == {"who": "a reader"}
        assert dataversion.accounts_version() == expected


@pytest.mark.parametrize("rows", [(), (1,), (1, 2), (1, 3), (1, 2, 3)])
def test_session_read_accounts_version_is_the_one_read_alone(rows: tuple[int, ...]) -> None:
    """The epoch and the versions, whichever rows exist: a database not yet written says "-:s0:a0"."""
    DataVersion.objects.all().delete()
    for row in rows:
        DataVersion.objects.create(pk=row, version=10 + row)
    key = saved_session(who="a reader")
    SessionStore(key).load()
    with_session = dataversion.accounts_version()
    assert with_session == read_alone()
    assert with_session.startswith("-:") == (rows == ())


def test_session_read_accounts_version_serves_once(django_assert_num_queries: Any) -> None:
    key = saved_session(who="a reader")
    SessionStore(key).load()
    dataversion.accounts_version()
    with django_assert_num_queries(1):
        dataversion.accounts_version()  # asked again: read again


def test_session_read_accounts_version_not_used_by_the_next_request(django_assert_num_queries: Any) -> None:
    key = saved_session(who="a reader")
    SessionStore(key).load()
    SessionStore()  # the next request's store, with no session to read
    with django_assert_num_queries(1):
        dataversion.accounts_version()


def test_session_read_accounts_version_dropped_by_a_committed_write() -> None:
    dataversion.bump()
    key = saved_session(who="a reader")
    SessionStore(key).load()
    before = dataversion._ACCOUNTS_READ.get()
    dataversion._pending("default").accounts = True  # as a committed change to a user records
    dataversion.bump()
    rows = {row.pk: row for row in DataVersion.objects.all()}
    now = f"{rows[1].epoch}:s{rows[2].version}:a{rows[3].version}"
    assert now != before
    assert dataversion.accounts_version() == now


def test_session_read_accounts_version_is_this_threads_own() -> None:
    key = saved_session(who="a reader")
    SessionStore(key).load()
    seen: list[str | None] = []
    other = threading.Thread(target=lambda: seen.append(dataversion._ACCOUNTS_READ.get()))
    other.start()
    other.join()
    assert seen == [None]
    assert dataversion._ACCOUNTS_READ.get() is not None


def test_session_read_without_page_cache_reads_no_version(settings: Any) -> None:
    settings.PAGE_CACHE = False
    key = saved_session(who="a reader")
    SessionStore(key).load()
    assert dataversion._ACCOUNTS_READ.get() is None


def test_signed_in_kept_page_reads_session_and_accounts_in_one_query(world: World) -> None:
    """A signed-in request's user is found under the version read with its session: no query of
    its own for the accounts version."""
    client = Client()
    client.force_login(world.users["governance_lead"])
    assert client.get("/").status_code == 200  # the user read and kept
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    sql = [q["sql"] for q in queries.captured_queries]
    assert any("session_data" in q and f"id = {dataversion.ACCOUNTS_ROW}" in q for q in sql)
    assert not any("LEFT JOIN" in q and f"c.id = {dataversion.ACCOUNTS_ROW}" in q for q in sql)
    assert dataversion._ACCOUNTS_READ.get() is None  # used by the request's user, not left over


def test_session_read_brings_the_trust_version_its_pages_showed_last(django_assert_num_queries: Any) -> None:
    dataversion.bump()
    key = saved_session(who="a reader")
    dataversion.remember_session_trust(key, 7)
    dataversion._pending("default").trusts.add(7)  # the trust's row exists
    dataversion.bump()
    read_alone_trust = dataversion.trust_version(7)

    with django_assert_num_queries(1):
        SessionStore(key).load()
        assert dataversion.trust_version(7) == read_alone_trust
    with django_assert_num_queries(1):
        assert dataversion.trust_version(7) == read_alone_trust  # once: asked again, read again


@pytest.mark.parametrize("rows", [(), (1,), (1, 2)])
def test_session_read_trust_version_is_the_one_read_alone(rows: tuple[int, ...]) -> None:
    """Whichever version rows exist, and a trust with no row of its own yet."""
    DataVersion.objects.all().delete()
    for row in rows:
        DataVersion.objects.create(pk=row, version=10 + row)
    key = saved_session(who="a reader")
    dataversion.remember_session_trust(key, 9)
    SessionStore(key).load()
    with_session = dataversion.trust_version(9)
    dataversion.forget_read_with_session()
    assert with_session == dataversion.trust_version(9)


def test_session_read_trust_version_serves_only_that_trust(django_assert_num_queries: Any) -> None:
    """The guess is the trust the session was shown last; a page of another trust reads its own."""
    key = saved_session(who="a reader")
    dataversion.remember_session_trust(key, 7)
    SessionStore(key).load()
    with django_assert_num_queries(1):
        assert ":t8:" in dataversion.trust_version(8)


def test_session_read_trust_version_dropped_by_a_committed_write() -> None:
    key = saved_session(who="a reader")
    dataversion.remember_session_trust(key, 7)
    SessionStore(key).load()
    before = dataversion._TRUST_READ.get()
    dataversion._pending("default").trusts.add(7)  # a committed write in that trust
    dataversion.bump()
    assert before is not None
    assert dataversion.trust_version(7) != before[1]


def test_signed_in_kept_page_is_served_with_the_session_read_alone(
    world: World, django_assert_num_queries: Any
) -> None:
    """X-1: a kept page for a signed-in user costs one query, under the versions read alone."""
    client = Client()
    client.force_login(world.users["governance_lead"])
    assert client.get("/").status_code == 200  # rendered and kept; the session's trust noted
    assert client.get("/")["X-Page-Cache"] == "hit"
    with django_assert_num_queries(1):
        assert client.get("/")["X-Page-Cache"] == "hit"
    dataversion._pending("default").trusts.add(world.trust.pk)  # a write in the user's trust
    dataversion.bump()
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_a_trust_version_read_afresh_is_remembered_for_the_sessions_next_read(
    django_assert_num_queries: Any,
) -> None:
    """Whichever page asks for the trust's version, kept or rendered (the bench's query counts
    depend on it being the same): the next read of the session brings it, and it is the same."""
    dataversion._pending("default").trusts.add(11)  # the trust's row exists
    dataversion.bump()
    key = saved_session(who="a reader")
    SessionStore(key).load()  # nothing remembered yet: the trust is read on its own
    with django_assert_num_queries(1):
        first = dataversion.trust_version(11)
    with django_assert_num_queries(1):
        SessionStore(key).load()
        assert dataversion.trust_version(11) == first


def test_a_trust_version_read_without_a_session_is_remembered_for_none() -> None:
    dataversion.forget_read_with_session()
    before = dict(dataversion._SESSION_TRUSTS)
    dataversion.trust_version(12)
    assert before == dataversion._SESSION_TRUSTS
