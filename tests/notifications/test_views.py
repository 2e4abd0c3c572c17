"""The notification pages (NOT-1, NOT-2)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from pecgov.notifications import services
from pecgov.notifications.enums import Delivery, Kind, OutboxStatus
from pecgov.notifications.models import Notification, OutboxMessage, Preference
from tests.factories import World, make_trust

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return make_trust()


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_list_shows_own_unread_and_open_marks_read(world: World) -> None:
    member = world.users["member"]
    services.notify(
        users=[member],
        kind=Kind.ACTION_ASSIGNED,
        title="Draft the plan",
        url="/meetings/",
        key="a",
        trust_id=None,
    )
    services.notify(
        users=[world.users["pec_chair"]],
        kind=Kind.ACTION_ASSIGNED,
        title="Not yours",
        url="/",
        key="b",
        trust_id=None,
    )
    client = signed_in(member)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Draft the plan" in page and "Not yours" not in page and "1 unread notification" in page
    note = Notification.objects.get(user=member)
    answer = client.post(reverse("notifications:open", args=[note.pk]))
    assert (answer.status_code, answer["Location"]) == (302, "/meetings/")
    note.refresh_from_db()
    assert note.read_at is not None


def test_opening_someone_elses_notification_is_not_found(world: World) -> None:
    services.notify(
        users=[world.users["pec_chair"]], kind=Kind.PAPERS, title="x", url="/", key="c", trust_id=None
    )
    note = Notification.objects.get()
    answer = signed_in(world.users["member"]).post(reverse("notifications:open", args=[note.pk]))
    assert answer.status_code == 404


def test_preferences_saved_and_duty_refused(world: World) -> None:
    member = world.users["member"]
    client = signed_in(member)
    data = {kind: Delivery.NOW for kind in Kind.values} | {Kind.PAPERS: Delivery.NONE}
    assert client.post(reverse("notifications:preferences"), data).status_code == 302
    assert Preference.objects.get(user=member, kind=Kind.PAPERS).delivery == Delivery.NONE
    refused = client.post(reverse("notifications:preferences"), data | {Kind.FLAGGED: Delivery.NONE})
    assert refused.status_code == 400
    assert Preference.objects.get(user=member, kind=Kind.FLAGGED).delivery == Delivery.NOW


def test_lead_sees_failed_email_and_retries(world: World) -> None:
    member = world.users["member"]
    member.email = "member@example.org"
    member.save(update_fields=["email"])
    services.notify(
        users=[member], kind=Kind.ACTION_ASSIGNED, title="Plan", url="/", key="d", trust_id=world.trust.pk
    )
    OutboxMessage.objects.update(status=OutboxStatus.FAILED, last_error="SMTP 550 mailbox unavailable")
    lead = signed_in(world.users["governance_lead"])
    page = lead.get(reverse("notifications:deliveries")).content.decode()
    assert "SMTP 550 mailbox unavailable" in page and "member@example.org" in page
    message = OutboxMessage.objects.get()
    assert lead.post(reverse("notifications:delivery_retry", args=[message.pk])).status_code == 302
    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING
    assert signed_in(member).get(reverse("notifications:deliveries")).status_code == 403


@pytest.mark.parametrize("url_name", ["notifications:list", "notifications:deliveries"])
def test_list_pages_make_the_same_queries_for_1_and_30_rows(world: World, url_name: str) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    lead = world.users["governance_lead"]
    lead.email = "lead@example.org"
    lead.save(update_fields=["email"])
    client = signed_in(lead)

    def count_for(n: int, start: int) -> int:
        for i in range(start, start + n):
            services.notify(
                users=[lead],
                kind=Kind.ACTION_ASSIGNED,
                title=f"N{i}",
                url="/",
                key=f"q{i}",
                trust_id=world.trust.pk,
            )
        OutboxMessage.objects.update(status=OutboxStatus.FAILED)
        client.get(reverse(url_name))  # warm
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(url_name)).status_code == 200
        return len(queries)

    one = count_for(1, 0)
    assert count_for(29, 1) == one


def test_home_page_links_to_unread_notifications(world: World) -> None:
    member = world.users["member"]
    client = signed_in(member)
    assert "unread notification" not in client.get("/").content.decode()
    services.notify(
        users=[member], kind=Kind.ACTION_ASSIGNED, title="Plan", url="/", key="home", trust_id=None
    )
    page = client.get("/").content.decode()
    assert "You have 1 unread notification</a>" in page
    assert reverse("notifications:list") in page
