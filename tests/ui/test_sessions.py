"""Sessions are read in one plain statement (src/pecgov/ui/sessions.py) and mean what Django's own
database store says they mean: the same data, an expired or unknown session is nobody's (X-1, X-2)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pecgov.ui.sessions import SessionStore
from tests.factories import World

pytestmark = pytest.mark.django_db


def test_the_site_uses_this_store() -> None:
    assert settings.SESSION_ENGINE == "pecgov.ui.sessions"


def test_a_session_reads_as_djangos_store_reads_it_in_one_query(django_assert_num_queries: Any) -> None:
    session = SessionStore()
    session["who"] = "a reader"
    session.save()
    key = session.session_key
    assert key is not None

    with django_assert_num_queries(1):
        mine = SessionStore(key).load()
    assert mine == DjangoStore(key).load() == {"who": "a reader"}


def test_an_expired_or_unknown_session_is_nobodys() -> None:
    session = SessionStore()
    session["who"] = "a reader"
    session.save()
    key = session.session_key
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))

    expired = SessionStore(key)
    assert expired.load() == {}
    assert expired.session_key is None  # a new session is made, as Django's store does
    unknown = SessionStore("x" * 32)
    assert unknown.load() == {}
    assert unknown.session_key is None


def test_signing_in_and_out_goes_through_it(world: World) -> None:
    """X-2: a signed-in page is served; after signing out the same cookie is signed out."""
    client = Client()
    client.force_login(world.users["governance_lead"])
    path = reverse("trust:committee_detail", args=[world.pec.pk])
    assert client.get(path).status_code == 200
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.logout()
    stale = Client()
    stale.cookies[settings.SESSION_COOKIE_NAME] = cookie
    assert stale.get(path).status_code == 302  # to the sign-in page
