"""A new site administrator with second factors enforced (ADM-1, ADM-5): the one-time password
is replaced first, then the app is set up; the two "do this first" pages never send each other
round in a loop (the day-one journey found that loop)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from pecgov.actors import SYSTEM
from pecgov.onboarding import services


@pytest.mark.django_db
def test_one_time_password_first_then_the_second_factor(settings: Any) -> None:
    """ADM-1, ADM-5: sign-in lands on the password page (200, not a redirect); once changed,
    every page sends the administrator to set up the app."""
    settings.MFA_ENFORCED = True
    _user, one_time = services.siteadmin_create(actor=SYSTEM, email="admin@example.org")
    client = Client()
    signed_in = client.post("/sign-in/", {"login": "admin@example.org", "password": one_time})
    assert signed_in.status_code == 302
    assert client.get("/")["Location"] == "/site/password/"
    page = client.get("/site/password/")
    assert page.status_code == 200
    assert client.get("/site/trusts/")["Location"] == "/site/password/"
    changed = client.post(
        "/site/password/",
        {"password": "site-admin-passphrase-2026", "password_again": "site-admin-passphrase-2026"},
    )
    assert changed.status_code == 302
    assert client.get("/site/trusts/")["Location"] == "/account/security/app/"
