"""The EMPTY demo (ADM-1): no trust, a site administrator with a printed one-time password."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from pecgov.trust.models import Organisation, SiteAdministrator

pytestmark = pytest.mark.django_db


def _load() -> str:
    out = io.StringIO()
    call_command("load_demo", "--empty", stdout=out)
    return out.getvalue()


def test_empty_demo_has_no_trust_and_a_site_admin_with_a_working_one_time_password() -> None:
    out = _load()
    password = out.split("One-time password: ")[1].split()[0]
    assert Organisation.objects.count() == 0
    admin = SiteAdministrator.objects.get(user__username="admin@example.org")
    assert admin.password_is_temporary is True
    assert authenticate(username="admin@example.org", password=password) == admin.user


def test_running_again_issues_a_new_one_time_password_until_the_admin_chooses_one() -> None:
    first = _load().split("One-time password: ")[1].split()[0]
    second = _load().split("One-time password: ")[1].split()[0]
    assert first != second
    assert authenticate(username="admin@example.org", password=first) is None
    SiteAdministrator.objects.update(password_is_temporary=False)
    assert "has its own password already" in _load()
