"""`pecgov backup` and `pecgov restore` (ADM-1): every table, history and the ledger, restored
only into an empty database, with the ledger verified. Runs on SQLite and on PostgreSQL
(scripts/with-postgres.sh) alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pecgov.actors import SYSTEM
from pecgov.audit.models import AuditEvent
from pecgov.audit.verification import verify
from pecgov.onboarding import services
from pecgov.onboarding.models import Invitation
from pecgov.trust.models import Membership, Person
from tests.factories import make_person, make_trust


def test_restore_refuses_a_database_that_holds_data(db: object, tmp_path: Path) -> None:
    make_trust()
    path = tmp_path / "backup.json"
    call_command("backup", str(path))
    before = AuditEvent.objects.count()
    with pytest.raises(CommandError) as raised:
        call_command("restore", str(path))
    assert "The database is not empty" in str(raised.value)
    assert AuditEvent.objects.count() == before
    with pytest.raises(CommandError):
        call_command("restore", str(tmp_path / "missing.json"))


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_an_empty_database_round_trips_and_verifies(tmp_path: Path) -> None:
    """ADM-1, X-2: the restored database holds the same rows and its ledger verifies."""
    world = make_trust()
    services.invitation_create(actor=SYSTEM, person=make_person(world.trust), email="x@example.org")
    counts = (
        Person.objects.count(),
        Membership.objects.count(),
        AuditEvent.objects.count(),
        Invitation.objects.count(),
    )
    histories = Person.history.count()
    path = tmp_path / "backup.json"
    call_command("backup", str(path))
    call_command("flush", "--noinput", verbosity=0)
    assert AuditEvent.objects.count() == 0
    call_command("restore", str(path))
    assert (
        Person.objects.count(),
        Membership.objects.count(),
        AuditEvent.objects.count(),
        Invitation.objects.count(),
    ) == counts
    assert Person.history.count() == histories
    result = verify()
    assert result.ok and result.events_checked == counts[2]
