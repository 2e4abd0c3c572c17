"""Declaring, changing, ending and publishing interests over HTTP, and nil returns (COI-1, COI-7, PUB-1, X-4)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from pecgov.audit.models import AuditEvent
from pecgov.interests.enums import Withholding
from pecgov.interests.models import Declaration, InterestReturn
from tests.factories import World
from tests.meeting_factories import declare
from tests.trust.helpers import date_of, text

pytestmark = pytest.mark.django_db

MINE = "/interests/mine/"


def declare_url(person_pk: int) -> str:
    return reverse("interests:declaration_create", args=[person_pk])


def good_declaration(world: World, **extra: Any) -> dict[str, Any]:
    return {
        "category": "financial",
        "organisation": str(world.practice.pk),
        "organisation_name": "",
        "description": "Salaried GP one day a week",
        **date_of("start_date", dt.date(2021, 4, 1)),
        **extra,
    }


def saved() -> tuple[int, int, int]:
    return Declaration.objects.count(), Declaration.history.count(), AuditEvent.objects.count()  # type: ignore[attr-defined]


# Declaring -------------------------------------------------------------------------------------


def test_member_declares_for_themself_and_sees_it_on_their_page(world: World, client_for: Any) -> None:
    member = client_for("member")

    response = member.post(declare_url(world.people["member"].pk), good_declaration(world))

    assert response.status_code == 302
    assert response["Location"] == MINE
    declaration = Declaration.objects.get()
    assert (declaration.person, declaration.organisation, declaration.start_date) == (
        world.people["member"],
        world.practice,
        dt.date(2021, 4, 1),
    )
    page = text(member.get(MINE))
    assert "Salaried GP one day a week" in page
    assert f"Interest declared: {world.practice.name}." in page


def test_member_declares_with_an_organisation_name_not_in_the_list(world: World, client_for: Any) -> None:
    response = client_for("member").post(
        declare_url(world.people["member"].pk),
        good_declaration(world, organisation="", organisation_name="Acme Diagnostics Ltd"),
    )

    assert response.status_code == 302
    assert Declaration.objects.get().related_name == "Acme Diagnostics Ltd"


def test_member_cannot_declare_for_another_person(world: World, client_for: Any) -> None:
    member = client_for("member")  # signing in is audited: before counting
    before = saved()

    response = member.post(declare_url(world.people["pec_chair"].pk), good_declaration(world))

    assert response.status_code == 403
    assert saved() == before


def test_member_cannot_open_the_form_for_another_person(world: World, client_for: Any) -> None:
    assert client_for("member").get(declare_url(world.people["pec_chair"].pk)).status_code == 403


def test_lead_declares_for_a_member_and_returns_to_their_page(world: World, lead_client: Any) -> None:
    person = world.people["member"]

    response = lead_client.post(declare_url(person.pk), good_declaration(world))

    assert response.status_code == 302
    assert response["Location"] == reverse("interests:person_interests", args=[person.pk])
    assert Declaration.objects.get().person == person


def test_another_trusts_lead_cannot_declare_for_a_member(
    world: World, other_world: World, client: Any
) -> None:
    client.force_login(other_world.users["governance_lead"])
    before = saved()

    response = client.post(declare_url(world.people["member"].pk), good_declaration(world))

    assert response.status_code == 404
    assert saved() == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            date_of("end_date", dt.date(2021, 3, 31)),
            "The date the interest ended must be the same as or after the date it began",
        ),
        (
            {"organisation": "", "organisation_name": "  "},
            "Select the organisation the interest relates to, or enter its name",
        ),
        ({"description": ""}, "Describe the interest, for example 'GP partner'"),
        ({"category": ""}, "Select the kind of interest"),
        (
            {"start_date[day]": "", "start_date[month]": "", "start_date[year]": ""},
            "Enter the date the interest began",
        ),
        (
            {"start_date[day]": "31", "start_date[month]": "2"},
            "Date the interest began must be a real date, for example 15 3 2007",
        ),
    ],
    ids=["ends before it starts", "no organisation", "no description", "no kind", "no start", "not a date"],
)
def test_declaration_with_bad_input_returns_400_and_saves_nothing(
    world: World, client_for: Any, change: dict[str, str], message: str
) -> None:
    member = client_for("member")  # signing in is audited: before counting
    before = saved()

    response = member.post(declare_url(world.people["member"].pk), good_declaration(world) | change)

    assert response.status_code == 400
    page = text(response)
    assert "There is a problem" in page
    assert message in page
    assert saved() == before


# Changing and ending ------------------------------------------------------------------------------


def test_member_ends_their_interest_and_it_moves_to_ended(world: World, client_for: Any) -> None:
    declaration = declare(world.people["member"], world.practice, description="Locum sessions")
    member = client_for("member")
    form = member.get(reverse("interests:declaration_edit", args=[declaration.pk]))
    assert form.status_code == 200
    assert "Locum sessions" in text(form)

    response = member.post(
        reverse("interests:declaration_edit", args=[declaration.pk]),
        {
            "category": declaration.category,
            "organisation": str(world.practice.pk),
            "description": "Locum sessions",
            **date_of("start_date", declaration.start_date),
            **date_of("end_date", dt.date(2022, 12, 31)),
        },
    )

    assert response.status_code == 302
    declaration.refresh_from_db()
    assert declaration.end_date == dt.date(2022, 12, 31)
    page = text(member.get(MINE))
    assert f"Interest ended: {world.practice.name}." in page
    assert page.index("Ended interests") < page.index("Locum sessions")


def test_editing_with_an_end_before_the_start_returns_400_and_changes_nothing(
    world: World, client_for: Any
) -> None:
    declaration = declare(world.people["member"], world.practice, start=dt.date(2021, 1, 1))
    member = client_for("member")  # signing in is audited: before counting
    before = saved()

    response = member.post(
        reverse("interests:declaration_edit", args=[declaration.pk]),
        {
            "category": declaration.category,
            "organisation": str(world.practice.pk),
            "description": declaration.description,
            **date_of("start_date", dt.date(2021, 1, 1)),
            **date_of("end_date", dt.date(2020, 1, 1)),
        },
    )

    assert response.status_code == 400
    assert "The date the interest ended must be the same as or after the date it began" in text(response)
    declaration.refresh_from_db()
    assert declaration.end_date is None
    assert saved() == before


def test_member_cannot_edit_another_persons_declaration(world: World, client_for: Any) -> None:
    declaration = declare(world.people["pec_chair"], world.practice)

    response = client_for("member").post(
        reverse("interests:declaration_edit", args=[declaration.pk]), {"description": "Changed"}
    )

    assert response.status_code == 403
    declaration.refresh_from_db()
    assert declaration.description == "GP partner"


# Publication --------------------------------------------------------------------------------------


def publication_url(declaration: Declaration) -> str:
    return reverse("interests:declaration_withhold", args=[declaration.pk])


def test_withholding_without_a_reason_is_refused(world: World, lead_client: Any) -> None:
    declaration = declare(world.people["member"], world.practice)
    before = saved()

    response = lead_client.post(publication_url(declaration), {"withholding": "details", "reason": " "})

    assert response.status_code == 400
    page = text(response)
    assert "There is a problem" in page
    assert "Enter the reason for withholding: it is kept with the entry" in page
    declaration.refresh_from_db()
    assert declaration.withholding == ""
    assert saved() == before


def test_withholding_with_no_choice_is_refused(world: World, lead_client: Any) -> None:
    declaration = declare(world.people["member"], world.practice)

    response = lead_client.post(publication_url(declaration), {"reason": "Safety"})

    assert response.status_code == 400
    assert "Select what the public register shows" in text(response)


def test_lead_withholds_an_entry_with_a_reason_and_can_publish_it_again(
    world: World, lead_client: Any
) -> None:
    declaration = declare(world.people["member"], world.practice)

    response = lead_client.post(
        publication_url(declaration), {"withholding": "entry", "reason": "Risk to personal safety"}
    )

    assert response.status_code == 302
    declaration.refresh_from_db()
    assert (declaration.withholding, declaration.withheld_reason, declaration.withheld_by) == (
        Withholding.ENTRY,
        "Risk to personal safety",
        world.users["governance_lead"],
    )
    person_page = text(lead_client.get(reverse("interests:person_interests", args=[declaration.person_id])))
    assert "Entry withheld" in person_page
    assert "Reason: Risk to personal safety" in person_page

    lead_client.post(publication_url(declaration), {"withholding": "published", "reason": ""})

    declaration.refresh_from_db()
    assert (declaration.withholding, declaration.withheld_reason) == ("", "")


def test_member_cannot_withhold_their_own_entry(world: World, client_for: Any) -> None:
    declaration = declare(world.people["member"], world.practice)

    response = client_for("member").post(
        publication_url(declaration), {"withholding": "entry", "reason": "I would rather not"}
    )

    assert response.status_code == 403
    declaration.refresh_from_db()
    assert declaration.withholding == ""


# Nil returns and confirmations ---------------------------------------------------------------------


def return_url(world: World, key: str = "member") -> str:
    return reverse("interests:interest_return", args=[world.people[key].pk])


def test_member_with_no_interests_makes_a_nil_return(world: World, client_for: Any) -> None:
    member = client_for("member")

    response = member.post(return_url(world), {"kind": "nil"})

    assert response.status_code == 302
    assert response["Location"] == MINE
    made = InterestReturn.objects.get()
    assert (made.person, made.kind) == (world.people["member"], "nil")
    assert "Recorded: Nil return: no interests to declare." in text(member.get(MINE))


def test_nil_return_with_interests_in_force_is_refused_with_a_message(world: World, client_for: Any) -> None:
    declare(world.people["member"], world.practice)
    member = client_for("member")

    response = member.post(return_url(world), {"kind": "nil"}, follow=True)

    assert "You have interests in force: confirm them instead of making a nil return" in text(response)
    assert InterestReturn.objects.count() == 0


def test_member_confirms_entries_are_up_to_date(world: World, client_for: Any) -> None:
    declare(world.people["member"], world.practice)
    member = client_for("member")
    assert "My entries are up to date" in text(member.get(MINE))

    member.post(return_url(world), {"kind": "confirmed"})

    assert InterestReturn.objects.get().kind == "confirmed"


def test_return_of_an_unknown_kind_is_refused(world: World, client_for: Any) -> None:
    response = client_for("member").post(return_url(world), {"kind": "maybe"}, follow=True)

    assert "Select a nil return or a confirmation" in text(response)
    assert InterestReturn.objects.count() == 0


def test_return_for_someone_else_is_forbidden_or_not_found(
    world: World, other_world: World, client_for: Any, client: Any
) -> None:
    assert client_for("member").post(return_url(world, "pec_chair"), {"kind": "nil"}).status_code == 403
    client.force_login(other_world.users["governance_lead"])
    assert client.post(return_url(world), {"kind": "nil"}).status_code == 404
    assert client_for("anonymous").post(return_url(world), {"kind": "nil"}).status_code == 302
    assert InterestReturn.objects.count() == 0


def test_return_refuses_get(world: World, client_for: Any) -> None:
    assert client_for("member").get(return_url(world)).status_code == 405


# Every problem at once, in plain words (X-4) ---------------------------------------------------


def test_declaration_page_shows_every_problem_at_once(world: World, client_for: Any) -> None:
    """One submit shows every missing field, not one per try (X-4, COI-7)."""
    member = client_for("member")  # signing in is audited: before counting
    before = saved()
    blank = {"start_date[day]": "", "start_date[month]": "", "start_date[year]": ""}

    response = member.post(
        declare_url(world.people["member"].pk),
        good_declaration(world, category="", organisation="", description="") | blank,
    )

    assert response.status_code == 400
    page = text(response)
    for message in (
        "Select the kind of interest",
        "Select the organisation the interest relates to, or enter its name",
        "Describe the interest, for example 'GP partner'",
        "Enter the date the interest began",
    ):
        assert message in page
    assert saved() == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"description": "x" * 1001}, "The description of the interest must be 1000 characters or fewer"),
        (
            {"organisation": "", "organisation_name": "A" * 201},
            "The organisation's name must be 200 characters or fewer",
        ),
    ],
    ids=["long description", "long name"],
)
def test_declaration_page_says_what_to_do_about_text_it_cannot_keep(
    world: World, client_for: Any, change: dict[str, str], message: str
) -> None:
    """Never Django's "Ensure this value has at most ...": the limit in plain words, nothing saved (X-4)."""
    member = client_for("member")  # signing in is audited: before counting
    before = saved()

    response = member.post(
        declare_url(world.people["member"].pk), good_declaration(world) | change | {"category": ""}
    )

    assert response.status_code == 400
    page = text(response)
    assert message in page
    assert "Select the kind of interest" in page  # the other problems are shown with it
    assert "Ensure this value" not in page
    assert "Null characters" not in page
    assert saved() == before


def test_publication_reason_too_long_says_the_limit(world: World, lead_client: Any) -> None:
    """The reason for withholding is limited in plain words (X-4, PUB-1)."""
    declaration = declare(world.people["member"], world.practice)

    response = lead_client.post(
        reverse("interests:declaration_withhold", args=[declaration.pk]),
        {"withholding": "details", "reason": "r" * 1001},
    )

    assert response.status_code == 400
    assert "The reason for withholding must be 1000 characters or fewer" in text(response)
    declaration.refresh_from_db()
    assert declaration.withholding == ""


def test_declaration_page_refuses_a_nul_byte_and_saves_nothing(world: World, client_for: Any) -> None:
    """A NUL byte gets a clear message (from the form, or the site's own check first) and no 500 (X-4)."""
    member = client_for("member")  # signing in is audited: before counting
    before = saved()

    response = member.post(
        declare_url(world.people["member"].pk), good_declaration(world, description="GP\x00partner")
    )

    assert response.status_code == 400
    assert "contains a character that cannot be" in text(response)
    assert saved() == before
