"""The register for the trust's users, as it stood on any date; a person's page; overdue reminders (COI-1)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from pecgov.interests import services as isv
from pecgov.interests.models import InterestReturn
from pecgov.trust import services as ts
from tests.factories import SYSTEM, World
from tests.meeting_factories import declare
from tests.trust.helpers import date_fields, date_of, text

pytestmark = pytest.mark.django_db

REGISTER = "/interests/register/"
OVERDUE = "/interests/overdue/"


def test_register_as_it_stood_on_a_past_date_shows_ended_and_not_later_interests(
    world: World, client_for: Any
) -> None:
    member = world.people["member"]
    declare(
        member,
        world.practice,
        description="Ended partnership",
        start=dt.date(2020, 1, 1),
        end=dt.date(2021, 6, 30),
    )
    declare(member, world.practice, description="Later directorship", start=dt.date(2022, 1, 1))

    past = client_for("pec_chair").get(REGISTER, date_of("on", dt.date(2021, 3, 1)))
    today = client_for("pec_chair").get(REGISTER)

    assert past.status_code == 200
    assert "The register as it stood on 1 March 2021." in text(past)
    assert "Ended partnership" in text(past)
    assert "Later directorship" not in text(past)
    assert "Ended partnership" not in text(today)
    assert "Later directorship" in text(today)


def test_register_with_an_impossible_date_says_so_and_shows_today(world: World, client_for: Any) -> None:
    declare(world.people["member"], world.practice, description="Current directorship")

    response = client_for("member").get(REGISTER, date_fields("on", 31, 2, 2021))

    assert response.status_code == 400
    page = text(response)
    assert "There is a problem" in page
    assert "Enter a real date, for example 15 3 2007" in page
    assert "Current directorship" in page


def test_register_shows_what_is_withheld_from_the_public(world: World, client_for: Any) -> None:
    declaration = declare(world.people["member"], world.practice, description="Shares in a pharmacy")
    isv.declaration_withhold(actor=SYSTEM, declaration=declaration, withholding="details", reason="Safety")

    page = text(client_for("member").get(REGISTER))

    assert "Shares in a pharmacy" in page
    assert "Details withheld" in page


def test_register_is_paginated(world: World, client_for: Any, settings: Any) -> None:
    settings.PAGE_SIZE = 2
    for i in range(3):
        declare(world.people["member"], world.practice, description=f"Interest number {i}")

    first = text(client_for("member").get(REGISTER))
    second = text(client_for("member").get(REGISTER, {"page": 2}))

    assert "3 entries" in first
    assert "Page 2 of 2" in first
    assert "Interest number 2" in second
    assert "Interest number 2" not in first


def test_register_lists_only_the_users_own_trust(world: World, other_world: World, client_for: Any) -> None:
    declare(other_world.people["member"], other_world.practice, description="Elsewhere interest")

    assert "Elsewhere interest" not in text(client_for("governance_lead").get(REGISTER))


def test_person_page_shows_declarations_and_returns(world: World, client_for: Any) -> None:
    person = world.people["pec_chair"]
    declare(person, world.practice, description="Partner at the surgery")
    declare(
        person,
        world.practice,
        description="Old locum work",
        start=dt.date(2019, 1, 1),
        end=dt.date(2019, 12, 31),
    )
    isv.interest_return_make(actor=SYSTEM, person=person, kind="confirmed")

    page = text(client_for("member").get(reverse("interests:person_interests", args=[person.pk])))

    assert f"Interests of {person.name}" in page
    assert "Partner at the surgery" in page
    assert page.index("Ended interests") < page.index("Old locum work")
    assert "Confirmed the register entries are up to date" in page
    assert "Declare an interest" not in page  # the member cannot declare for the chair


def test_my_declarations_without_a_person_record_explains_why(world: World, lead_client: Any) -> None:
    response = lead_client.get("/interests/mine/")

    assert response.status_code == 200
    assert "Your account is not linked to a person record" in text(response)


def test_my_declarations_offers_a_nil_return_when_nothing_is_in_force(world: World, client_for: Any) -> None:
    page = text(client_for("member").get("/interests/mine/"))

    assert "You have no interests in force." in page
    assert "I have no interests to declare" in page
    assert "My entries are up to date" not in page
    assert "at least every 12 months" in page


def test_header_links_to_interests_for_trust_users(world: World, client_for: Any) -> None:
    assert 'href="/interests/register/"' in text(client_for("member").get("/"))
    assert 'href="/interests/register/"' not in text(client_for("applicant").get("/"))


# Overdue and reminders ---------------------------------------------------------------------------


def test_overdue_lists_an_undeclared_member_and_not_one_who_confirmed(world: World, lead_client: Any) -> None:
    isv.interest_return_make(actor=SYSTEM, person=world.people["pec_chair"], kind="nil")

    page = text(lead_client.get(OVERDUE))

    assert world.people["member"].name in page
    assert world.people["pec_chair"].name not in page
    assert "in the last 12 months" in page


def test_reminders_are_emailed_and_counted(
    world: World, lead_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """The page queues the reminders (NOT-2: never sent inside the request); they go once it commits."""
    member = world.people["member"]
    ts.person_update(actor=SYSTEM, person=member, email="member@example.nhs.uk")
    ts.person_update(actor=SYSTEM, person=world.people["pec_chair"], email="chair@example.nhs.uk")

    with django_capture_on_commit_callbacks(execute=True):
        response = lead_client.post(OVERDUE)

    assert response.status_code == 302
    assert response["Location"] == OVERDUE
    assert sorted(m.to[0] for m in mail.outbox) == ["chair@example.nhs.uk", "member@example.nhs.uk"]
    assert mail.outbox[0].subject == "Please update your declarations of interest"
    assert "2 reminders sent by email." in text(lead_client.get(OVERDUE))


def test_reminders_with_nobody_to_email_say_none_were_sent(world: World, lead_client: Any) -> None:
    response = lead_client.post(OVERDUE, follow=True)

    assert mail.outbox == []
    assert "No reminders sent" in text(response)


def test_member_cannot_send_reminders(world: World, client_for: Any) -> None:
    ts.person_update(actor=SYSTEM, person=world.people["member"], email="member@example.nhs.uk")

    assert client_for("member").post(OVERDUE).status_code == 403
    assert mail.outbox == []
    assert InterestReturn.objects.count() == 0
