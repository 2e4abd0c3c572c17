"""A survey past its closing date is closed (EFF-2): the state comes from the record, so the
lead's page, the list, the results page, the CSV, the API and the annual report's read all say
closed, and the answers show, although the lead never pressed "Close"."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.utils import timezone

from pecgov.errors import DomainError
from pecgov.surveys import services
from pecgov.surveys.models import Recipient, Survey, SurveyStatus
from pecgov.surveys.queries import results_for, waiting_for
from tests.factories import World
from tests.surveys.helpers import PERIOD, full_answers, opened, token_of

pytestmark = pytest.mark.django_db


def _past_its_date(world: World) -> Survey:
    """PEC members answer (the group is shown); then the closing date passes with no "Close"."""
    survey = opened(world, partners=0)
    for recipient in Recipient.objects.filter(survey=survey):
        services.response_submit(token=token_of(recipient), answers=full_answers(survey, text="Past"))
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    Survey.objects.filter(pk=survey.pk).update(closes_on=yesterday)
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.OPEN  # the stored field: nobody closed it
    return survey


def test_state_is_closed_once_the_closing_date_has_passed(world: World) -> None:
    """EFF-2: open on its closing date, closed the day after; a draft or a closed survey keeps its state."""
    survey = _past_its_date(world)
    assert survey.closes_on is not None
    assert survey.status_on(survey.closes_on) == SurveyStatus.OPEN
    assert survey.status_on(survey.closes_on + dt.timedelta(days=1)) == SurveyStatus.CLOSED
    assert (survey.state, survey.ended_on) == (SurveyStatus.CLOSED, survey.closes_on)


def test_pages_csv_and_api_agree_it_is_closed_and_show_answers(world: World, client_for: Any) -> None:
    """EFF-2: the lead's page says Closed and offers no Close or Remind; results, CSV and API show the answers."""
    survey = _past_its_date(world)
    lead = client_for("governance_lead")
    page = lead.get(f"/surveys/{survey.pk}/").content.decode()
    assert "Closed" in page and "Close the survey" not in page and "Remind those" not in page
    assert "Closed" in lead.get("/surveys/").content.decode()
    member = client_for("member")
    results = member.get(f"/surveys/{survey.pk}/results/").content.decode()
    assert "Past" in results and "The answers are shown when the survey closes" not in results
    rows = list(csv.reader(io.StringIO(member.get(f"/surveys/{survey.pk}/results.csv").content.decode())))
    assert any("Past" in row[-1] for row in rows)
    listed = {s["id"]: s for s in member.get("/api/surveys").json()}[survey.pk]
    assert (listed["status"], listed["closed_on"]) == ("closed", survey.closes_on.isoformat())
    body = member.get(f"/api/surveys/{survey.pk}/results").json()
    assert (body["status"], body["answers_shown"], len(body["questions"]) > 0) == ("closed", True, True)


def test_annual_report_read_sees_it_closed(world: World) -> None:
    """EFF-2: the annual report's survey section reads the same state and the answers."""
    survey = _past_its_date(world)
    found = results_for(trust=world.trust, start=PERIOD[0], end=timezone.localdate())
    mine = next(s for s in found if s.survey_id == survey.pk)
    assert (mine.status, mine.answers_shown, bool(mine.questions)) == ("closed", True, True)


def test_no_reminders_close_or_waiting_once_past_its_date(world: World) -> None:
    """EFF-2: reminding and closing are refused with the reason; no one is asked to answer it."""
    survey = _past_its_date(world)
    lead = world.users["governance_lead"]
    with pytest.raises(DomainError, match="is not open"):
        services.survey_remind(actor=lead, survey=survey)
    with pytest.raises(DomainError, match="its closing date"):
        services.survey_close(actor=lead, survey=survey)
    member = world.people["member"]
    assert member.user_id is not None
    Recipient.objects.filter(survey=survey, person=member).update(answered=False)
    assert waiting_for(member.user_id) == []
