"""The annual reports and the scorecard over the API (EFF-2, EFF-3, PUB-2): the same content as
the page, the PDF and the CSV. Trust users read; another trust's report is 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from pecgov.api.listing import sorted_rows, trust_of
from pecgov.effectiveness.forms import LONGEST_PERIOD_DAYS, PERIOD_TOO_LONG
from pecgov.effectiveness.models import AnnualReport
from pecgov.effectiveness.report import content as report_content
from pecgov.effectiveness.report import rules as _rules  # noqa: F401  # registers the permissions
from pecgov.effectiveness.report.evidence import Period
from pecgov.effectiveness.report.services import last_twelve_months
from pecgov.effectiveness.report.views import shown_content
from pecgov.trust.models import Organisation

router = Router(tags=["Effectiveness"])


def _trust_id(request: HttpRequest) -> int:
    return trust_of(request, "effectiveness.view_report")


class ReportOut(Schema):
    id: int
    title: str
    start: dt.date
    end: dt.date
    status: str
    published_at: dt.datetime | None
    sha256: str


class ReportDetailOut(ReportOut):
    content: dict[str, Any]


class PrincipleOut(Schema):
    key: str
    principle: str
    source: str
    rating: str
    reasons: list[str]
    figures: list[list[str]]


@router.get("/effectiveness/reports", response=list[ReportOut])
def list_reports(request: HttpRequest, ordering: str = "") -> Any:
    """The trust's annual reports; `ordering`: start, title or status (- in front to reverse)."""
    rows = list(AnnualReport.objects.filter(trust_id=_trust_id(request)).defer("pdf", "content"))
    return (
        sorted_rows(rows, ordering, {"start": "start", "title": "title", "status": "status"}, "")
        if ordering
        else rows
    )


@router.get("/effectiveness/reports/{report_id}", response=ReportDetailOut)
def get_report(request: HttpRequest, report_id: int) -> Any:
    """A report with what it shows: frozen once published; a draft's as the record stands."""
    trust_id = _trust_id(request)
    report = (
        AnnualReport.objects.defer("pdf")
        .select_related("trust")
        .filter(pk=report_id, trust_id=trust_id)
        .first()
    )
    if report is None:
        raise Http404
    return {**ReportOut.model_validate(report).model_dump(), "content": shown_content(report)}


@router.get("/effectiveness/scorecard", response=list[PrincipleOut])
def get_scorecard(request: HttpRequest, start: dt.date | None = None, end: dt.date | None = None) -> Any:
    """The guiding principles scorecard for a period (default: the last twelve months)."""
    trust = Organisation.objects.get(pk=_trust_id(request))
    if start and end and start <= end and (end - start).days >= LONGEST_PERIOD_DAYS:
        raise HttpError(422, PERIOD_TOO_LONG)  # each day's composition is worked out
    first, last = (start, end) if start and end and start <= end else last_twelve_months()
    return report_content.scorecard(trust, Period(first, last))
