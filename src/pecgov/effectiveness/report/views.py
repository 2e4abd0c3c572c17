"""The annual report's pages (EFF-2) and the scorecard's (EFF-3): thin views over the services,
the content builder and the stored PDF."""

from __future__ import annotations

import datetime as dt
import io
from typing import cast

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from pecgov.effectiveness.forms import LONGEST_PERIOD_DAYS, PERIOD_TOO_LONG
from pecgov.effectiveness.models import AnnualReport
from pecgov.effectiveness.report import content as report_content
from pecgov.effectiveness.report import pdf as report_pdf_module
from pecgov.effectiveness.report import services, tasks
from pecgov.effectiveness.report.evidence import Period
from pecgov.effectiveness.report.forms import ReportCreateForm, ReportEditForm
from pecgov.public.common import csv_response
from pecgov.servicekit import stored_pdf
from pecgov.trust.models import Organisation
from pecgov.trust.views.common import own_trust
from pecgov.ui.middleware import error_page
from pecgov.ui.viewkit import GET_POST, can, form_view, post_action, posted, trust_id_of, trust_view

SECTION = "effectiveness"


def _report(request: HttpRequest, pk: int) -> AnnualReport:
    """The report within the user's trust (another trust's is 404), without its PDF's bytes."""
    reports = AnnualReport.objects.defer("pdf").select_related("trust")
    try:
        return reports.get(pk=pk, trust_id=trust_id_of(request))
    except AnnualReport.DoesNotExist as error:
        raise Http404 from error


def shown_content(report: AnnualReport) -> report_content.Content:
    """A published report's frozen content; a draft's, from the record as it stands."""
    if report.is_published:
        return cast(report_content.Content, report.content)
    return report_content.build(
        trust=report.trust, start=report.start, end=report.end, title=report.title, narrative=report.narrative
    )


@trust_view("effectiveness.view_report")
def report_list(request: HttpRequest) -> HttpResponse:
    reports = AnnualReport.objects.filter(trust_id=request.trust_id).defer("pdf", "content")  # type: ignore[attr-defined]
    return render(
        request,
        "effectiveness/report_list.jinja",
        {
            "title": "Annual reports on the PEC's effectiveness",
            "reports": list(reports),
            "can_manage": can(request, "effectiveness.manage_report"),
            "nav_section": SECTION,
        },
    )


@GET_POST
@trust_view("effectiveness.manage_report")
def report_create(request: HttpRequest) -> HttpResponse:
    trust = own_trust(request)
    start, end = services.financial_year()
    form = ReportCreateForm(posted(request), initial={"start": start, "end": end})
    return form_view(
        request,
        form,
        save=lambda d: services.report_create(actor=request.user, trust=trust, **d),
        done=lambda r: f"{r.title} created as a draft.",
        then=lambda r: reverse("effectiveness:report_detail", args=[r.pk]),
        title="Create an annual report",
        submit_text="Create the report",
        cancel=reverse("effectiveness:report_list"),
        intro="The report shows the period's measures, survey results, checklist and scorecard as the record "
        "stands until you publish it. Once published it no longer changes.",
        section=SECTION,
    )


@trust_view("effectiveness.view_report")
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    content = shown_content(report)
    return render(
        request,
        "effectiveness/report_detail.jinja",
        {
            "title": report.title,
            "report": report,
            "c": content,
            "svgs": report_pdf_module.drawn(content),
            "can_manage": can(request, "effectiveness.manage_report") and not report.is_published,
            "nav_section": SECTION,
        },
    )


@GET_POST
@trust_view("effectiveness.manage_report")
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    detail = reverse("effectiveness:report_detail", args=[report.pk])
    if report.is_published:
        messages.info(request, "This report is published: it no longer changes.")
        return redirect(detail)
    form = ReportEditForm(posted(request), instance=report)
    return form_view(
        request,
        form,
        save=lambda d: services.report_update(actor=request.user, report=report, **d),
        done=lambda _: "Report saved.",
        then=lambda _: detail,
        title=f"Edit {report.title}",
        submit_text="Save the report",
        cancel=detail,
        section=SECTION,
    )


@require_POST
@trust_view("effectiveness.manage_report")
def report_publish(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    published = post_action(request, lambda: services.report_publish(actor=request.user, report=report))
    if published:
        messages.success(request, "Report published. It no longer changes; its PDF is being prepared.")
    return redirect(reverse("effectiveness:report_detail", args=[report.pk]))


@trust_view("effectiveness.view_report")  # type: ignore[arg-type]  # streams: not an HttpResponse subclass
def report_pdf(request: HttpRequest, pk: int) -> FileResponse:
    """A published report's stored PDF, never a new rendering; a draft's is printed as it stands."""
    report = _report(request, pk)
    if report.is_published:
        pdf = stored_pdf(report, tasks.build_pdf)
        name = f"annual-report-{report.start:%Y-%m-%d}-to-{report.end:%Y-%m-%d}.pdf"
    else:
        pdf = report_pdf_module.render_pdf(shown_content(report), note="Draft: not yet published.")
        name = f"annual-report-draft-{report.start:%Y-%m-%d}-to-{report.end:%Y-%m-%d}.pdf"
    return FileResponse(io.BytesIO(pdf), filename=name, content_type="application/pdf")


@trust_view("effectiveness.view_report")  # type: ignore[arg-type]
def report_csv(request: HttpRequest, pk: int) -> FileResponse:
    report = _report(request, pk)
    rows = report_content.csv_rows(shown_content(report))
    return csv_response(rows, f"annual-report-{report.start:%Y-%m-%d}-to-{report.end:%Y-%m-%d}.csv")


def scorecard_period(request: HttpRequest) -> Period | None:
    """?start=&end= (ISO dates), else the last twelve months ending today; None for a period
    longer than the measures allow (each day's composition is worked out: X-4, no runaway request)."""
    try:
        start = dt.date.fromisoformat(request.GET.get("start", ""))
        end = dt.date.fromisoformat(request.GET.get("end", ""))
        if start <= end:
            return Period(start, end) if (end - start).days < LONGEST_PERIOD_DAYS else None
    except ValueError:
        pass
    return Period(*services.last_twelve_months())


@trust_view("effectiveness.view_report")
def scorecard_page(request: HttpRequest) -> HttpResponse:
    trust = Organisation.objects.get(pk=request.trust_id)  # type: ignore[attr-defined]
    period = scorecard_period(request)
    if period is None:
        return error_page(request, title="The period is too long", message=PERIOD_TOO_LONG, status=400)
    return render(
        request,
        "effectiveness/scorecard.jinja",
        {
            "title": "The guiding principles scorecard",
            "period": report_content.period_words(period.start, period.end),
            "cards": report_content.scorecard(trust, period),
            "nav_section": SECTION,
        },
    )
