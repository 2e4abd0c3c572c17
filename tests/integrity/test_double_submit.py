"""A form sent twice saves once; racing creates never end in a server error (X-5; ASVS 2.3.4)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import IntegrityError

from pecgov.interests.models import Declaration
from pecgov.ui import viewkit
from pecgov.ui.safety.models import Submission
from tests.factories import World
from tests.integrity.helpers import date_parts, page_text, safety_fields, session_for


def declaration_data(world: World) -> dict[str, Any]:
    return {
        "category": "financial",
        "organisation": world.practice.pk,
        "organisation_name": "",
        "description": "Shareholder",
        **date_parts("start_date", None),
        "start_date-day": "1",
        "start_date-month": "4",
        "start_date-year": "2021",
        **date_parts("end_date", None),
    }


def test_declaration_form_sent_twice_makes_one_declaration(world: World) -> None:
    person = world.people["member"]
    url = f"/interests/people/{person.pk}/declare/"
    client = session_for(world.users["governance_lead"])
    form = safety_fields(client.get(url))
    before = Declaration.objects.filter(person=person).count()

    first = client.post(url, declaration_data(world) | form)
    repeat = client.post(url, declaration_data(world) | form)

    assert first.status_code == 302
    assert repeat.status_code == 302
    assert repeat["Location"] == first["Location"]
    assert Declaration.objects.filter(person=person).count() == before + 1


def test_each_form_shown_gets_its_own_key_so_two_declarations_are_two(world: World) -> None:
    person = world.people["member"]
    url = f"/interests/people/{person.pk}/declare/"
    client = session_for(world.users["governance_lead"])
    before = Declaration.objects.filter(person=person).count()

    for _ in range(2):
        client.post(url, declaration_data(world) | safety_fields(client.get(url)))

    assert Declaration.objects.filter(person=person).count() == before + 2


def test_a_refused_form_keeps_its_key_free_for_the_corrected_one(world: World) -> None:
    person = world.people["member"]
    url = f"/interests/people/{person.pk}/declare/"
    client = session_for(world.users["governance_lead"])
    form = safety_fields(client.get(url))
    before = Declaration.objects.filter(person=person).count()

    refused = client.post(url, declaration_data(world) | {"description": ""} | form)
    saved = client.post(url, declaration_data(world) | form)

    assert refused.status_code == 400
    assert saved.status_code == 302
    assert Declaration.objects.filter(person=person).count() == before + 1


def test_a_repeat_while_the_first_is_saving_is_answered_with_its_redirect(world: World) -> None:
    """The race itself: the key is already claimed (the first request's transaction) when the
    repeat reaches the view; it is answered with the first's redirect once that is recorded."""
    person = world.people["member"]
    url = f"/interests/people/{person.pk}/declare/"
    client = session_for(world.users["governance_lead"])
    form = safety_fields(client.get(url))
    Submission.objects.create(key=f"form:{form['submission_key']}", location="/interests/mine/")
    before = Declaration.objects.filter(person=person).count()

    repeat = client.post(url, declaration_data(world) | form)

    assert repeat.status_code == 302
    assert repeat["Location"] == "/interests/mine/"
    assert Declaration.objects.filter(person=person).count() == before


def test_a_unique_clash_in_a_service_is_a_form_message_not_a_500(world: World) -> None:
    class Named(forms.Form):
        name = forms.CharField()

    form = Named({"name": "x"})

    def clash(_: dict[str, Any]) -> None:
        raise IntegrityError("UNIQUE constraint failed: business_case.reference")

    assert viewkit.submit(form, clash) is None
    assert "clashes with something saved at the same moment" in str(form.errors["__all__"])


def test_a_unique_clash_outside_a_form_is_a_409_page(world: World, monkeypatch: Any) -> None:
    person = world.people["member"]
    url = f"/interests/people/{person.pk}/declare/"
    client = session_for(world.users["governance_lead"])

    def clash(**_: Any) -> None:
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr("pecgov.interests.services.declaration_create", clash)
    response = client.post(url, declaration_data(world))

    assert response.status_code in {400, 409}
    assert "clashes with something saved at the same moment" in page_text(response)
