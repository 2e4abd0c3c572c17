"""Query counts (X-1): the checklist page makes the same number of queries however much of the
record proves its actions (EFF-1)."""

from __future__ import annotations

from typing import Any

from pecgov.checklist.models import ChecklistAction
from pecgov.checklist.services import action_update
from pecgov.delegation import services as ds
from pecgov.delegation.enums import Authority, FunctionGroup
from tests.appointment_factories import make_campaign
from tests.factories import START, SYSTEM, World, make_person
from tests.test_query_counts import count_queries


def grow(world: World, n: int) -> None:
    """n functions delegated to the PEC, n advertised campaigns, and owners on the actions."""
    for _ in range(n):
        function = ds.function_create(
            actor=SYSTEM,
            trust=world.trust,
            group=FunctionGroup.VISION,
            name=f"Function {make_person(world.trust).pk}",
        )
        ds.delegation_create(
            actor=SYSTEM, function=function, committee=world.pec, authority=Authority.ADVISE, start_date=START
        )
        make_campaign(world)
    for action in ChecklistAction.objects.filter(checklist__trust=world.trust, owner__isnull=True)[:n]:
        action_update(
            actor=SYSTEM, action=action, owner=make_person(world.trust), due_date=None, status="in_progress"
        )


def test_checklist_page_query_count_is_flat(world: World, lead_client: Any) -> None:
    """EFF-1: 1 and 30 of everything the checklist reads cost the same queries."""
    lead_client.get("/checklist/")  # the first visit sets the checklist up
    grow(world, 1)
    few = count_queries(lead_client, "/checklist/")
    grow(world, 29)
    many = count_queries(lead_client, "/checklist/")
    assert many == few, f"checklist: {few} queries with 1 row, {many} with 30"


def test_checklist_api_query_count_is_flat(world: World, lead_client: Any) -> None:
    lead_client.get("/checklist/")
    grow(world, 1)
    few = count_queries(lead_client, "/api/checklist")
    grow(world, 29)
    assert count_queries(lead_client, "/api/checklist") == few
