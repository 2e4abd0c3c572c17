"""Query counts (X-1): the PBC group pages make the same number of queries for 2 and 20 groups,
rows or plans (ORG-6, PBC-5, PBC-6)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from pecgov.commissioning.enums import LinkModel, Maturity, SupportIntensity
from pecgov.commissioning.pbc import services as ps
from pecgov.trust.enums import LinkKind, MembershipRole, OrganisationKind, Profession
from pecgov.trust.models import Organisation
from tests.commissioning_factories import make_commissioning, submit_case
from tests.factories import START, SYSTEM, World, make_org, make_person, seat
from tests.pbc.helpers import leads_committee, link, make_group, make_locality
from tests.test_query_counts import count_queries

DAY = dt.timedelta(days=1)
LEVELS = list(Maturity)
INTENSITIES = list(SupportIntensity)


def _fill(world: World, group: Organisation, i: int) -> None:
    """One of each row a group can have: assessment, support (one current, one ended), a link of
    each model, a member practice."""
    ps.maturity_record(actor=SYSTEM, group=group, level=LEVELS[i % 4], assessed_on=START + i * DAY)
    ps.support_add(
        actor=SYSTEM, group=group, description=f"Support {i}", intensity=INTENSITIES[i % 3], start_date=START
    )
    ended = ps.support_add(
        actor=SYSTEM, group=group, description=f"Old support {i}", intensity="intensive", start_date=START
    )
    ps.support_end(actor=SYSTEM, support=ended, end_date=START + DAY)
    person = make_person(world.trust, Profession.GP)
    seat(person, world.pec, MembershipRole.CLINICAL)
    ps.link_create(
        actor=SYSTEM,
        trust=world.trust,
        model=LinkModel.PEC_MEMBER_LINKED,
        group=group,
        person=person,
        start_date=START,
    )
    ps.link_create(
        actor=SYSTEM,
        trust=world.trust,
        model=LinkModel.LEAD_ON_PEC,
        group=group,
        person=person,
        start_date=START,
    )
    ps.link_create(
        actor=SYSTEM,
        trust=world.trust,
        model=LinkModel.LEADS_COMMITTEE,
        group=group,
        committee=leads_committee(world, f"Leads committee {group.pk}-{i}"),
        start_date=START,
    )
    link(make_org(world.trust, OrganisationKind.PRACTICE), group, LinkKind.MEMBER_OF_PBC_GROUP)


def add_groups(world: World, n: int) -> None:
    for i in range(n):
        group = make_group(world)
        _fill(world, group, i)


def the_group(world: World) -> Organisation:
    found = Organisation.objects.filter(trust=world.trust, name="Counted PBC Group").first()
    if found is None:
        found = make_group(world, "Counted PBC Group")
        link(found, make_locality(world, "Counted locality"), LinkKind.IN_LOCALITY)
    return found


def add_group_rows(world: World, n: int) -> None:
    group = the_group(world)
    for i in range(n):
        _fill(world, group, i)


def add_plans(world: World, n: int) -> None:
    """Cases from practices and groups spread over localities, some with forums, some with none."""
    if not Organisation.objects.filter(trust=world.trust, kind=OrganisationKind.PBC_GROUP).exists():
        make_commissioning(world)
    for i in range(n):
        locality = make_locality(
            world, f"Locality {world.trust.pk}-{i}", forum=f"Forum {i}" if i % 2 else None
        )
        group = make_group(world)
        practice = make_org(world.trust, OrganisationKind.PRACTICE)
        link(practice, group, LinkKind.MEMBER_OF_PBC_GROUP)
        link(group if i % 3 else practice, locality, LinkKind.IN_LOCALITY)
        submit_case(
            world,
            submitter=practice,
            title=f"Case {i}",
            kind="commissioning_plan" if i % 2 else "business_case",
        )
        submit_case(world, submitter=group, title=f"Group case {i}", value=10_000 + i)


CASES: list[tuple[str, Callable[[World], str], Callable[[World, int], None]]] = [
    ("overview", lambda w: reverse("pbc:overview"), add_groups),
    ("group page", lambda w: reverse("pbc:group", args=[the_group(w).pk]), add_group_rows),
    ("plans by locality", lambda w: reverse("pbc:plans"), add_plans),
]


@pytest.mark.parametrize(("label", "url", "grow"), CASES, ids=[c[0] for c in CASES])
def test_pbc_page_query_count_is_flat(
    label: str,
    url: Callable[[World], str],
    grow: Callable[[World, int], None],
    world: World,
    lead_client: Any,
) -> None:
    grow(world, 2)
    few = count_queries(lead_client, url(world))
    grow(world, 18)
    many = count_queries(lead_client, url(world))
    assert many == few, f"{label}: {few} queries with 2, {many} with 20"
