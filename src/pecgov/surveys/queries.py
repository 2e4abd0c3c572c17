"""Reads shared by the survey pages, the CSV, the API and the annual report (EFF-2)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from pecgov.surveys.models import Question, Recipient, Response, Survey, SurveyStatus
from pecgov.surveys.results import (
    AnswerSet,
    QuestionSpec,
    SurveyResults,
    answered_total,
    group_rates,
    summarise,
)
from pecgov.trust.models import Organisation


def surveys_of(trust_id: int) -> QuerySet[Survey]:
    """The trust's surveys (one query); `answered_totals` gives the lead's counts."""
    return Survey.objects.filter(trust_id=trust_id)


def answered_totals(surveys: list[Survey]) -> dict[int, str]:
    """Each survey's "answered of asked" for the lead's list, without a hidden group's count
    (EFF-2): one query whatever the number of surveys."""
    sent: dict[int, Counter[str]] = {s.pk: Counter() for s in surveys}
    answered: dict[int, Counter[str]] = {s.pk: Counter() for s in surveys}
    rows = (
        Recipient.objects.filter(survey__in=surveys)
        .order_by()
        .values_list("survey_id", "group")
        .annotate(n=Count("id"), done=Count("id", filter=Q(answered=True)))
    )
    for survey_id, group, n, done in rows:
        sent[survey_id][group], answered[survey_id][group] = n, done
    return {
        s.pk: answered_total(
            group_rates(sent[s.pk], answered[s.pk], s.minimum_group_size),
            sum(sent[s.pk].values()),
            s.minimum_group_size,
        )
        for s in surveys
    }


def _specs(survey: Survey) -> list[QuestionSpec]:
    return [QuestionSpec(q.key, q.text, q.kind, q.source) for q in survey.questions.all()]


def results_of(survey: Survey) -> SurveyResults:
    """One survey's results by group, with the minimum group size rule (three queries)."""
    return _results([survey])[0]


def results_for(*, trust: Organisation | int, start: dt.date, end: dt.date) -> list[SurveyResults]:
    """The closed (or closing: open) surveys whose period overlaps start..end, each with its
    results by respondent group; groups under the minimum size are hidden (EFF-2). Three queries
    whatever the number of surveys."""
    trust_id = trust if isinstance(trust, int) else trust.pk
    surveys = list(
        Survey.objects.filter(
            trust_id=trust_id,
            status__in=[SurveyStatus.OPEN, SurveyStatus.CLOSED],
            period_start__lte=end,
            period_end__gte=start,
        )
        .order_by("period_start", "name", "pk")
        .prefetch_related(Prefetch("questions", queryset=Question.objects.order_by("position", "id")))
    )
    return _results(surveys)


def _results(surveys: list[Survey]) -> list[SurveyResults]:
    """Each survey's results in its state today (EFF-2): two queries, and one for the questions
    of any survey whose questions were not prefetched."""
    ids = [s.pk for s in surveys]
    sent: dict[int, Counter[str]] = {i: Counter() for i in ids}
    for survey_id, group in Recipient.objects.filter(survey_id__in=ids).values_list("survey_id", "group"):
        sent[survey_id][group] += 1
    answers: dict[int, list[AnswerSet]] = {i: [] for i in ids}
    rows = Response.objects.filter(survey_id__in=ids).values_list("survey_id", "group", "answers")
    for survey_id, group, given in rows:
        answers[survey_id].append(AnswerSet(group, given))
    return [
        summarise(
            survey_id=s.pk,
            name=s.name,
            status=s.state,
            opened_on=s.opened_on.isoformat() if s.opened_on else None,
            closes_on=s.closes_on.isoformat() if s.closes_on else None,
            minimum_group_size=s.minimum_group_size,
            questions=_specs(s),
            sent=dict(sent[s.pk]),
            responses=answers[s.pk],
        )
        for s in surveys
    ]


def waiting_for(user_id: int) -> list[Recipient]:
    """The open surveys a signed-in person has been asked and not yet answered (one query)."""
    return list(
        Recipient.objects.filter(
            person__user_id=user_id,
            answered=False,
            survey__status=SurveyStatus.OPEN,
            survey__closes_on__gte=timezone.localdate(),
        )
        .select_related("survey")
        .order_by("survey__closes_on", "survey__name")
    )
