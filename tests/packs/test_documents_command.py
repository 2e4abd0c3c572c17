"""`pecgov documents` (COI-5, PUB-2): the command line names the same version and digests as the
page and the API, and writes the stored bytes."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from pecgov.meetings.conflicts import services as conflict_services
from pecgov.meetings.models import StatementVersion
from pecgov.meetings.packs import services as packs
from tests.conflicts.helpers import decide
from tests.factories import World
from tests.meeting_factories import attend_all, make_item, make_meeting, pec_people
from tests.packs.helpers import add_paper

pytestmark = pytest.mark.django_db


def run(*args: Any) -> str:
    out = StringIO()
    call_command("documents", *args, stdout=out)
    return out.getvalue()


def test_the_statement_command_agrees_with_the_stored_version(world: World, tmp_path: Path) -> None:
    """COI-5: version, text digest and PDF digest as stored; --out writes the stored PDF."""
    meeting = make_meeting(world.pec, days=-2)
    item = make_item(
        meeting, kind="recommendation", title="Fairfield business case", affected=[world.practice]
    )
    attend_all(meeting, pec_people(world))
    decide(item)
    conflict_services.statement_send(actor=world.users["governance_lead"], item=item)
    assert "being prepared" in run("statement", str(item.pk))

    out = run("statement", str(item.pk), "--out", str(tmp_path / "s.pdf"))

    version = StatementVersion.objects.get(item=item)
    assert f"version {version.version}" in out
    assert version.sha256 in out and version.pdf_sha256 in out
    assert (tmp_path / "s.pdf").read_bytes() == bytes(version.pdf)
    assert "0 statement PDF(s) built." in run("pending")


def test_the_pack_command_builds_once_and_writes_the_pack(world: World, tmp_path: Path) -> None:
    """PUB-2: a second run with nothing changed names the same version."""
    meeting = make_meeting(world.pec, days=10)
    add_paper(make_item(meeting, title="Estates"), "Estates paper", "Estates text")

    first = run("pack", str(meeting.pk), "--out", str(tmp_path / "p.pdf"))
    again = run("pack", str(meeting.pk))

    pack = packs.agenda_pack_for(meeting, public=False)
    assert pack is not None and pack.sha256 in first and pack.sha256 in again
    assert "version 1" in again
    assert (tmp_path / "p.pdf").read_bytes() == packs.pack_pdf(pack)


def test_the_command_refuses_what_does_not_exist(world: World) -> None:
    with pytest.raises(CommandError, match="No meeting 999999"):
        run("pack", "999999")
    with pytest.raises(CommandError, match="Say which item"):
        run("statement")
