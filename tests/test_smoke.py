"""The app starts, the demo loads twice without change, and the home page answers."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from pecgov.audit.chain import verify
from pecgov.cli import main
from pecgov.trust.models import Membership, Organisation, Person


@pytest.mark.django_db
def test_demo_load_is_idempotent() -> None:
    call_command("load_demo", stdout=io.StringIO())
    counts = (Organisation.objects.count(), Person.objects.count(), Membership.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (
        Organisation.objects.count(),
        Person.objects.count(),
        Membership.objects.count(),
    ) == counts
    assert counts[0] >= 50
    assert verify().ok


def test_landing_page_for_anonymous(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/")
    assert response.status_code == 200
    assert b"Sign in" in response.content


def test_cli_help_and_behaviour_agree(capsys: pytest.CaptureFixture[str]) -> None:
    """`pecgov compliance` is the compliance check (POL-4); `pecgov check` is Django's own."""
    main(["help"])
    listing = capsys.readouterr().out
    main(["help", "compliance"])
    compliance_help = capsys.readouterr().out
    main(["check"])
    checked = capsys.readouterr().out

    assert "    compliance\n" in listing
    assert "    check\n" in listing
    assert "composition and the trust's function coverage" in compliance_help
    assert "System check identified no issues" in checked
