"""A case value is checked once, by the scheme of delegation that owns the value bands (PBC-2):
the "who decides?" API and page refuse what submitting a case refuses, with the same words."""

from __future__ import annotations

from typing import Any

import pytest

from pecgov.delegation import scheme as engine
from tests.commissioning_factories import make_commissioning
from tests.factories import World

TOO_LARGE = "The value is too large: enter the value in whole pounds, like 45000"


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (None, "Enter the value of the case in pounds"),
        ("", "Enter the value of the case in pounds"),
        ("45000", "Enter the value in whole pounds, like 45000"),
        (True, "Enter the value in whole pounds, like 45000"),
        (12.5, "Enter the value in whole pounds, like 45000"),
        (-1, "The value cannot be negative: enter £0 or more"),
        (0, None),
        (45_000, None),
        (engine.MAX_VALUE, None),
        (engine.MAX_VALUE + 1, TOO_LARGE),
        (10**20, TOO_LARGE),
    ],
)
def test_value_problem(value: Any, problem: str | None) -> None:
    assert engine.value_problem(value) == problem


@pytest.mark.django_db
def test_route_api_refuses_a_value_too_large_to_be_a_case(lead_client: Any, world: World) -> None:
    make_commissioning(world)

    response = lead_client.get("/api/scheme/route", {"kind": "business_case", "value": 10**20})

    assert response.status_code == 422
    assert response.json()["errors"] == {"value": [TOO_LARGE]}


@pytest.mark.django_db
def test_route_api_routes_the_largest_value_a_case_can_have(lead_client: Any, world: World) -> None:
    make_commissioning(world)

    response = lead_client.get("/api/scheme/route", {"kind": "business_case", "value": engine.MAX_VALUE})

    assert response.status_code == 200
    assert response.json()["decider"] == "board"
