"""Query counts (X-1): each list page makes the same number of queries for 1 and 30 rows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pecgov.trust import services as ts
from pecgov.trust.enums import LinkKind, MembershipRole, OrganisationKind, Profession
from tests.effectiveness.growth import add_measured_meetings
from tests.effectiveness.report_fixtures import add_reports
from tests.factories import START, SYSTEM, World, make_org, make_person, seat
from tests.onboarding.helpers import add_staff


def count_queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def add_people(world: World, n: int) -> None:
    for _ in range(n):
        seat(
            make_person(world.trust, Profession.NURSE, organisation=world.practice),
            world.board,
            MembershipRole.NON_EXECUTIVE,
        )


def add_organisations(world: World, n: int) -> None:
    group = make_org(world.trust, OrganisationKind.PBC_GROUP)
    for _ in range(n):
        org = make_org(world.trust, OrganisationKind.PRACTICE, parent=group)
        ts.organisation_link_create(
            actor=SYSTEM,
            from_organisation=org,
            to_organisation=group,
            kind=LinkKind.MEMBER_OF_PBC_GROUP,
            start_date=START,
        )


def add_committees(world: World, n: int) -> None:
    for i in range(n):
        ts.committee_create(
            actor=SYSTEM,
            trust=world.trust,
            kind="reference_group",
            name=f"Reference group {i}",
            parent=world.pec,
        )


def add_pec_history(world: World, n: int) -> None:
    for person in [make_person(world.trust, Profession.GP) for _ in range(n)]:
        m = seat(person, world.pec, MembershipRole.CLINICAL)
        ts.membership_end(actor=SYSTEM, membership=m, end_date=START, end_reason="stood_down")


def add_audit_events(world: World, n: int) -> None:
    person = world.people["member"]
    for i in range(n):
        ts.person_update(actor=SYSTEM, person=person, job_title=f"Title {i}")


CASES: list[tuple[str, Callable[[World], str], Callable[[World, int], None]]] = [
    ("organisation list", lambda w: "/organisations/", add_organisations),
    ("organisation detail", lambda w: f"/organisations/{w.practice.pk}/", add_people),
    ("people list", lambda w: "/people/", add_people),
    ("committee list", lambda w: "/committees/", add_committees),
    ("committee page with findings", lambda w: f"/committees/{w.pec.pk}/", add_pec_history),
    ("person history", lambda w: f"/people/{w.people['member'].pk}/history/", add_audit_events),
    ("audit trail", lambda w: "/audit/", add_audit_events),
    ("policy page", lambda w: "/policy/", lambda w, n: None),
    ("home", lambda w: "/", add_people),
    ("staff list", lambda w: "/staff/", add_staff),  # ADM-4
    ("measures", lambda w: "/effectiveness/measures/", add_measured_meetings),  # EFF-2
    ("measures records", lambda w: "/effectiveness/measures/records/?measure=items", add_measured_meetings),
    ("measures API", lambda w: "/api/effectiveness/measures", add_measured_meetings),
    ("annual reports", lambda w: "/effectiveness/reports/", add_reports),  # EFF-2
]


@pytest.mark.parametrize(("label", "url", "grow"), CASES, ids=[c[0] for c in CASES])
def test_list_page_query_count_is_flat(
    label: str,
    url: Callable[[World], str],
    grow: Callable[[World, int], None],
    world: World,
    lead_client: Any,
) -> None:
    grow(world, 1)
    few = count_queries(lead_client, url(world))
    grow(world, 29)
    many = count_queries(lead_client, url(world))
    assert many == few, f"{label}: {few} queries with 1 row, {many} with 30"
