"""The survey pages (EFF-2): the answer page from the emailed link without an account, repeat
and reused links, the lead's pages, the results with hidden groups."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from pecgov.surveys.models import Recipient, Response
from tests.factories import World
from tests.surveys.helpers import draft, full_answers, link_in_outbox, open_link, opened

pytestmark = pytest.mark.django_db


def test_partner_answers_from_emailed_link_without_account(world: World) -> None:
    """EFF-2: the link from the outbox opens the form for anyone; one submit, one response."""
    survey = opened(world, partners=1, members=False)
    link = link_in_outbox("partner0@practice.example.org")
    client = Client()
    form = open_link(client, link)
    assert client.get(form).status_code == 200
    posted = client.post(form, full_answers(survey, point=5, text="Clear papers"))
    assert (posted.status_code, posted["Location"]) == (302, "/surveys/answer/thanks/")
    again = client.get(form)
    assert again.status_code == 410
    assert "You have already answered this survey" in again.content.decode()
    assert Response.objects.get().group == "practice"


def test_repeat_submit_saves_one_response(world: World) -> None:
    """X-5: the same form sent twice (same one-time key) saves once."""
    survey = opened(world, partners=1, members=False)
    client = Client()
    link = open_link(client, link_in_outbox("partner0@practice.example.org"))
    page = client.get(link).content.decode()
    found = re.search(r'name="submission_key" value="([^"]+)"', page)
    assert found is not None
    key = found.group(1)
    data = full_answers(survey) | {"submission_key": key}
    client.post(link, data)
    second = client.post(link, data)
    assert second.status_code in (302, 410)
    assert Response.objects.count() == 1


def test_missing_answer_shows_error_summary_and_saves_nothing(world: World) -> None:
    """X-4: a clear message at the top, 400, nothing saved."""
    survey = opened(world, partners=1, members=False)
    client = Client()
    link = open_link(client, link_in_outbox("partner0@practice.example.org"))
    answers = full_answers(survey)
    answers.pop(survey.questions.all()[0].key)
    response = client.post(link, answers)
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and "Select how far you agree" in page
    assert Response.objects.count() == 0


def test_bad_link_is_a_clear_page(world: World) -> None:
    response = Client().get("/surveys/answer/not-a-token/", follow=True)
    assert response.status_code == 404
    assert "This survey link is not valid" in response.content.decode()


def test_lead_creates_survey_from_the_page(world: World, lead_client: Any) -> None:
    response = lead_client.post(
        "/surveys/new/",
        {
            "name": "Board survey 2007",
            "period_start[day]": "1",
            "period_start[month]": "4",
            "period_start[year]": "2007",
            "period_end[day]": "31",
            "period_end[month]": "3",
            "period_end[year]": "2008",
        },
    )
    assert response.status_code == 302
    detail = lead_client.get(response["Location"])
    assert "Board survey 2007" in detail.content.decode()


def test_results_page_hides_small_group(world: World, client_for: Any) -> None:
    """EFF-2: with 2 practice answers under the minimum of 5, the page shows no practice numbers."""
    survey = opened(world, partners=2, members=False)
    for recipient in Recipient.objects.filter(survey=survey):
        client = Client()
        form = open_link(client, link_in_outbox(recipient.email))
        client.post(form, full_answers(survey, point=2, text="Only we said this"))
    page = client_for("member").get(f"/surveys/{survey.pk}/results/").content.decode()
    assert "Not shown: fewer than 5 answers" in page
    assert "Only we said this" not in page
    csv_text = client_for("member").get(f"/surveys/{survey.pk}/results.csv").content.decode()
    assert "Only we said this" not in csv_text


def test_draft_results_hidden_from_members(world: World, client_for: Any) -> None:
    survey = draft(world)
    assert client_for("member").get(f"/surveys/{survey.pk}/results/").status_code == 404
    assert client_for("governance_lead").get(f"/surveys/{survey.pk}/results/").status_code == 200


def test_member_answers_signed_in_from_their_list(world: World, client_for: Any) -> None:
    """EFF-2: a PEC member signed in finds the survey on their list and answers it; it leaves the list."""
    survey = opened(world, partners=0)
    member = client_for("member")
    page = member.get("/surveys/mine/").content.decode()
    found = re.search(r'href="(/surveys/answer/[^"]+/)"', page)
    assert found is not None and survey.name in page
    assert member.post(open_link(member, found.group(1)), full_answers(survey)).status_code == 302
    assert "There are no surveys waiting" in member.get("/surveys/mine/").content.decode()
    assert Response.objects.get().group == "pec"
