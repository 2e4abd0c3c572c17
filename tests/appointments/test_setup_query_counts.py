"""Query counts of the appointment set-up pages (APP-1 to APP-4, X-1): the appointments home, the
campaign page and the panel page make the same number of queries for 3 and 30 applicants, and
the panel page the same for 3 and 5 panel members, for the lead and for a panel member.

Candidates from the PEC chair's practice are flagged as conflicts (COI-2) and some conflicts are
declared and handled, so the conflict lists are full, not empty, in both counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from pecgov.appointments import services as aps
from pecgov.appointments.enums import ConflictHandling, PanelRole
from tests.appointment_factories import Round, apply, make_round
from tests.factories import SYSTEM, World, make_person
from tests.test_query_counts import count_queries

ROLES = ["governance_lead", "pct_chair"]


@pytest.fixture
def rnd(world: World) -> Round:
    """An open round: the DH panel plus the PEC chair (a GP at world.practice) as a clinician."""
    rnd = make_round(world, applicants=0, closed=False)
    rnd.seats.append(
        aps.seat_add(
            actor=SYSTEM, campaign=rnd.campaign, person=world.people["pec_chair"], role=PanelRole.CLINICIAN
        )
    )
    aps.plan_create(actor=SYSTEM, trust=world.trust, title="Plan", target_date=dt.date(2030, 10, 1))
    return rnd


def add_applicants(rnd: Round, n: int) -> None:
    """`n` applicants, every other one from world.practice (a screened conflict), the first of the
    new ones with a conflict declared by the PCT chair and handled by the panel's chair."""
    start = len(rnd.applications)
    for i in range(start, start + n):
        extra: dict[str, Any] = {"organisation": rnd.world.practice} if i % 2 == 0 else {}
        rnd.applications.append(apply(rnd.campaign, name=f"Dr Counted {i:02d}", **extra))
    pct_chair_seat = next(s for s in rnd.seats if s.role == PanelRole.PCT_CHAIR)
    application = rnd.applications[start]
    aps.conflict_declare(actor=SYSTEM, seat=pct_chair_seat, application=application, description="Neighbours")
    aps.conflict_handle(
        actor=SYSTEM,
        seat=pct_chair_seat,
        application=application,
        handling=ConflictHandling.NO_ACTION,
        reason="Not close",
    )


def counts(client_for: Any, urls: list[str]) -> dict[tuple[str, str], int]:
    return {(role, u): count_queries(client_for(role), u) for role in ROLES for u in urls}


def test_setup_pages_query_count_is_flat_for_3_and_30_applicants(
    world: World, rnd: Round, client_for: Any
) -> None:
    urls = [
        reverse("appointments:index"),
        reverse("appointments:campaign_detail", args=[rnd.campaign.pk]),
        reverse("appointments:panel", args=[rnd.campaign.pk]),
    ]
    add_applicants(rnd, 3)
    few = counts(client_for, urls)
    add_applicants(rnd, 27)
    many = counts(client_for, urls)

    assert rnd.campaign.applications.count() == 30
    assert aps.panel_flags(rnd.campaign, rnd.seats, rnd.applications)  # conflicts are listed
    assert many == few


def test_panel_page_query_count_is_flat_for_3_and_5_seats(world: World, client_for: Any) -> None:
    rnd = make_round(world, applicants=3)
    url = reverse("appointments:panel", args=[rnd.campaign.pk])
    few = counts(client_for, [url])
    for name in ["Dr Fourth Seat", "Dr Fifth Seat"]:
        person = make_person(world.trust, name=name, organisation=world.practice)
        aps.seat_add(actor=SYSTEM, campaign=rnd.campaign, person=person, role=PanelRole.CLINICIAN)
    many = counts(client_for, [url])

    assert rnd.campaign.seats.count() == 5
    assert many == few


def test_index_query_count_is_flat_for_more_plans_and_posts(
    world: World, rnd: Round, client_for: Any
) -> None:
    url = reverse("appointments:index")
    few = count_queries(client_for("governance_lead"), url)
    for i in range(5):
        aps.plan_create(actor=SYSTEM, trust=world.trust, title=f"Plan {i}", target_date=dt.date(2030, 1, 1))
        make_round(world, applicants=1, closed=False)

    assert count_queries(client_for("governance_lead"), url) == few
