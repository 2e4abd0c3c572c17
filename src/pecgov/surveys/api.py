"""Surveys in the API (EFF-2, PUB-2): the trust's surveys and their results by group, read
only, with the same minimum group size rule as the page and the CSV: a hidden group carries no
numbers. Statuses: 200; 401 not signed in (no session or token); 403 not working in a trust;
404 a survey not in your trust (or a draft, for anyone but the governance lead)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from pecgov.api.listing import sorted_rows, trust_of
from pecgov.surveys import queries
from pecgov.surveys.models import Survey, SurveyStatus

router = Router(tags=["Surveys"])


class SurveyOut(Schema):
    id: int
    name: str
    period_start: dt.date
    period_end: dt.date
    status: str = Field(description="draft, open or closed; closed once the closing date has passed")
    opened_on: dt.date | None
    closes_on: dt.date | None
    closed_on: dt.date | None = Field(
        description="The day the lead closed it, or its closing date once passed"
    )
    minimum_group_size: int

    # The state from the record, as the pages, the CSV and the annual report show it (EFF-2).
    @staticmethod
    def resolve_status(obj: Survey) -> str:
        return obj.state

    @staticmethod
    def resolve_closed_on(obj: Survey) -> dt.date | None:
        return obj.ended_on


class GroupRateOut(Schema):
    group: str
    label: str
    hidden: bool
    sent: int | None
    answered: int | None
    answered_text: str = Field(description='The count, or "fewer than N" for a hidden group')


class GroupAnswersOut(Schema):
    group: str
    label: str
    hidden: bool
    answered: int | None
    distribution: list[int] | None
    dont_know: int | None
    mean: float | None
    text_count: int | None
    texts: list[str]


class QuestionOut(Schema):
    key: str
    text: str
    kind: str
    source: str
    groups: list[GroupAnswersOut]


class ResultsOut(Schema):
    survey_id: int
    name: str
    status: str
    opened_on: str | None
    closes_on: str | None
    minimum_group_size: int
    groups: list[GroupRateOut]
    answers_shown: bool = Field(
        description="False until the survey closes: no answers are counted while it is open"
    )
    questions: list[QuestionOut]


def _visible(request: HttpRequest) -> Any:
    surveys = Survey.objects.filter(trust_id=trust_of(request, "surveys.view"))
    if not request.user.has_perm("surveys.manage"):
        surveys = surveys.exclude(status=SurveyStatus.DRAFT)
    return surveys


SURVEY_ORDER = {"name": "name", "period_start": "period_start", "status": "status", "closes_on": "closes_on"}


@router.get("/surveys", response=list[SurveyOut])
def list_surveys(request: HttpRequest, ordering: str = "") -> Any:
    """The trust's effectiveness surveys, newest period first (drafts for the lead only);
    `ordering`: name, period_start, status or closes_on (- in front to reverse)."""
    rows = list(_visible(request))
    return sorted_rows(rows, ordering, SURVEY_ORDER, "") if ordering else rows


@router.get("/surveys/{survey_id}/results", response=ResultsOut)
def get_survey_results(request: HttpRequest, survey_id: int) -> Any:
    """A survey's results by respondent group; groups under the minimum size are hidden."""
    survey = _visible(request).filter(pk=survey_id).first()
    if survey is None:
        raise HttpError(404, "No such survey in your trust")
    return queries.results_of(survey)
