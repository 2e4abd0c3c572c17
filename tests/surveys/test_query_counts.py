"""Query counts of the survey pages (EFF-2, as tests/test_query_counts.py): the same number of
queries for 1 and 30 rows (surveys, people asked, responses)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from pecgov.actors import SYSTEM
from pecgov.surveys import services
from pecgov.surveys.models import Recipient, Survey
from tests.factories import World
from tests.surveys.helpers import draft, full_answers, token_of
from tests.test_query_counts import count_queries

pytestmark = pytest.mark.django_db


def _survey_with(world: World, n: int, survey: Survey | None = None) -> Survey:
    """A survey asking (and answered by) n more practice partners."""
    survey = survey or draft(world, name="Counted")
    if survey.status == "draft":
        emails = "\n".join(f"p{i}@example.org" for i in range(n))
        services.recipients_add_partners(actor=SYSTEM, survey=survey, group="practice", emails=emails)
        return services.survey_open(
            actor=SYSTEM, survey=survey, closes_on=timezone.localdate() + dt.timedelta(days=9)
        )
    return survey


def test_survey_list_query_count_is_flat(world: World, lead_client: Any) -> None:
    draft(world, name="Survey 0")
    few = count_queries(lead_client, "/surveys/")
    for i in range(1, 30):
        draft(world, name=f"Survey {i}")
    assert count_queries(lead_client, "/surveys/") == few


@pytest.mark.parametrize("page", ["results/", "results.csv", ""])
def test_survey_pages_query_count_is_flat(world: World, lead_client: Any, page: str) -> None:
    small = _survey_with(world, 1)
    for r in Recipient.objects.filter(survey=small):
        services.response_submit(token=token_of(r), answers=full_answers(small, text="Fine"))
    few = count_queries(lead_client, f"/surveys/{small.pk}/{page}")
    big = draft(world, name="Big")
    big = _survey_with(world, 30, big)
    for r in Recipient.objects.filter(survey=big):
        services.response_submit(token=token_of(r), answers=full_answers(big, text="Fine"))
    assert count_queries(lead_client, f"/surveys/{big.pk}/{page}") == few


def test_results_for_query_count_is_flat(world: World, django_assert_max_num_queries: Any) -> None:
    """The annual report's read (EFF-2): four queries whatever the number of surveys."""
    for i in range(3):
        survey = _survey_with(world, 2, draft(world, name=f"Report {i}"))
        for r in Recipient.objects.filter(survey=survey):
            services.response_submit(token=token_of(r), answers=full_answers(survey))
    today = timezone.localdate()
    from pecgov.surveys.queries import results_for

    with django_assert_max_num_queries(4):
        found = results_for(trust=world.trust, start=dt.date(2007, 6, 1), end=today)
    assert [s.name for s in found] == ["Report 0", "Report 1", "Report 2"]
