"""An organisation's address, postcode and opening date (ORG-1, ADM-2, X-4): the services write
them one way and refuse a postcode that is not a UK postcode's shape, or an opening after the
closing; the form, the detail page and the API show them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from pecgov.audit.models import AuditEvent
from pecgov.errors import DomainError
from pecgov.trust import services as ts
from pecgov.trust.enums import OrganisationKind
from pecgov.trust.models import Organisation
from pecgov.trust.postcodes import normalise_postcode
from tests.factories import World
from tests.trust.helpers import date_fields, snapshot, text

pytestmark = pytest.mark.django_db
SYSTEM = ts.SYSTEM
POSTCODE_MESSAGE = "Enter a real postcode, like AV1 0AB"


@pytest.mark.parametrize(
    ("raw", "written"),
    [
        ("av1 0ab", "AV1 0AB"),
        ("  SW1A1AA ", "SW1A 1AA"),
        ("m1  1ae", "M1 1AE"),
        ("B33 8TH", "B33 8TH"),
        ("EC1A 1BB", "EC1A 1BB"),
        ("", ""),
        (None, ""),
    ],
)
def test_postcodes_are_written_one_way(raw: str | None, written: str) -> None:
    """ORG-1: upper case, one space before the inward code."""
    assert normalise_postcode(raw) == written


@pytest.mark.parametrize("raw", ["AV1", "12345", "AV1 0A", "AVON 1AB", "AV1 0AB X", "1AV 0AB"])
def test_postcodes_of_the_wrong_shape_are_refused(raw: str) -> None:
    with pytest.raises(ValueError, match="is not a UK postcode"):
        normalise_postcode(raw)


def _create(**fields: Any) -> Callable[[World], Any]:
    def act(world: World) -> Any:
        return ts.organisation_create(
            actor=SYSTEM, trust=world.trust, kind=OrganisationKind.PRACTICE, name="New Surgery", **fields
        )

    return act


def _update(**fields: Any) -> Callable[[World], Any]:
    def act(world: World) -> Any:
        return ts.organisation_update(actor=SYSTEM, organisation=world.practice, **fields)

    return act


CLOSED = {"closed_on": dt.date(2020, 3, 1)}
OPENED = {"open_date": dt.date(1974, 4, 1)}
AFTER_CLOSING = "The opening date must be on or before the closing date, 1 March 2020"
# name: (what the practice already has, the refused action, the field, the message)
REFUSED: dict[str, tuple[dict[str, Any], Callable[[World], Any], str, str]] = {
    "create_with_bad_postcode": ({}, _create(postcode="AV1"), "postcode", POSTCODE_MESSAGE),
    "update_with_bad_postcode": ({}, _update(postcode="NOT A CODE"), "postcode", POSTCODE_MESSAGE),
    "opened_after_it_closed": (CLOSED, _update(open_date=dt.date(2021, 1, 1)), "open_date", AFTER_CLOSING),
    "both_dates_at_once_wrong_way_round": (
        {},
        _update(open_date=dt.date(2020, 3, 2), closed_on=dt.date(2020, 3, 1)),
        "open_date",
        AFTER_CLOSING,
    ),
    "closed_before_it_opened": (
        OPENED,
        _update(closed_on=dt.date(1970, 1, 1)),
        "open_date",
        "The opening date must be on or before the closing date, 1 January 1970",
    ),
}


@pytest.mark.parametrize("case", REFUSED.values(), ids=list(REFUSED))
def test_refused_place_and_dates_say_why_and_save_nothing(
    world: World, case: tuple[dict[str, Any], Callable[[World], Any], str, str]
) -> None:
    """ORG-1, X-4: the field, the message, and no row, history or audit event."""
    already, act, field, message = case
    if already:
        ts.organisation_update(actor=SYSTEM, organisation=world.practice, **already)
        world.practice.refresh_from_db()
    before = snapshot()
    with pytest.raises(DomainError) as raised:
        act(world)
    assert raised.value.errors == {field: [message]}
    assert snapshot() == before
    world.practice.refresh_from_db()
    assert (world.practice.postcode, world.practice.open_date, world.practice.closed_on) == (
        "",
        already.get("open_date"),
        already.get("closed_on"),
    )


def test_address_and_postcode_are_written_one_way_with_history(world: World) -> None:
    """ORG-1, X-2: lines stripped and blank ones dropped; postcode upper case with one space; a
    history row and an audit event."""
    events = AuditEvent.objects.count()
    org = ts.organisation_create(
        actor=SYSTEM,
        trust=world.trust,
        kind=OrganisationKind.PRACTICE,
        name="Mill Lane Surgery",
        address="  1 Mill Lane \r\n\r\nAvonmere  \n",
        postcode=" av1  0ab",
        open_date=dt.date(1974, 4, 1),
    )
    org.refresh_from_db()
    assert (org.address, org.postcode, org.open_date) == (
        "1 Mill Lane\nAvonmere",
        "AV1 0AB",
        dt.date(1974, 4, 1),
    )
    ts.organisation_update(actor=SYSTEM, organisation=org, postcode="av2 1ab", closed_on=dt.date(2020, 3, 1))
    org.refresh_from_db()
    assert org.postcode == "AV2 1AB" and org.closed_on == dt.date(2020, 3, 1)
    assert [h.postcode for h in org.history.order_by("history_date")] == ["AV1 0AB", "AV2 1AB"]
    assert AuditEvent.objects.count() == events + 2


def test_form_and_detail_page_show_the_place(world: World, lead_client: Any) -> None:
    """ORG-1: the add form takes address, postcode and opening date; the detail page shows them."""
    data = {
        "name": "Brookside Surgery",
        "kind": OrganisationKind.PRACTICE,
        "address": "2 Brook Side\nAvonmere",
        "postcode": "av3 2ab",
        **date_fields("open_date", 1, 4, 1974),
    }
    response = lead_client.post(reverse("trust:organisation_create"), data)
    assert response.status_code == 302
    org = Organisation.objects.get(name="Brookside Surgery")
    assert (org.postcode, org.open_date) == ("AV3 2AB", dt.date(1974, 4, 1))
    page = text(lead_client.get(response["Location"]))
    assert "2 Brook Side<br>Avonmere" in page
    assert "AV3 2AB" in page and "1 April 1974" in page
    form = text(lead_client.get(reverse("trust:organisation_edit", args=[org.pk])))
    assert 'name="postcode"' in form and 'name="address"' in form and 'name="open_date[day]"' in form


def test_form_with_a_bad_postcode_explains_and_saves_nothing(world: World, lead_client: Any) -> None:
    """X-4: the error summary names the postcode; nothing is saved."""
    before = snapshot()
    data = {"name": "Brookside Surgery", "kind": OrganisationKind.PRACTICE, "postcode": "BROOK"}
    response = lead_client.post(reverse("trust:organisation_create"), data)
    assert response.status_code == 400
    page = text(response)
    assert "There is a problem" in page and POSTCODE_MESSAGE in page
    assert snapshot() == before


def test_detail_page_escapes_the_address(world: World, lead_client: Any) -> None:
    ts.organisation_update(actor=SYSTEM, organisation=world.practice, address="<b>1 High St</b>")
    page = lead_client.get(reverse("trust:organisation_detail", args=[world.practice.pk])).content.decode()
    assert "<b>1 High St</b>" not in page and "&lt;b&gt;1 High St&lt;/b&gt;" in page


def test_api_gives_address_postcode_and_open_date(world: World, lead_client: Any) -> None:
    """ORG-1, PUB-2: the list and the detail carry the new fields."""
    ts.organisation_update(
        actor=SYSTEM,
        organisation=world.practice,
        address="1 High Street\nTestshire",
        postcode="ts1 1aa",
        open_date=dt.date(1990, 5, 1),
    )
    detail = lead_client.get(f"/api/organisations/{world.practice.pk}").json()
    assert (detail["address"], detail["postcode"], detail["open_date"]) == (
        "1 High Street\nTestshire",
        "TS1 1AA",
        "1990-05-01",
    )
    listed = {o["id"]: o for o in lead_client.get("/api/organisations").json()["items"]}
    assert listed[world.practice.pk]["postcode"] == "TS1 1AA"
    assert listed[world.trust.pk]["open_date"] is None and listed[world.trust.pk]["address"] == ""
