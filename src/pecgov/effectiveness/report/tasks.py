"""The published annual report's PDF, built once on the task queue (EFF-2, X-4), as the
statement to the Board's is: from the frozen content, never the record as it now stands; the
bytes stored with their SHA-256 and a ledger event naming both digests
(`servicekit.store_pdf_once`). Running it twice builds nothing twice."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from pecgov.effectiveness.models import AnnualReport
from pecgov.effectiveness.report.pdf import render_pdf
from pecgov.servicekit import store_pdf_once


def build_pdf(report_id: int) -> AnnualReport:
    """Render and store the PDF of a published report, unless it is already there."""
    report = AnnualReport.objects.defer("pdf").get(pk=report_id)
    if report.pdf_ready or not report.is_published:
        return report
    return store_pdf_once(
        AnnualReport,
        report_id,
        render_pdf(report.content, note=frozen_note(report)),
        action="effectiveness.report_pdf",
        trust_id=report.trust_id,
        summary=f"PDF of {report.title}",
        reason="Annual report PDF built",
    )


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
