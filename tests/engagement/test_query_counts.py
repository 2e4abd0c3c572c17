"""Query counts (X-1): the SHA engagement page, its API and the PEC's committee page make the
same number of queries for 1 and for 30 logged entries (ORG-7)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tests.engagement.helpers import log
from tests.factories import World, make_person
from tests.test_query_counts import count_queries

KINDS = ["high_level", "regular", "communication", "performance"]


def grow(world: World, n: int) -> None:
    today = timezone.localdate()
    for i in range(n):
        people = [world.people["chief_executive"], make_person(world.trust)]
        if i % 2:
            people.append(world.people["pec_chair"])
        log(world, today - dt.timedelta(days=i % 300), KINDS[i % 4], people)


@pytest.mark.parametrize(
    "url",
    [
        lambda w: "/engagement/",
        lambda w: "/engagement/?download=csv",
        lambda w: "/api/engagement/entries",
        lambda w: "/api/engagement/summary",
        lambda w: f"/committees/{w.pec.pk}/",
    ],
    ids=["page", "csv", "api list", "api summary", "committee page finding"],
)
def test_engagement_query_count_is_flat(url: Any, world: World, lead_client: Any) -> None:
    """ORG-7: the log and the third-pin finding read in a fixed number of queries."""
    grow(world, 1)
    few = count_queries(lead_client, url(world))
    grow(world, 29)
    many = count_queries(lead_client, url(world))
    assert many == few, f"{few} queries with 1 entry, {many} with 30"
