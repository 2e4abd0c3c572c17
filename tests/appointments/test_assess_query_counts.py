"""Query counts (X-1, APP-3, APP-5): the applications, sift-and-shortlist and results pages make the
same number of queries for 3 and 30 applicants, and the results page for 3 and 5 panel members."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from pecgov.appointments import services as aps
from pecgov.appointments.enums import PanelRole
from pecgov.trust.enums import Profession
from tests.appointment_factories import Round, make_round, panel_user, score_all, shortlist, sift_all
from tests.factories import SYSTEM, World, make_person
from tests.test_query_counts import count_queries


def login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def sifted(world: World, applicants: int) -> Round:
    rnd = make_round(world, applicants)
    sift_all(rnd)
    return rnd


def interviewed(world: World, applicants: int, *, extra_members: int = 0) -> Round:
    rnd = make_round(world, applicants)
    for i in range(extra_members):
        person = make_person(world.trust, Profession.PHARMACIST, name=f"Panellist {i + 1}")
        rnd.seats.append(
            aps.seat_add(
                actor=SYSTEM, campaign=rnd.campaign, person=person, role=PanelRole.OTHER_PROFESSIONAL
            )
        )
    sift_all(rnd)
    shortlist(rnd)
    score_all(rnd)
    return rnd


@pytest.mark.parametrize("page", ["applications", "sift_overview"])
def test_sift_pages_query_count_is_flat_for_3_and_30_applicants(
    page: str, world: World, client_for: Any
) -> None:
    """A panel member (with their own sift progress) and the lead (with the shortlist form)."""
    few, many = sifted(world, 3), sifted(world, 30)
    clients = {"chair": login(world.users["chief_executive"]), "lead": client_for("governance_lead")}

    counts = {
        who: (
            count_queries(client, reverse(f"appointments:{page}", args=[few.campaign.pk])),
            count_queries(client, reverse(f"appointments:{page}", args=[many.campaign.pk])),
        )
        for who, client in clients.items()
    }

    assert all(a == b for a, b in counts.values()), counts


def test_results_query_count_is_flat_for_3_and_30_candidates(world: World) -> None:
    few, many = interviewed(world, 3), interviewed(world, 30)
    client = login(world.users["chief_executive"])

    assert count_queries(client, reverse("appointments:results", args=[few.campaign.pk])) == count_queries(
        client, reverse("appointments:results", args=[many.campaign.pk])
    )


def test_results_query_count_is_flat_for_3_and_5_panel_members(world: World) -> None:
    three, five = interviewed(world, 3), interviewed(world, 3, extra_members=2)
    client = login(panel_user(three.seats[1]))  # the PCT chair, on both panels

    assert len(five.seats) == 5
    assert count_queries(client, reverse("appointments:results", args=[three.campaign.pk])) == count_queries(
        client, reverse("appointments:results", args=[five.campaign.pk])
    )
