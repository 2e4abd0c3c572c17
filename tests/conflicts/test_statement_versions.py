"""Statements are documents (COI-5): once the lead marks the statement sent, or the Board's
decision is recorded, the text and PDF are frozen with their SHA-256 in the ledger; a later change
to the record makes a new, visibly later version and never alters what the Board saw."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from pecgov.audit.models import AuditEvent
from pecgov.errors import DomainError
from pecgov.meetings import services as ms
from pecgov.meetings.conflicts import services as conflict_services
from pecgov.meetings.models import StatementVersion
from tests.conflicts.helpers import decide
from tests.factories import SYSTEM, World
from tests.meeting_factories import attend_all, make_item, make_meeting, pec_people

pytestmark = pytest.mark.django_db


def decided_recommendation(world: World) -> Any:
    meeting = make_meeting(world.pec, days=-2)
    item = make_item(
        meeting, kind="recommendation", title="Fairfield business case", affected=[world.practice]
    )
    attend_all(meeting, pec_people(world))
    return decide(item)


def page(client: Any, item: Any, query: str = "") -> str:
    return str(client.get(reverse("conflicts:statement", args=[item.pk]) + query).content.decode())


def test_the_board_decision_freezes_the_statement_with_its_digest(world: World, client_for: Any) -> None:
    item = decided_recommendation(world)

    ms.board_decision_record(
        actor=SYSTEM,
        item=item,
        decided_on=timezone.localdate(),
        outcome="accepted",
        conflicts_considered=True,
    )

    version = StatementVersion.objects.get(item=item)
    assert version.version == 1
    assert version.sha256 == hashlib.sha256(version.html.encode()).hexdigest()
    assert bytes(version.pdf).startswith(b"%PDF")
    event = AuditEvent.objects.filter(action="statement.freeze").get()
    assert event.data["sha256"] == version.sha256
    html = page(client_for("member"), item)
    assert "This is version 1 of the statement" in html
    assert version.sha256 in html


def test_a_later_change_makes_version_2_and_version_1_is_unchanged(world: World, client_for: Any) -> None:
    item = decided_recommendation(world)
    first = conflict_services.statement_send(actor=world.users["governance_lead"], item=item)
    text = first.html

    conflict_services.concern_raise(
        actor=world.users["executive_director"], item=item, text="The chair should have left the room."
    )

    first.refresh_from_db()
    assert first.html == text
    assert list(StatementVersion.objects.filter(item=item).values_list("version", flat=True)) == [2, 1]
    client = client_for("member")
    latest, original = page(client, item), page(client, item, "?version=1")
    assert "The chair should have left the room." in latest
    assert "The chair should have left the room." not in original
    assert "A later version exists." in original
    assert 'id="statement-versions"' in latest
    pdf = client.get(reverse("conflicts:statement_pdf", args=[item.pk]) + "?version=1")
    assert b"".join(pdf.streaming_content) == bytes(first.pdf)


def test_sending_twice_with_nothing_changed_is_refused(world: World, lead_client: Any) -> None:
    item = decided_recommendation(world)
    conflict_services.statement_send(actor=world.users["governance_lead"], item=item)

    with pytest.raises(DomainError):
        conflict_services.statement_send(actor=world.users["governance_lead"], item=item)
    response = lead_client.post(reverse("conflicts:statement_send", args=[item.pk]))

    assert response.status_code == 302
    assert StatementVersion.objects.filter(item=item).count() == 1


def test_only_the_lead_sends_the_statement(world: World, client_for: Any) -> None:
    item = decided_recommendation(world)

    response = client_for("pec_chair").post(reverse("conflicts:statement_send", args=[item.pk]))

    assert response.status_code == 403
    assert not StatementVersion.objects.exists()
