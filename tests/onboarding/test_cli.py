"""The commands: `pecgov trust`, `pecgov siteadmin`, `pecgov check --deploy` (ADM-1)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pecgov.demo.checks import check_deploy
from pecgov.onboarding.models import Invitation
from pecgov.trust.models import Committee, Organisation, SiteAdministrator

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_trust_create_list_close() -> None:
    """ADM-1: the same as the pages, from the command line."""
    out = run(
        "trust",
        "create",
        "--name",
        "Newtown PCT",
        "--ods",
        "5nt",
        "--pack",
        "alliance2006",
        "--pec-name",
        "Newtown PEC",
        "--lead-email",
        "lee@example.org",
        "--lead-name",
        "Lee Lead",
    )
    assert out.splitlines() == [
        "Set up Newtown PCT (5NT).",
        "Invitation for the governance lead queued to lee@example.org.",
    ]
    trust = Organisation.objects.get(ods_code="5NT")
    assert Committee.objects.get(trust=trust, kind="pec").name == "Newtown PEC"
    assert Invitation.objects.get(trust=trust).role == "governance_lead"
    listing = run("trust", "list")
    assert "5NT" in listing and "alliance2006" in listing and "open" in listing
    assert run("trust", "close", "5NT", "--reason", "Merged") == "Closed Newtown PCT.\n"
    assert "closed" in run("trust", "list")


def test_trust_create_refusal_is_a_command_error_naming_the_field() -> None:
    run("trust", "create", "--name", "Newtown PCT", "--ods", "5NT")
    with pytest.raises(CommandError) as raised:
        run("trust", "create", "--name", "Other PCT", "--ods", "5NT")
    assert str(raised.value) == "ods_code: Another trust already has the ODS code 5NT"
    with pytest.raises(CommandError):
        run("trust", "close", "NOPE", "--reason", "x")


def test_siteadmin_create_prints_a_one_time_password() -> None:
    out = run("siteadmin", "create", "boss@example.org")
    password = out.splitlines()[-1].rsplit(": ", 1)[1]
    admin = SiteAdministrator.objects.get(user__username="boss@example.org")
    assert admin.user.check_password(password) and admin.password_is_temporary
    with pytest.raises(CommandError):
        run("siteadmin", "create", "boss@example.org")
    fresh = run("siteadmin", "reset", "boss@example.org").splitlines()[-1].rsplit(": ", 1)[1]
    admin.user.refresh_from_db()
    assert admin.user.check_password(fresh) and not admin.user.check_password(password)
    with pytest.raises(CommandError):
        run("siteadmin", "reset", "nobody@example.org")


def test_check_deploy_refuses_demo_mode_the_demo_key_and_demo_data(settings: object) -> None:
    """ADM-1: `pecgov check --deploy` names each reason not to start."""
    settings.DEMO_MODE = True  # type: ignore[attr-defined]
    settings.SECRET_KEY = "django-insecure-demo-key-only-for-local-use-never-in-production"  # type: ignore[attr-defined]
    Organisation.objects.create(kind="trust", name="Avonmere Primary Care Trust", ods_code="5ZZ")
    assert sorted(e.id for e in check_deploy()) == ["pecgov.E010", "pecgov.E011", "pecgov.E012"]
    settings.DEMO_MODE = False  # type: ignore[attr-defined]
    settings.SECRET_KEY = "x" * 60  # type: ignore[attr-defined]
    Organisation.objects.filter(ods_code="5ZZ").delete()
    assert check_deploy() == []
