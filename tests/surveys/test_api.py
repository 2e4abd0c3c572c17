"""Surveys over the API (EFF-2, PUB-2): the same results and the same hiding rule as the page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from pecgov.surveys.models import Recipient
from pecgov.surveys.services.running import survey_close
from tests.factories import World
from tests.surveys.helpers import draft, full_answers, link_in_outbox, open_link, opened

pytestmark = pytest.mark.django_db


def test_api_results_hide_small_group_and_match_the_page(world: World, client_for: Any) -> None:
    """EFF-2: PEC (6 asked, 6 answered) shown; practices (2 answered, minimum 5) hidden; no
    answers at all until the survey closes, so none can be read from the change after each one."""
    survey = opened(world, partners=2)
    for recipient in Recipient.objects.filter(survey=survey):
        client = Client()
        client.post(open_link(client, link_in_outbox(recipient.email)), full_answers(survey, point=3))
    while_open = client_for("member").get(f"/api/surveys/{survey.pk}/results").json()
    assert (while_open["answers_shown"], while_open["questions"]) == (False, [])
    survey_close(actor=world.users["governance_lead"], survey=survey)
    body = client_for("member").get(f"/api/surveys/{survey.pk}/results").json()
    assert body["answers_shown"] is True
    rates = {g["group"]: (g["hidden"], g["sent"], g["answered"]) for g in body["groups"]}
    pec_size = world.pec.memberships.count()
    assert rates == {"pec": (False, pec_size, pec_size), "practice": (True, None, None)}
    first = body["questions"][0]["groups"]
    assert [(g["group"], g["mean"], g["distribution"]) for g in first] == [
        ("pec", 3.0, [0, 0, pec_size, 0, 0]),
        ("practice", None, None),
    ]


def test_api_lists_no_drafts_for_members(world: World, client_for: Any) -> None:
    draft(world, name="Hidden draft")
    opened(world, partners=1, members=False, name="Open one")
    names = [s["name"] for s in client_for("member").get("/api/surveys").json()]
    lead_names = [s["name"] for s in client_for("governance_lead").get("/api/surveys").json()]
    assert (names, sorted(lead_names)) == (["Open one"], ["Hidden draft", "Open one"])
    hidden = draft(world, name="Another draft")
    assert client_for("member").get(f"/api/surveys/{hidden.pk}/results").status_code == 404
