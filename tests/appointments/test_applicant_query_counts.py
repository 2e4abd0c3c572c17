"""Query counts (X-1, APP-3): the public list of open posts and an applicant's list of their
applications make the same number of queries for 3 and 30 rows."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from pecgov.appointments.models import Application, Campaign
from tests.appointment_factories import apply, make_campaign, make_post
from tests.factories import World
from tests.test_query_counts import count_queries


def add_campaigns(world: World, n: int) -> list[Campaign]:
    post = make_post(world)
    return [make_campaign(world, post) for _ in range(n)]


def test_open_posts_query_count_is_flat(world: World, other_world: World) -> None:
    """APP-3: 3 then 30 open campaigns, from two trusts."""
    client = Client()
    url = reverse("applicants:posts")
    add_campaigns(world, 2)
    add_campaigns(other_world, 1)
    few = count_queries(client, url)
    add_campaigns(world, 14)
    add_campaigns(other_world, 13)
    many = count_queries(client, url)

    assert Campaign.objects.count() == 30
    assert many == few, f"{few} queries with 3 open posts, {many} with 30"


def test_my_applications_query_count_is_flat(world: World, other_world: World) -> None:
    """APP-3: an applicant with 3 then 30 applications, in two trusts."""
    user = world.users["applicant"]
    client = Client()
    client.force_login(user)
    url = reverse("applicants:my_applications")

    def add(n: int) -> None:
        for campaign in add_campaigns(world, n - n // 2) + add_campaigns(other_world, n // 2):
            apply(campaign, user=user)
            apply(campaign)  # someone else's: never on this applicant's page

    add(3)
    few = count_queries(client, url)
    add(27)
    many = count_queries(client, url)

    assert Application.objects.filter(applicant=user).count() == 30
    assert many == few, f"{few} queries with 3 applications, {many} with 30"


def test_applicant_home_query_count_is_flat(world: World) -> None:
    """The home page lists an applicant's latest applications in a fixed number of queries."""
    user = world.users["applicant"]
    client: Any = Client()
    client.force_login(user)
    for campaign in add_campaigns(world, 3):
        apply(campaign, user=user)
    few = count_queries(client, reverse("home"))
    for campaign in add_campaigns(world, 27):
        apply(campaign, user=user)

    assert count_queries(client, reverse("home")) == few
