"""The annual report's sections drawn from the other apps (EFF-1, EFF-2, ORG-7): the survey
results (a small group hidden), the implementation checklist, and the SHA log on the scorecard."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from pecgov.effectiveness.report import content
from pecgov.surveys import services as surveys
from pecgov.surveys.models import Recipient
from tests.effectiveness.report_fixtures import small_year
from tests.engagement.helpers import log
from tests.factories import World
from tests.surveys.helpers import full_answers, opened, token_of

pytestmark = pytest.mark.django_db

PERIOD = (dt.date(2007, 4, 1), dt.date(2008, 3, 31))


def build(world: World, start: dt.date, end: dt.date) -> content.Content:
    return content.build(trust=world.trust, start=start, end=end, title="Report", narrative="")


def test_survey_results_by_group_with_a_small_group_hidden(world: World) -> None:
    """EFF-2: response rates and who agrees, by group; the two partners who answered are fewer
    than the minimum, so their group shows no number in the figures, the chart or its table."""
    survey = opened(world, partners=2)
    for recipient in Recipient.objects.filter(survey=survey):
        surveys.response_submit(token=token_of(recipient), answers=full_answers(survey, point=4))
    while_open = next(s for s in build(world, *PERIOD)["sections"] if s["key"] == "surveys")
    assert while_open["charts"] == [] and "shown when it closes" in while_open["intro"]
    surveys.survey_close(actor=world.users["governance_lead"], survey=survey)
    found = build(world, *PERIOD)
    section = next(s for s in found["sections"] if s["key"] == "surveys")
    rates = {f["label"]: f["value"] for f in section["figures"]}
    members = Recipient.objects.filter(survey=survey, group="pec").count()
    assert rates[f"{survey.name}: answered, PEC members"] == f"{members} of {members} (100%)"
    hidden = [v for label, v in rates.items() if "answered, " in label and v.startswith("Hidden")]
    assert hidden == [f"Hidden: fewer than {survey.minimum_group_size} answered"]
    (chart,) = section["charts"]
    assert chart["kind"] == "heatmap" and chart["blank"] == "hidden"
    values = {s["name"]: s["values"] for s in chart["series"]}
    assert set(values["PEC members"]) == {100}  # everyone answered "agree"
    assert [set(v) for name, v in values.items() if name != "PEC members"] == [{None}]


def test_checklist_section_lists_each_annex_c_action(world: World) -> None:
    """EFF-1: the nine actions of DH Annex C with their state, and how many are done and overdue."""
    found = build(world, *PERIOD)
    section = next(s for s in found["sections"] if s["key"] == "checklist")
    keys = [f["key"] for f in section["figures"]]
    assert keys[:2] == ["checklist_done", "checklist_overdue"]
    assert len(keys) == 2 + 9
    assert section["figures"][0]["value"].endswith(" of 9")


def test_sha_meetings_without_the_chair_rate_the_third_pin(world: World) -> None:
    """ORG-7, EFF-3: two high-level SHA meetings without the PEC chair is red (the pack allows one
    for amber); the finding names them."""
    small_year(world)
    today = timezone.localdate()
    log(world, today - dt.timedelta(days=40), subject="Commissioning strategy")
    log(world, today - dt.timedelta(days=20), subject="Financial recovery plan")
    log(world, today - dt.timedelta(days=10), people=[world.people["pec_chair"]], subject="Joint review")
    found = build(world, today - dt.timedelta(days=364), today)
    pin = next(p for p in found["scorecard"] if p["key"] == "third_pin")
    assert pin["rating"] == "red"
    assert pin["reasons"][0].startswith(
        "2 of 3 high-level meetings with the SHA were held without the PEC chair"
    )
    assert "Financial recovery plan: without the PEC chair" in pin["reasons"][1]
