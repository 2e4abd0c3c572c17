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


def test_the_board_decision_freezes_the_statement_with_its_digest(
    world: World, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """COI-5, X-4: the text and its digest in the write; the PDF built by the task on commit."""
    item = decided_recommendation(world)

    with django_capture_on_commit_callbacks(execute=True):
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
    assert version.pdf_sha256 == hashlib.sha256(bytes(version.pdf)).hexdigest()
    event = AuditEvent.objects.filter(action="statement.freeze").get()
    assert event.data["sha256"] == version.sha256
    built = AuditEvent.objects.filter(action="statement.pdf").get()
    assert (built.data["sha256"], built.data["pdf_sha256"]) == (version.sha256, version.pdf_sha256)
    html = page(client_for("member"), item)
    assert "This is version 1 of the statement" in html
    assert version.sha256 in html


def test_a_later_change_makes_version_2_and_version_1_is_unchanged(
    world: World, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    item = decided_recommendation(world)
    with django_capture_on_commit_callbacks(execute=True):
        first = conflict_services.statement_send(actor=world.users["governance_lead"], item=item)
    text = first.html

    with django_capture_on_commit_callbacks(execute=True):
        conflict_services.concern_raise(
            actor=world.users["executive_director"], item=item, text="The chair should have left the room."
        )

    first.refresh_from_db()
    assert first.html == text
    assert bytes(first.pdf).startswith(b"%PDF")
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


def test_before_the_task_runs_the_page_says_being_prepared(
    world: World, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """X-4, COI-5: the freeze commits the text and its digest; until the task has built the PDF the
    page offers no download, and the PDF is built exactly once however often it is asked for."""
    item = decided_recommendation(world)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        version = conflict_services.statement_send(actor=world.users["governance_lead"], item=item)
    version.refresh_from_db()
    assert (bytes(version.pdf), version.pdf_sha256) == (b"", "")
    assert len(callbacks) == 1
    client = client_for("member")
    html = page(client, item)
    assert "is being prepared" in html
    assert "Download the statement (PDF)" not in html

    for callback in callbacks:  # the worker runs the task
        callback()
    callbacks[0]()  # and again, as after a crash: nothing is built twice

    version.refresh_from_db()
    assert bytes(version.pdf).startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="statement.pdf").count() == 1
    html = page(client, item)
    assert "is being prepared" not in html
    assert "Download the statement (PDF)" in html
    served = client.get(reverse("conflicts:statement_pdf", args=[item.pk]))
    assert b"".join(served.streaming_content) == bytes(version.pdf)


def test_a_rolled_back_freeze_builds_nothing(world: World, django_capture_on_commit_callbacks: Any) -> None:
    """X-4: the task is enqueued on commit only."""
    from django.db import transaction

    item = decided_recommendation(world)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        conflict_services.statement_send(actor=world.users["governance_lead"], item=item)
        raise RuntimeError("the write fails after the freeze")
    assert callbacks == []
    assert not StatementVersion.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="statement.").exists()


def test_the_pdf_asked_for_before_the_worker_ran_is_built_once_and_kept(
    world: World, client_for: Any
) -> None:
    """X-4: without a worker the download still answers, builds it once, and then reads it."""
    item = decided_recommendation(world)
    version = conflict_services.statement_send(actor=world.users["governance_lead"], item=item)
    client = client_for("member")
    url = reverse("conflicts:statement_pdf", args=[item.pk])

    one = b"".join(client.get(url).streaming_content)
    two = b"".join(client.get(url).streaming_content)

    version.refresh_from_db()
    assert one == two == bytes(version.pdf)
    assert one.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="statement.pdf").count() == 1


def test_the_api_names_the_version_the_page_shows(
    world: World, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """COI-5, PUB-2: the page, the API and the PDF agree on the version and its digests."""
    item = decided_recommendation(world)
    with django_capture_on_commit_callbacks(execute=True):
        version = conflict_services.statement_send(actor=world.users["governance_lead"], item=item)
    version.refresh_from_db()

    data = client_for("member").get(f"/api/items/{item.pk}/statement").json()

    assert (data["version"], data["sha256"], data["pdf_sha256"]) == (
        1,
        version.sha256,
        version.pdf_sha256,
    )
    assert version.sha256 in page(client_for("member"), item)
