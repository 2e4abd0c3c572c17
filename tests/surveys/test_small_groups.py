"""Counts for groups under the minimum group size (EFF-2): wherever a group's count of answers
stands (the lead's survey page, the survey list, the results CSV, the API), a group under the
minimum reads "fewer than N", and no total lets it be worked out by subtraction."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any

import pytest
from django.utils import timezone

from pecgov.actors import SYSTEM
from pecgov.surveys import services
from pecgov.surveys.models import Recipient, Survey
from pecgov.surveys.results import answered_total, group_rates
from tests.factories import World
from tests.surveys.helpers import draft, full_answers, token_of

pytestmark = pytest.mark.django_db


def _survey(world: World) -> Survey:
    """Practices: 6 asked, 6 answered (shown). PBC groups: 3 asked, 2 answered (under 5: hidden)."""
    survey = draft(world)
    practices = "\n".join(f"practice{n}@example.org" for n in range(6))
    services.recipients_add_partners(actor=SYSTEM, survey=survey, group="practice", emails=practices)
    pbc = "\n".join(f"pbc{n}@example.org" for n in range(3))
    services.recipients_add_partners(actor=SYSTEM, survey=survey, group="pbc", emails=pbc)
    survey = services.survey_open(
        actor=SYSTEM, survey=survey, closes_on=timezone.localdate() + dt.timedelta(days=9)
    )
    answering = [
        r for r in Recipient.objects.filter(survey=survey).order_by("email") if r.email != "pbc2@example.org"
    ]
    for recipient in answering:
        services.response_submit(token=token_of(recipient), answers=full_answers(survey))
    return survey


def _rate_rows(page: str) -> dict[str, list[str]]:
    """The lead's response-rate table: group label -> its cells."""
    table = page[page.index("Response rates by group") : page.index("<h2>Questions</h2>")]
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, flags=re.S)[1:]:
        cells = [
            re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
        ]
        rows[cells[0]] = cells[1:]
    return rows


def test_lead_survey_page_shows_fewer_than_the_minimum_not_the_count(world: World, lead_client: Any) -> None:
    """EFF-2: the lead's page says "fewer than 5" for the PBC groups' 2 answers, the number for
    the practices' 6."""
    survey = _survey(world)
    rows = _rate_rows(lead_client.get(f"/surveys/{survey.pk}/").content.decode())
    assert rows == {
        "Practices": ["6", "6"],
        "Practice-based commissioning groups": ["3", "fewer than 5"],
    }


def test_survey_list_total_does_not_give_away_a_hidden_group(world: World, lead_client: Any) -> None:
    """EFF-2: 8 of 9 answered, but 8 minus the practices' 6 would be the PBC groups' 2: the list
    says "at least 6 of 9"."""
    _survey(world)
    page = lead_client.get("/surveys/").content.decode()
    assert "at least 6 of 9" in page
    assert "8 of 9" not in page


def test_csv_and_api_say_fewer_than_the_minimum(world: World, client_for: Any) -> None:
    """EFF-2: the CSV's and the API's counts for the hidden group say "fewer than 5"."""
    survey = _survey(world)
    client = client_for("member")
    text = client.get(f"/surveys/{survey.pk}/results.csv").content.decode()
    rates = {row[2]: row[3:6] for row in csv.reader(io.StringIO(text)) if row[0] == "Response rate"}
    assert rates == {
        "Practice-based commissioning groups": ["no", "", "fewer than 5"],
        "Practices": ["yes", "6", "6"],
    }
    body = client.get(f"/api/surveys/{survey.pk}/results").json()
    found = {g["group"]: (g["answered"], g["answered_text"]) for g in body["groups"]}
    assert found == {"pbc": (None, "fewer than 5"), "practice": (6, "6")}


@pytest.mark.parametrize(
    ("answered", "expected"),
    [
        ({"pec": 6, "practice": 5}, "11 of 20"),
        ({"pec": 6, "practice": 2}, "at least 6 of 20"),
        ({"pec": 1, "practice": 2}, "Fewer than 5 in each group, of 20"),
        ({}, "Fewer than 5 in each group, of 20"),
    ],
)
def test_answered_total_never_allows_subtraction(answered: dict[str, int], expected: str) -> None:
    """EFF-2: the exact total only when no group is hidden."""
    rates = group_rates({"pec": 10, "practice": 10}, answered, 5)
    assert answered_total(rates, 20, 5) == expected
