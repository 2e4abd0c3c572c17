"""The "Bring in your registers" pages (ADM-2, X-4, X-5): errors by line and column with nothing
imported, a preview, one import however often it is confirmed, long files on the task queue."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pecgov.audit.models import AuditEvent
from pecgov.imports import services
from pecgov.imports.models import ImportRun, RunStatus
from pecgov.trust import services as ts
from pecgov.trust.models import Person
from tests.factories import World
from tests.imports.helpers import counts, csv_bytes

pytestmark = pytest.mark.django_db
HEADER = ["email", "name", "profession", "practising"]


def _upload(client: Any, rows: list[list[str]], name: str = "people.csv", kind: str = "people") -> Any:
    upload = SimpleUploadedFile(name, csv_bytes(HEADER, rows), content_type="text/csv")
    return client.post("/imports/", {"kind": kind, "upload": upload}, follow=True)


def test_bad_file_shows_every_problem_and_imports_nothing(lead_client: Any, world: World) -> None:
    """ADM-2, X-4: the run page lists each bad row by line and column; nothing was saved."""
    before = counts()
    response = _upload(
        lead_client, [["a@example.org", "Ann", "surgeon", "no"], ["b@example.org", "", "gp", "maybe"]]
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "line 2, column `profession`: surgeon is not one of" in page
    assert "line 3, column `name`: this cannot be empty" in page
    assert "line 3, column `practising`: maybe is not yes or no" in page
    assert "Nothing was imported" in page
    assert counts() == before
    assert ImportRun.objects.get().status == RunStatus.INVALID


def test_good_file_previews_then_imports_once(lead_client: Any, world: World) -> None:
    """ADM-2, X-5: a preview with counts; confirming imports with one event; confirming again
    (or replaying the same form) imports nothing more."""
    response = _upload(
        lead_client, [["a@example.org", "Ann Lee", "gp", "yes"], ["b@example.org", "Bob Rae", "lay", "no"]]
    )
    page = response.content.decode()
    assert "What the import will do" in page
    assert "Import people.csv" in page
    assert not Person.objects.filter(email="a@example.org").exists()
    run = ImportRun.objects.get()
    assert run.status == RunStatus.READY and run.counts == {"create": 2, "update": 0, "unchanged": 0}
    events = AuditEvent.objects.count()
    confirmed = lead_client.post(f"/imports/{run.pk}/import/", follow=True)
    assert "Imported people.csv: 2 added, 0 changed." in confirmed.content.decode()
    assert Person.objects.filter(email__in=["a@example.org", "b@example.org"]).count() == 2
    assert AuditEvent.objects.count() == events + 1
    lead_client.post(f"/imports/{run.pk}/import/", follow=True)
    assert AuditEvent.objects.count() == events + 1
    run.refresh_from_db()
    assert run.status == RunStatus.DONE


def test_the_same_file_again_has_nothing_to_import(lead_client: Any, world: World) -> None:
    """ADM-2: the second upload of an imported file shows nothing to change and no button."""
    rows = [["a@example.org", "Ann Lee", "gp", "yes"]]
    _upload(lead_client, rows)
    lead_client.post(f"/imports/{ImportRun.objects.get().pk}/import/")
    page = _upload(lead_client, rows).content.decode()
    assert "Every row is already in the records" in page
    assert ImportRun.objects.order_by("-id")[0].status == RunStatus.NOTHING


def test_confirm_rechecks_against_todays_records(lead_client: Any, world: World) -> None:
    """ADM-2: what changed since the preview is checked again at import; a clash imports nothing."""
    _upload(
        lead_client, [["a@example.org", "Ann Lee", "gp", "yes"], ["a2@example.org", "Ann Two", "gp", "yes"]]
    )
    run = ImportRun.objects.get()
    ts.person_create(
        actor=world.users["governance_lead"],
        trust=world.trust,
        name="Ann Lee",
        profession="manager",
        email="a@example.org",
    )
    before = counts()
    page = lead_client.post(f"/imports/{run.pk}/import/", follow=True).content.decode()
    run.refresh_from_db()
    assert run.status == RunStatus.DONE  # the changed row is an update, the other a create
    assert counts()["people"] == before["people"] + 1
    assert "1 added, 1 changed" in page


def test_long_file_is_checked_and_imported_on_the_task_queue(
    lead_client: Any, world: World, monkeypatch: Any
) -> None:
    """ADM-2, NOT-2: past the threshold the task queue checks and imports (immediately in tests),
    and the page shows the outcome."""
    monkeypatch.setattr(services, "BACKGROUND_ROWS", 1)
    rows = [[f"p{n}@example.org", f"Person {n}", "nurse", "no"] for n in range(5)]
    _upload(lead_client, rows)
    run = ImportRun.objects.get()
    assert run.status == RunStatus.READY
    assert run.rows_total == 5 and run.rows_done == 5
    lead_client.post(f"/imports/{run.pk}/import/")
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert (
        Person.objects.filter(
            email__startswith="p", email__endswith="@example.org", trust=world.trust
        ).count()
        == 5
    )


def test_not_a_table_is_refused_before_it_is_kept(lead_client: Any, world: World) -> None:
    """X-4: a file that is not CSV or Excel is refused on the form."""
    upload = SimpleUploadedFile("people.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = lead_client.post("/imports/", {"kind": "people", "upload": upload})
    assert response.status_code == 400
    assert "The file must be a .csv or .xlsx file" in response.content.decode()
    assert ImportRun.objects.count() == 0


def test_other_trusts_lead_cannot_see_or_confirm(
    client: Any, world: World, other_world: World, lead_client: Any
) -> None:
    """X-1: another trust's lead gets 404 on this trust's upload and cannot import it."""
    _upload(lead_client, [["a@example.org", "Ann Lee", "gp", "yes"]])
    run = ImportRun.objects.get()
    client.force_login(other_world.users["governance_lead"])
    assert client.get(f"/imports/{run.pk}/").status_code == 404
    assert client.post(f"/imports/{run.pk}/import/").status_code == 404
    run.refresh_from_db()
    assert run.status == RunStatus.READY
