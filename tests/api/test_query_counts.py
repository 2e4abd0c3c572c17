"""The API's list endpoints answer in a fixed number of queries, whatever the row count (PUB-2; STYLE habit 3).

Each endpoint is measured with the test trust's few rows, then again after 29
more rows are added through the factories; the two counts must be equal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pecgov.interests import services as isv
from pecgov.meetings import services as ms
from pecgov.trust import services as ts
from pecgov.trust.enums import CommitteeKind, MembershipRole, OrganisationKind, Profession
from tests.factories import SYSTEM, World, make_org, make_person, seat
from tests.meeting_factories import declare, make_meeting

EXTRA = 29


def add_organisations(world: World) -> None:
    for _ in range(EXTRA):
        make_org(world.trust, OrganisationKind.PRACTICE, parent=world.practice)


def add_people(world: World) -> None:
    for _ in range(EXTRA):
        make_person(world.trust, Profession.GP, organisation=world.practice)


def add_committees(world: World) -> None:
    for i in range(EXTRA):
        committee = ts.committee_create(
            actor=SYSTEM,
            trust=world.trust,
            kind=CommitteeKind.REFERENCE_GROUP,
            name=f"Reference group {i}",
            parent=world.pec,
        )
        seat(make_person(world.trust, Profession.NURSE), committee)


def add_pec_seats(world: World) -> None:
    # Enough seats to break the size rule too, so failing findings are measured as well.
    professions = [Profession.GP, Profession.NURSE, Profession.MANAGER]
    for i in range(EXTRA):
        role = MembershipRole.MANAGEMENT if i % 3 == 2 else MembershipRole.CLINICAL
        seat(make_person(world.trust, professions[i % 3]), world.pec, role)


def add_meetings(world: World) -> None:
    for i in range(EXTRA):
        make_meeting(world.pec, days=i + 1)


def add_actions(world: World) -> None:
    meeting = make_meeting(world.pec, days=-3)
    for i in range(EXTRA):
        ms.action_add(
            actor=SYSTEM,
            meeting=meeting,
            description=f"Action {i}",
            owner=world.people["member"],
            due_date=dt.date.today() + dt.timedelta(days=i),
        )


def add_audit_events(world: World) -> None:
    for i in range(EXTRA):  # one ledger event each
        declare(world.people["member"], None, description=f"Interest {i}", organisation_name=f"Company {i}")


def add_returns(world: World) -> None:
    for _ in range(EXTRA):
        isv.interest_return_make(actor=SYSTEM, person=make_person(world.trust), kind="nil")


CASES: dict[str, tuple[str, Callable[[World], None]]] = {
    "organisations": ("/api/organisations", add_organisations),
    "people": ("/api/people", add_people),
    "committees": ("/api/committees", add_committees),
    "committee memberships": ("/api/committees/{pec}/memberships", add_pec_seats),
    "memberships": ("/api/memberships", add_pec_seats),
    # The complete API (PUB-2): the lists added with it.
    "meetings": ("/api/meetings", add_meetings),
    "actions": ("/api/actions", add_actions),
    "audit events": ("/api/audit/events", add_audit_events),
    "returns": ("/api/returns", add_returns),
}


def count_queries(api_client: Any, url: str) -> tuple[int, Any]:
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get(url)
    assert response.status_code == 200, response.content
    return len(queries), response.json()


@pytest.mark.parametrize("case", list(CASES))
def test_api_list_query_count_is_constant(lead_client: Any, world: World, case: str) -> None:
    path, add_rows = CASES[case]
    url = path.format(pec=world.pec.pk)
    lead_client.get(url)  # warm caches (policy packs, content types) so only per-request queries count

    few, few_body = count_queries(lead_client, url)
    add_rows(world)
    many, many_body = count_queries(lead_client, url)

    assert many == few
    assert many_body["count"] == few_body["count"] + EXTRA


def test_api_findings_query_count_is_constant_as_seats_grow(lead_client: Any, world: World) -> None:
    url = f"/api/committees/{world.pec.pk}/findings"
    lead_client.get(url)

    few, few_body = count_queries(lead_client, url)
    add_pec_seats(world)
    many, many_body = count_queries(lead_client, url)

    assert few_body["worst"] == "pass"
    assert many_body["worst"] == "fail"
    assert many == few


def test_public_register_endpoint_reads_one_page_in_flat_queries(world: World, client: Any) -> None:
    """/api/public/declarations (PUB-1, PUB-2): the same queries for 1 and 30 declarations."""
    member = world.people["member"]
    declare(member, world.practice)
    client.get("/api/public/declarations")
    with CaptureQueriesContext(connection) as few:
        first = client.get("/api/public/declarations?limit=5")
    for i in range(29):
        declare(member, None, description=f"Interest {i}", organisation_name=f"Company {i}")
    with CaptureQueriesContext(connection) as many:
        second = client.get("/api/public/declarations?limit=5")
    assert first.json()["count"] == 1
    assert second.json()["count"] == 30
    assert len(second.json()["items"]) == 5
    assert len(many.captured_queries) == len(few.captured_queries)
