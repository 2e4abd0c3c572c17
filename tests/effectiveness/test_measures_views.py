"""The measures page, its CSV, its records pages and the API (EFF-2): the same numbers
everywhere, each number's records listed, and bad input refused with a clear message."""

from __future__ import annotations

import csv
import html
import io
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from pecgov.effectiveness.queries import default_period
from tests.effectiveness.year import END, START, build_year
from tests.factories import World

pytestmark = pytest.mark.django_db

PERIOD = {"from": START.isoformat(), "to": END.isoformat()}
COUNTED = {"meetings", "items", "conflicts", "concerns", "cases"}


def shown(value: Any, unit: str) -> str:
    """A number as the page writes it (effectiveness/measures_macros.jinja `shown`)."""
    if value is None:
        return "Nothing to count"
    return f"{value:g}%" if unit == "%" else f"{value:g} {unit}"


def page_numbers(content: str) -> dict[str, str]:
    found = re.findall(r'data-measure="(\w+)">([^<]*)<', content)
    return {key: html.unescape(text).strip() for key, text in found}


def test_page_csv_and_api_give_the_same_numbers(world: World, client_for: Any) -> None:
    """EFF-2: one `Measures` behind the page, the CSV and the API."""
    build_year(world)
    client = client_for("pct_chair")
    api = client.get("/api/effectiveness/measures", PERIOD).json()
    page = page_numbers(client.get(reverse("effectiveness:measures"), PERIOD).content.decode())
    response = client.get(reverse("effectiveness:measures"), PERIOD | {"download": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = {row["measure"]: row for row in csv.DictReader(io.StringIO(response.content.decode()))}
    from_api = {x["key"]: x for x in api["measures"]}
    assert len(from_api) == len(page) == len(rows) == 24
    assert {k: shown(x["value"], x["unit"]) for k, x in from_api.items()} == page
    assert {k: ("" if x["value"] is None else f"{x['value']}") for k, x in from_api.items()} == {
        k: row["value"] for k, row in rows.items()
    }
    assert from_api["rubber_stamp_ratio"]["value"] == 33.3
    assert [q["rubber_stamp_ratio"] for q in api["contributions"]] == [0.6, None, 0.0, 0.0]


def test_each_number_links_to_exactly_the_records_it_counts(world: World, client_for: Any) -> None:
    """EFF-2: a count's records page lists as many records as the number says; a share's lists
    the records it is a share of."""
    build_year(world)
    client = client_for("governance_lead")
    measures = client.get("/api/effectiveness/measures", PERIOD).json()["measures"]
    denominators = {
        "attendance": 26,
        "rubber_stamp_ratio": 9,
        "minutes_within_target": 4,
        "cases_within_target": 3,
    }
    listed = {}
    for x in measures:
        if x["link"].startswith(reverse("effectiveness:measure_records")):
            content = client.get(x["link"]).content.decode()
            listed[x["key"]] = int(re.search(r'id="record-count">(\d+)<', content).group(1))  # type: ignore[union-attr]
    expected = {x["key"]: x["value"] for x in measures if x["unit"] in COUNTED} | denominators
    expected["board_days"] = 2  # the medians are over the two recommendations the Board decided
    assert listed == expected


def test_page_defaults_to_the_pec_and_the_last_twelve_months(world: World, client_for: Any) -> None:
    """EFF-2: no committee or period given."""
    content = client_for("member").get(reverse("effectiveness:measures")).content.decode()
    start, end = default_period()
    assert f"Professional Executive Committee, {start:%-d %B %Y} to {end:%-d %B %Y}" in html.unescape(content)


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        (
            {"from": "2024-04-01", "to": "2023-04-01"},
            "to",
            "The end of the period must be the same as or after its start",
        ),
        ({"from": "2023-02-31"}, "from", "From must be a real date, for example 15 3 2007"),
        ({"from[day]": "31", "from[month]": "2", "from[year]": "2023"}, "from", "From must be a real date"),
        ({"from": "1990-01-01", "to": "2024-01-01"}, "to", "The period can be at most 10 years long"),
        ({"committee": "nine"}, "committee", "Choose one of your trust's committees from the list"),
        ({"committee": "9" * 30}, "committee", "Choose one of your trust's committees from the list"),
    ],
)
def test_bad_period_is_refused_with_a_clear_message(
    world: World, client_for: Any, query: dict[str, str], field: str, message: str
) -> None:
    """EFF-2, X-4: the page answers 400 with the message in the error summary; the API 422 naming
    the field; the CSV is not sent."""
    client = client_for("governance_lead")
    page = client.get(reverse("effectiveness:measures"), query)
    assert page.status_code == 400
    assert message in html.unescape(page.content.decode())
    assert client.get(reverse("effectiveness:measures"), query | {"download": "csv"}).status_code == 400
    if "[" not in next(iter(query)):
        api = client.get("/api/effectiveness/measures", query)
        assert api.status_code == 422
        assert message in api.json()["errors"][field][0]


def test_another_trusts_committee_is_not_found(world: World, other_world: World, client_for: Any) -> None:
    """X-1: the API answers 404 for a committee of another trust; the page refuses the choice."""
    client = client_for("governance_lead")
    assert client.get("/api/effectiveness/measures", {"committee": other_world.pec.pk}).status_code == 404
    assert client.get(reverse("effectiveness:measures"), {"committee": other_world.pec.pk}).status_code == 400


def test_an_unknown_measure_has_no_records_page(world: World, client_for: Any) -> None:
    """EFF-2: 404 for a measure that does not exist."""
    url = reverse("effectiveness:measure_records")
    assert client_for("governance_lead").get(url, {"measure": "happiness"}).status_code == 404


def test_a_practice_lead_does_not_see_the_measures(world: World, client_for: Any) -> None:
    """X-1, EFF-2: the measures are for the lead, the PEC and the Board."""
    client = client_for("practice_lead")
    assert client.get(reverse("effectiveness:measures")).status_code == 403
    assert client.get("/api/effectiveness/measures").status_code == 403


def test_the_effectiveness_index_lists_only_the_pages_each_person_may_open(world: World) -> None:
    """EFF-1 to EFF-3, ORG-7, X-1: the lead is offered every page of the section; a practice lead,
    who may not see the measures or the reports, is offered neither."""
    lead, practice = Client(), Client()
    lead.force_login(world.users["governance_lead"])
    practice.force_login(world.users["practice_lead"])

    offered = lead.get(reverse("effectiveness:index")).content.decode()
    limited = practice.get(reverse("effectiveness:index")).content.decode()

    for name in (
        "effectiveness:measures",
        "effectiveness:report_list",
        "effectiveness:scorecard",
        "surveys:list",
        "checklist:index",
        "engagement:index",
    ):
        assert f'href="{reverse(name)}"' in offered, name
    assert f'href="{reverse("effectiveness:measures")}"' not in limited
    assert f'href="{reverse("effectiveness:report_list")}"' not in limited
    assert 'href="/effectiveness/"' in offered  # the header's Effectiveness link
