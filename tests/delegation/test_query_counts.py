"""Query counts (quality bar): the TOR pages make the same number of queries for few and many
functions, delegations, lead areas and scheme versions (TOR-1 to TOR-3, POL-3)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest

from pecgov.delegation import scheme as engine
from pecgov.delegation import services as ds
from pecgov.delegation.enums import FunctionGroup
from pecgov.trust.enums import MembershipRole, Profession
from tests.delegation.helpers import delegate, give_lead, local
from tests.factories import START, SYSTEM, World, make_person, seat
from tests.test_query_counts import count_queries

_names = itertools.count(1)
GROUPS = list(FunctionGroup.values)


def add_functions(world: World, n: int) -> None:
    """Functions across every group, each delegated and led by a new PEC member."""
    for i in range(n):
        function = local(world, name=f"Function {next(_names)}", group=GROUPS[i % len(GROUPS)])
        delegate(function, world.pec, board_reference=f"Board minute {i}")
        member = seat(make_person(world.trust, Profession.GP), world.pec, MembershipRole.CLINICAL).person
        ds.lead_area_create(
            actor=SYSTEM, person=member, function=function, area="", tasks="Report", start_date=START
        )


def add_leads(world: World, n: int) -> None:
    for _ in range(n):
        give_lead(world, area=f"Area {next(_names)}")


def add_versions(world: World, n: int) -> None:
    """New versions of both schemes, with two to six bands each."""
    deciders = ["executive_director", "pbc_approvals", "pec_recommends", "board"]
    for _ in range(n):
        size = next(_names) % 5 + 2
        lowers = [0, *(10_000 * (j + 1) for j in range(size - 1))]
        uppers: list[int | None] = [lo - 1 for lo in lowers[1:]] + [None]
        bands = [
            engine.Band(lo, up, deciders[j % 4])
            for j, (lo, up) in enumerate(zip(lowers, uppers, strict=True))
        ]
        for kind in ("business_case", "commissioning_plan"):
            ds.scheme_adopt(
                actor=SYSTEM, trust=world.trust, decision_kind=kind, bands=bands, reason=f"{size} bands"
            )


# (label, url, grow, few, many, role)
CASES: list[tuple[str, Callable[[World], str], Callable[[World, int], None], int, int, str]] = [
    ("catalogue as the lead", lambda w: "/delegation/", add_functions, 1, 12, "governance_lead"),
    ("catalogue as a member", lambda w: "/delegation/", add_functions, 1, 12, "member"),
    ("lead areas", lambda w: "/delegation/leads/", add_functions, 1, 12, "governance_lead"),
    ("lead areas without functions", lambda w: "/delegation/leads/", add_leads, 1, 12, "member"),
    ("scheme", lambda w: "/delegation/scheme/", add_versions, 1, 8, "governance_lead"),
    (
        "scheme with who decides",
        lambda w: "/delegation/scheme/?kind=business_case&value=60000",
        add_versions,
        1,
        8,
        "member",
    ),
    (
        "scheme form",
        lambda w: "/delegation/scheme/business_case/edit/",
        add_versions,
        1,
        8,
        "governance_lead",
    ),
    ("lead area form", lambda w: "/delegation/leads/new/", add_functions, 1, 12, "governance_lead"),
    (
        "PEC page with function coverage",
        lambda w: f"/committees/{w.pec.pk}/",
        add_functions,
        1,
        12,
        "pec_chair",
    ),
]


@pytest.mark.parametrize(("label", "url", "grow", "few", "many", "role"), CASES, ids=[c[0] for c in CASES])
def test_delegation_page_query_count_is_flat(
    label: str,
    url: Callable[[World], str],
    grow: Callable[[World, int], None],
    few: int,
    many: int,
    role: str,
    world: World,
    client_for: Any,
) -> None:
    client = client_for(role)
    grow(world, few)
    queries_few = count_queries(client, url(world))
    grow(world, many - few)
    queries_many = count_queries(client, url(world))
    assert queries_many == queries_few, (
        f"{label}: {queries_few} queries with {few} rows, {queries_many} with {many}"
    )
