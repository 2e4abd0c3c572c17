"""An applicant's own list and the lists given `ordering` on this branch answer in a fixed number
of queries whatever the row count (PUB-2, APP-7; STYLE habit 3): measured with a few rows, then
again after more, each with its interests and the ordering sent."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client

from pecgov.appointments.services import DeclaredInterest
from tests.api.test_query_counts import count_queries
from tests.appointment_factories import apply, make_campaign
from tests.factories import World
from tests.meeting_factories import declare, make_meeting

MORE = 6
INTEREST = DeclaredInterest("financial", "Partner in a GP practice")


def test_an_applicants_list_reads_in_flat_queries(world: World) -> None:
    """APP-7, PUB-2: each application's interests and offer are read with the page, not per row."""
    me = Client()
    me.force_login(world.users["applicant"])
    apply(make_campaign(world), user=world.users["applicant"])
    url = "/api/applicant/applications"
    me.get(url)

    few, few_body = count_queries(me, url)
    for _ in range(MORE):
        apply(
            make_campaign(world),
            user=world.users["applicant"],
            nil_interests=False,
            interests=[INTEREST, INTEREST],
        )
    many, many_body = count_queries(me, url)

    assert many == few
    assert many_body["count"] == few_body["count"] + MORE


def test_meetings_and_declarations_ordered_read_in_flat_queries(lead_client: Any, world: World) -> None:
    """PUB-2: `ordering` adds no query per row."""
    urls = ["/api/meetings?ordering=committee", "/api/declarations?ordering=-start_date"]
    for url in urls:
        lead_client.get(url)
    few = [count_queries(lead_client, url)[0] for url in urls]
    for i in range(MORE):
        make_meeting(world.pec, days=i + 1)
        declare(
            world.people["member"], world.practice, description=f"Interest {i}", start=dt.date(2025, 1, i + 1)
        )
    many = [count_queries(lead_client, url)[0] for url in urls]
    assert many == few
