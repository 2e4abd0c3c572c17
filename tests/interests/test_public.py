"""The public register of interests and its CSV (PUB-1, PUB-2): no sign-in, only seated people,
and withheld entries say so without ever showing what was withheld."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.utils import timezone

from pecgov.interests import services as isv
from pecgov.trust.models import Membership, Person
from pecgov.trust.queries import current_q
from tests.factories import SYSTEM, World
from tests.meeting_factories import declare
from tests.trust.helpers import text

pytestmark = pytest.mark.django_db

REGISTER = "/public/register/"
CSV_URL = "/public/register.csv"


def seated_names(world: World) -> set[str]:
    seats = Membership.objects.filter(current_q(timezone.localdate()), committee__trust=world.trust)
    return set(seats.values_list("person__name", flat=True))


def withheld_world(world: World) -> None:
    """One entry published, one with details withheld, one withheld whole."""
    member = world.people["member"]
    declare(member, world.practice, description="Published partnership")
    details = declare(member, None, organisation_name="Acme Holdings", description="Secret shareholding")
    entry = declare(member, None, organisation_name="Hidden Trust Ltd", description="Hidden directorship")
    isv.declaration_withhold(
        actor=SYSTEM, declaration=details, withholding="details", reason="Commercial confidence"
    )
    isv.declaration_withhold(
        actor=SYSTEM, declaration=entry, withholding="entry", reason="Risk to personal safety"
    )


def csv_text(response: Any) -> str:
    """The body of the download (a FileResponse streams it)."""
    return b"".join(response.streaming_content).decode()


def csv_rows(body: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body)))


def test_public_register_needs_no_sign_in_and_says_what_is_withheld(world: World, client: Any) -> None:
    withheld_world(world)

    response = client.get(REGISTER)

    assert response.status_code == 200
    page = text(response)
    assert "Published partnership" in page
    assert "Details withheld" in page
    assert "Entry withheld" in page
    for secret in ["Secret shareholding", "Acme Holdings", "Hidden directorship", "Hidden Trust Ltd"]:
        assert secret not in page
    for reason in ["Commercial confidence", "Risk to personal safety"]:
        assert reason not in page


def test_public_register_lists_only_people_with_a_committee_seat(world: World, client: Any) -> None:
    unseated = Person.objects.get(user=world.users["practice_lead"])
    declare(unseated, world.practice, description="Unseated interest")

    page = text(client.get(REGISTER))

    assert "Unseated interest" not in page
    assert unseated.name not in page
    for name in seated_names(world):
        assert name in page
    assert "No interests declared." in page


def test_public_register_of_another_trust_by_ods_code(world: World, other_world: World, client: Any) -> None:
    declare(other_world.people["member"], other_world.practice, description="Elsewhere interest")

    chosen = text(client.get(REGISTER, {"trust": "els"}))
    default = text(client.get(REGISTER))

    assert "Elsewhere interest" in chosen
    assert world.people["member"].name not in chosen
    assert "Elsewhere interest" not in default


def test_public_register_of_an_unknown_trust_is_not_found(world: World, client: Any) -> None:
    assert client.get(REGISTER, {"trust": "NOPE"}).status_code == 404
    assert client.get(CSV_URL, {"trust": "NOPE"}).status_code == 404


def test_public_register_csv_parses_and_has_the_same_people(world: World, client: Any) -> None:
    withheld_world(world)

    response = client.get(CSV_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="register-of-interests-')
    body = csv_text(response)
    rows = csv_rows(body)
    assert list(rows[0]) == [
        "Name",
        "Committee seats",
        "Kind of interest",
        "Organisation",
        "Interest",
        "From",
        "To",
        "Note",
    ]
    assert {r["Name"] for r in rows} == seated_names(world)
    member_rows = [r for r in rows if r["Name"] == world.people["member"].name]
    assert sorted(r["Note"] for r in member_rows) == ["", "Details withheld", "Entry withheld"]
    assert "Published partnership" in {r["Interest"] for r in member_rows}
    for secret in [
        "Secret shareholding",
        "Acme Holdings",
        "Hidden directorship",
        "Hidden Trust Ltd",
        "Risk to",
    ]:
        assert secret not in body


def test_public_register_csv_does_not_let_a_spreadsheet_run_a_formula(world: World, client: Any) -> None:
    declare(world.people["member"], None, organisation_name="=HYPERLINK(1)", description="+1 shares")

    rows = csv_rows(csv_text(client.get(CSV_URL)))

    row = next(r for r in rows if r["Name"] == world.people["member"].name)
    assert (row["Organisation"], row["Interest"]) == ("'=HYPERLINK(1)", "'+1 shares")


def test_public_home_links_to_the_register(world: World, client: Any) -> None:
    response = client.get("/public/")

    assert response.status_code == 200
    assert 'href="/public/register/"' in text(response)
    assert 'href="/public/register.csv"' in text(response)


def test_footer_links_to_the_public_register(client: Any, db: Any) -> None:
    assert 'href="/public/register/"' in text(client.get("/"))
