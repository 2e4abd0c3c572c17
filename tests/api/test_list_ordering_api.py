"""One `ordering` on the meetings, declarations and cases lists too (PUB-2): each keeps its own
order when none is sent, takes a field name (- in front to reverse), answers 422 naming the
choices for an unknown one, and documents the choices on its OpenAPI parameter."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.commissioning_factories import make_commissioning, submit_case
from tests.factories import World
from tests.meeting_factories import declare, make_meeting


def ids(client: Any, path: str, **query: str) -> list[int]:
    response = client.get(path, query)
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["items"]]


def test_meetings_keep_newest_first_and_take_ordering(lead_client: Any, world: World) -> None:
    """PUB-2, MTG-1: newest first by default; `starts_at` oldest first; `-committee` by name."""
    soon, later, past = (
        make_meeting(world.pec, days=3),
        make_meeting(world.board, days=30),
        make_meeting(world.pec, days=-5),
    )

    assert ids(lead_client, "/api/meetings") == [later.pk, soon.pk, past.pk]
    assert ids(lead_client, "/api/meetings", ordering="starts_at") == [past.pk, soon.pk, later.pk]
    # By committee name ("Professional Executive Committee" before "Testshire PCT Board"), then id.
    assert ids(lead_client, "/api/meetings", ordering="committee") == [soon.pk, past.pk, later.pk]
    assert ids(lead_client, "/api/meetings", ordering="-committee")[0] == later.pk


def test_declarations_keep_the_registers_order_and_take_ordering(lead_client: Any, world: World) -> None:
    """PUB-2, COI-1: by person then category by default, as the register page; `-start_date` the
    newest declared first."""
    today = dt.date.today()
    old = declare(world.people["member"], world.practice, start=today - dt.timedelta(days=400))
    new = declare(
        world.people["pec_chair"], world.practice, category="indirect", start=today - dt.timedelta(days=3)
    )
    mid = declare(
        world.people["member"], world.practice, category="indirect", start=today - dt.timedelta(days=30)
    )
    usual = sorted([old, new, mid], key=lambda d: (d.person.name, d.category, d.pk))

    assert ids(lead_client, "/api/declarations") == [d.pk for d in usual]
    assert ids(lead_client, "/api/declarations", ordering="-start_date") == [new.pk, mid.pk, old.pk]
    assert ids(lead_client, "/api/declarations", ordering="start_date") == [old.pk, mid.pk, new.pk]


def test_cases_keep_newest_first_and_take_ordering(lead_client: Any, world: World) -> None:
    """PUB-2, PBC-1: newest first by default; `value` smallest first, `-value` largest first."""
    make_commissioning(world)
    small, big, middle = submit_case(world, 10_000), submit_case(world, 900_000), submit_case(world, 120_000)

    assert ids(lead_client, "/api/cases") == [middle.pk, big.pk, small.pk]
    assert ids(lead_client, "/api/cases", ordering="value") == [small.pk, middle.pk, big.pk]
    assert ids(lead_client, "/api/cases", ordering="-value") == [big.pk, middle.pk, small.pk]


@pytest.mark.parametrize(
    ("path", "choice"),
    [("/api/meetings", "committee"), ("/api/declarations", "start_date"), ("/api/cases", "target_date")],
)
def test_an_unknown_ordering_is_422_naming_the_choices(
    lead_client: Any, world: World, path: str, choice: str
) -> None:
    """PUB-2, X-4: the same answer as every other list, naming the list's choices."""
    response = lead_client.get(path, {"ordering": "secret"})
    assert response.status_code == 422
    assert choice in response.json()["errors"]["ordering"][0]


def test_the_choices_are_documented_on_each_lists_parameter(client: Any) -> None:
    """PUB-2: the OpenAPI document names each list's choices and its usual order."""
    paths = client.get("/api/openapi.json").json()["paths"]
    for path, choice in [
        ("/api/meetings", "committee"),
        ("/api/declarations", "start_date"),
        ("/api/cases", "value"),
    ]:
        params = {p["name"]: p for p in paths[path]["get"]["parameters"]}
        assert choice in params["ordering"]["description"], path
