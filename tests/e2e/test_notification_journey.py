"""Journey (NOT-1, NOT-2, COI-2, COI-3, X-3): papers out, a flagged member and the chair told.

The lead publishes a paper for an item affecting Fairfield Surgery; a real task worker (the
database backend's worker, in batch mode) sends the emails; Dr Tom Hollis, a partner there, finds
the notification and the email, follows the link to the item; the PEC chair finds the conflict
awaiting her ruling. axe-core: zero violations on every page visited.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core import mail
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker

from pecgov.actors import SYSTEM
from pecgov.meetings import services as ms
from pecgov.trust.enums import CommitteeKind
from pecgov.trust.models import Committee, Organisation, Person
from tests.notifications.helpers import PDF


def _worker_run() -> None:
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="journey",
        excluded_queue_names=[],
    ).run()


def test_papers_out_tell_the_flagged_member_and_the_chair(
    journey: Any, demo: None, settings: Any, tmp_path: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    pec = Committee.objects.get(kind=CommitteeKind.PEC)
    fairfield = Organisation.objects.get(name="Fairfield Surgery")
    starts = timezone.now().replace(microsecond=0) + dt.timedelta(days=9)
    meeting = ms.meeting_create(actor=SYSTEM, committee=pec, starts_at=starts, location="Boardroom")
    item = ms.item_add(
        actor=SYSTEM,
        meeting=meeting,
        title="Minor surgery hub",
        kind="recommendation",
        description="",
        affected=[fairfield],
    )
    hollis = Person.objects.get(name="Dr Tom Hollis")
    mail.outbox = []

    page = journey.page
    journey.sign_in("lead")
    journey.goto(f"/items/{item.pk}/papers/new/")
    pdf = tmp_path / "business-case.pdf"
    pdf.write_bytes(PDF)
    page.get_by_label("Title").fill("Business case")
    page.locator("input[type=file]").set_input_files(str(pdf))
    page.get_by_role("button", name="Upload paper").click()
    page.wait_for_url(f"**/meetings/{meeting.pk}/**")
    journey.check()
    journey.sign_out()

    _worker_run()  # the real worker sends the outbox
    flagged = [m for m in mail.outbox if "flagged" in m.subject]
    assert hollis.email
    assert [m.to for m in flagged] == [[hollis.email]]  # told once, at the trust directory's address

    journey.sign_in("member")
    journey.goto("/notifications/")
    assert page.get_by_text("You are flagged on an item").count() >= 1  # the demo's own meetings too
    # Newest first: the first is this meeting's.
    page.locator("main li").filter(has_text="You are flagged on an item").first.get_by_role("button").click()
    page.wait_for_url(f"**/items/{item.pk}/")
    journey.check()
    journey.sign_out()

    journey.sign_in("pecchair")
    journey.goto("/notifications/")
    assert page.get_by_text("Conflicts await your ruling").count() >= 1
    page.locator("main li").filter(has_text="Conflicts await your ruling").first.get_by_role("button").click()
    page.wait_for_url(f"**/items/{item.pk}/")
    journey.check()
    assert page.get_by_text("Dr Tom Hollis").count() >= 1
