"""The measures of effectiveness over the API (EFF-2, PUB-2): the same `Measures` the page, the
CSV and the annual report show, with the same permission."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from pecgov.api.listing import trust_of
from pecgov.effectiveness import measuring, queries
from pecgov.effectiveness.forms import PeriodForm, is_committee_id
from pecgov.effectiveness.report.api import router as report_router
from pecgov.errors import DomainError
from pecgov.trust.models import Committee, Organisation

router = Router(tags=["Effectiveness"])


class PeriodIn(Schema):
    committee: str = Field("", description="The committee's id; the trust's PEC when left out")
    from_: str = Field(
        "", alias="from", description="First day, as 2007-04-01; twelve months before `to` when left out"
    )
    to: str = Field("", description="Last day, as 2008-03-31; today when left out")


class MeasuresOut(Schema):
    committee: str
    committee_id: int
    start: dt.date
    end: dt.date
    measures: list[measuring.Measure]
    attendance: list[measuring.MemberAttendance]
    meetings_planned: int
    meetings_held: int
    items_by_kind: list[measuring.KindCount]
    contributions: list[measuring.QuarterContribution]
    board_decisions: list[measuring.BoardOutcomeCount]
    board_awaiting: int
    board_median_days: float | None
    conflicts_recorded: int
    conflicts_by_handling: list[measuring.HandlingCount]
    concerns_raised: int
    declarations_overdue: int
    turnaround: list[measuring.RouteTurnaround]
    composition: measuring.Composition
    coverage: measuring.Coverage | None
    minutes: measuring.MinutesTimeliness


def _trust(request: HttpRequest) -> Organisation:
    return Organisation.objects.get(pk=trust_of(request, "effectiveness.view_measures"))


@router.get("/effectiveness/measures", response=MeasuresOut, by_alias=False)
def get_measures(request: HttpRequest, period: Query[PeriodIn]) -> Any:
    """Every measure of effectiveness for a committee and period (EFF-2, MTG-4, PBC-4), each with
    its definition, its source in the record and the page listing the records it counts; with
    attendance per member, items by contribution per quarter (the rubber-stamp ratio), the
    Board's decisions, conflicts, turnaround by route, composition and coverage. A committee of
    another trust is 404; a bad date or period is 422 naming the field."""
    trust = _trust(request)
    data = {"committee": period.committee, "from": period.from_, "to": period.to}
    if (
        is_committee_id(period.committee)
        and not Committee.objects.filter(pk=int(period.committee), trust=trust).exists()
    ):
        raise HttpError(404, "There is no such committee in your trust")
    form = PeriodForm({k: v for k, v in data.items() if v}, trust=trust)
    if not form.is_valid():
        raise DomainError({field: [str(e) for e in errors] for field, errors in form.errors.items()})
    committee, start, end = form.period
    return queries.measures_for(trust=trust, committee=committee, start=start, end=end)


# The annual reports and the scorecard (EFF-2, EFF-3).
router.add_router("", report_router)
