"""Kept pages are thrown away by writes that could change them, not by every write anywhere
(src/pecgov/ui/dataversion.py): a trust's pages survive another trust's writes, and anything
that cannot be tied to one trust throws away every page, as before.

These tests commit for real (`transactional_db`): the versions go up on commit.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from pecgov.notifications import services as notes
from pecgov.notifications.enums import Kind
from pecgov.notifications.models import OutboxMessage
from pecgov.trust import services as trust_services
from pecgov.trust.models import Person
from pecgov.ui import dataversion
from tests.factories import World, make_trust

pytestmark = pytest.mark.usefixtures("transactional_db", "page_cache_on")


def served(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return str(response["X-Page-Cache"])


def kept(world: World, path: str) -> Client:
    """A client signed in as the trust's lead, with `path` kept for it."""
    client = Client()
    client.force_login(world.users["governance_lead"])
    client.get(path)  # the first view may set the CSRF cookie, and is not kept then
    served(client, path)
    assert served(client, path) == "hit"
    return client


@pytest.fixture
def elsewhere(transactional_db: Any) -> World:
    return make_trust(name="Elsewhere PCT", code="ELS")


def rename(world: World, job_title: str) -> None:
    lead = world.users["governance_lead"]
    trust_services.person_update(actor=lead, person=world.people["member"], job_title=job_title)


def test_a_write_in_another_trust_keeps_this_trusts_pages(world: World, elsewhere: World) -> None:
    committee = reverse("trust:committee_detail", args=[world.pec.pk])
    client = kept(world, committee)
    before = dataversion.current_version()

    rename(elsewhere, "Clinical lead")

    assert dataversion.current_version() != before  # the whole site's version moved
    assert served(client, committee) == "hit"
    rename(world, "Clinical lead")
    assert served(client, committee) == "miss"


def test_the_public_register_of_a_trust_survives_another_trusts_writes(
    world: World, elsewhere: World
) -> None:
    register = reverse("public:public_register") + f"?trust={world.trust.ods_code}"
    reader = Client()
    served(reader, register)
    assert served(reader, register) == "hit"

    rename(elsewhere, "Practice manager")
    assert served(reader, register) == "hit"

    rename(world, "Practice manager")
    assert served(reader, register) == "miss"


def test_a_register_naming_no_trust_is_thrown_away_by_any_write(world: World, elsewhere: World) -> None:
    register = reverse("public:public_register")  # the first trust's, by default: not tied to it
    reader = Client()
    served(reader, register)
    assert served(reader, register) == "hit"
    rename(elsewhere, "Practice manager")
    assert served(reader, register) == "miss"


def test_renaming_a_trust_throws_away_every_trusts_pages(world: World, elsewhere: World) -> None:
    """Every trust's public register lists the trusts by name: a trust's row is shared."""
    register = reverse("public:public_register") + f"?trust={world.trust.ods_code}"
    reader = Client()
    served(reader, register)
    assert served(reader, register) == "hit"

    trust_services.organisation_update(
        actor=elsewhere.users["governance_lead"], organisation=elsewhere.trust, name="Elsewhere Care Trust"
    )

    response = reader.get(register)
    assert response["X-Page-Cache"] == "miss"
    assert "Elsewhere Care Trust" in response.content.decode()


def test_a_write_no_event_ties_to_a_trust_throws_away_every_page(world: World, elsewhere: World) -> None:
    committee = reverse("trust:committee_detail", args=[world.pec.pk])
    client = kept(world, committee)
    person = Person.objects.get(pk=elsewhere.people["member"].pk)
    person.job_title = "Changed outside the services"
    person.save()  # no audit event names its trust: assume it could be anyone's
    assert served(client, committee) == "miss"


def test_a_rolled_back_write_never_leaves_a_later_commit_short(world: World, elsewhere: World) -> None:
    """What a rolled-back transaction noted is moved by the next commit: one version too many,
    never one too few."""
    committee = reverse("trust:committee_detail", args=[world.pec.pk])
    client = kept(world, committee)
    with pytest.raises(RuntimeError), transaction.atomic():
        rename(world, "Never committed")
        raise RuntimeError("rolled back")
    assert served(client, committee) == "hit"  # nothing committed, nothing moved

    rename(elsewhere, "Committed elsewhere")
    assert served(client, committee) == "miss"  # the noted trust moved with the next commit


def test_a_version_is_read_for_the_trust_in_one_query(world: World, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(1):
        version = dataversion.trust_version(world.trust.pk)
    assert f":t{world.trust.pk}:" in version


def test_reading_a_notification_keeps_other_trusts_pages_and_sending_email_keeps_all(
    world: World, elsewhere: World
) -> None:
    committee = reverse("trust:committee_detail", args=[world.pec.pk])
    client = kept(world, committee)
    member = elsewhere.users["member"]
    (note,) = notes.notify(
        users=[member],
        kind=Kind.ACTION_ASSIGNED,
        title="An action",
        url="/",
        key="a",
        trust_id=elsewhere.trust.pk,
    )
    assert served(client, committee) == "hit"  # told in another trust

    notes.mark_read(actor=member, notification=note)
    assert served(client, committee) == "hit"  # read in another trust

    message = notes.email_queue(key="k", to_email="a@example.org", subject="s", text="t", html="h")
    assert isinstance(message, OutboxMessage)
    message.status = "sent"
    message.save()
    assert served(client, committee) == "hit"  # an email sent: no kept page shows the outbox

    mine = world.users["member"]
    told = notes.notify(
        users=[mine], kind=Kind.ACTION_ASSIGNED, title="Mine", url="/", key="b", trust_id=world.trust.pk
    )
    assert len(told) == 1
    assert served(client, committee) == "miss"  # told in this trust: its pages render again
