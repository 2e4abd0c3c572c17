"""The statement to the Board's PDF, built once on the task queue (COI-5, X-4).

The freeze records the text and its SHA-256 in its own transaction and enqueues this task once it
commits; the task renders the PDF from the frozen text (never from the record as it now stands),
stores the bytes with their SHA-256 and writes a ledger event naming both digests
(`servicekit.store_pdf_once`). Serving it is a
read of the stored bytes. Running the task twice builds nothing twice.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from pecgov.meetings.conflicts.statement import render_pdf
from pecgov.meetings.models import StatementVersion
from pecgov.servicekit import store_pdf_once


def frozen_note(version: StatementVersion) -> str:
    """The line printed under the statement: which version, when frozen, the digest of its text."""
    return (
        f"Version {version.version}, frozen on {timezone.localtime(version.frozen_at):%-d %B %Y at %H:%M}. "
        f"SHA-256 of its text: {version.sha256}"
    )


def build_pdf(version_id: int) -> StatementVersion:
    """Render and store the PDF of a frozen version, unless it is already there."""
    version = (
        StatementVersion.objects.select_related("item__meeting__committee").defer("pdf").get(pk=version_id)
    )
    if version.pdf_ready:
        return version
    item = version.item
    shell = SimpleNamespace(item=item, meeting=item.meeting)
    pdf = render_pdf(shell, text=version.html, note=frozen_note(version))  # type: ignore[arg-type]
    return store_pdf_once(
        StatementVersion,
        version_id,
        pdf,
        action="statement.pdf",
        trust_id=item.meeting.committee.trust_id,
        summary=f"PDF of the statement to the Board on {item}, version {version.version}",
        reason="Statement PDF built",
        version=version.version,
    )


@task()
def statement_pdf(version_id: int) -> str:
    """The task the freeze enqueues on commit; returns the PDF's SHA-256."""
    return build_pdf(version_id).pdf_sha256


def enqueue_on_commit(version_id: int) -> None:
    """Enqueue the build once the freeze commits: a rolled-back freeze builds nothing."""
    transaction.on_commit(lambda: statement_pdf.enqueue(version_id))
