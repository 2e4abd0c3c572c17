"""Query counts (quality bar): the members' lists make the same number of queries for 5 and for
50 members, each with an objective, a review, an appraisal and a claim (PERF-1 to PERF-3, REM-1)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from pecgov.members.enums import Rag
from pecgov.members.services import appraisals as aps
from pecgov.members.services import objectives as obs
from pecgov.members.services import pay
from pecgov.trust.enums import MembershipRole, Profession
from tests.factories import SYSTEM, World, make_person, seat
from tests.members.helpers import TODAY, framework
from tests.test_query_counts import count_queries


def add_members(world: World, n: int) -> None:
    chair = world.users["pec_chair"]
    for i in range(n):
        profession = [Profession.GP, Profession.NURSE, Profession.PHARMACIST][i % 3]
        membership = seat(make_person(world.trust, profession), world.pec, MembershipRole.CLINICAL)
        objective = obs.objective_propose(
            actor=chair,
            membership=membership,
            title=f"Objective {i}",
            measure="M",
            due_date=TODAY() + dt.timedelta(days=9),
        )
        obs.review_hold(
            actor=chair,
            membership=membership,
            held_on=TODAY(),
            actions="A",
            progress={objective.pk: (Rag.GREEN, "On track")},
        )
        aps.appraisal_start(actor=chair, membership=membership)
        pay.claim_submit(
            actor=SYSTEM, membership=membership, month=TODAY().replace(day=1), sessions=Decimal(3)
        )


CASES: list[tuple[str, str, Callable[[World], str]]] = [
    ("members overview", "pec_chair", lambda w: "/members/"),
    ("appraisals list", "governance_lead", lambda w: "/members/appraisals/"),
    ("appraisals list for the appraiser", "pec_chair", lambda w: "/members/appraisals/"),
    ("claims list", "governance_lead", lambda w: "/members/claims/"),
    ("pay and pay equity", "pec_chair", lambda w: "/members/pay/"),
    ("succession plan", "pec_chair", lambda w: "/members/succession/"),
    ("objectives API", "pec_chair", lambda w: "/api/members/objectives?limit=100"),
    ("reviews API", "pec_chair", lambda w: "/api/members/reviews?limit=100"),
    ("claims API", "governance_lead", lambda w: "/api/members/claims?limit=100"),
    ("development API", "pec_chair", lambda w: "/api/members/development"),
    ("pay equity API", "pec_chair", lambda w: "/api/members/pay-equity"),
]


@pytest.mark.parametrize(("label", "role", "url"), CASES, ids=[c[0] for c in CASES])
def test_members_list_query_count_is_flat(
    label: str, role: str, url: Callable[[World], str], world: World, client_for: Any
) -> None:
    framework(world)
    client = client_for(role)
    add_members(world, 5)
    few = count_queries(client, url(world))
    add_members(world, 45)
    many = count_queries(client, url(world))
    assert many == few, f"{label}: {few} queries with 5 members, {many} with 50"
