"""The published annual report's PDF, built once on the task queue (EFF-2, X-4), as the
statement to the Board's is: from the frozen content, never the record as it now stands; the
bytes stored with their SHA-256 and a ledger event naming both digests. Running it twice builds
nothing twice."""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from pecgov.actors import SYSTEM
from pecgov.audit.recording import save_tracked
from pecgov.effectiveness.models import AnnualReport
from pecgov.effectiveness.report.pdf import render_pdf
from pecgov.servicekit import event


def build_pdf(report_id: int) -> AnnualReport:
    """Render and store the PDF of a published report, unless it is already there."""
    report = AnnualReport.objects.defer("pdf").get(pk=report_id)
    if report.pdf_ready or not report.is_published:
        return report
    pdf = render_pdf(report.content, note=frozen_note(report))
    digest = hashlib.sha256(pdf).hexdigest()
    with transaction.atomic():
        locked = AnnualReport.objects.select_for_update().defer("pdf").get(pk=report_id)
        if locked.pdf_ready:  # another worker finished first
            return locked
        locked.pdf, locked.pdf_sha256, locked.pdf_built_at = pdf, digest, timezone.now()
        save_tracked(
            locked,
            actor=SYSTEM,
            update_fields=["pdf", "pdf_sha256", "pdf_built_at"],
            reason="Annual report PDF built",
        )
        event(
            SYSTEM,
            "effectiveness.report_pdf",
            locked,
            locked.trust_id,
            f"PDF of {locked.title}",
            sha256=locked.sha256,
            pdf_sha256=digest,
        )
    return locked


def frozen_note(report: AnnualReport) -> str:
    published = timezone.localtime(report.published_at) if report.published_at else timezone.localtime()
    return f"Published on {published:%-d %B %Y at %H:%M}. SHA-256 of its content: {report.sha256}"


@task()
def report_pdf(report_id: int) -> str:
    """The task publishing enqueues on commit; returns the PDF's SHA-256."""
    return build_pdf(report_id).pdf_sha256


def enqueue_on_commit(report_id: int) -> None:
    """Enqueue the build once publishing commits: a rolled-back publish builds nothing."""
    transaction.on_commit(lambda: report_pdf.enqueue(report_id))
