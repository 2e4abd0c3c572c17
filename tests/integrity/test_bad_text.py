"""Bad text is refused at the boundary with a clear message, the same on every database (X-4)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django import forms

from pecgov.api.tokens import token_create
from pecgov.commissioning.models import BusinessCase
from pecgov.errors import DomainError
from pecgov.interests.models import Declaration
from pecgov.trust import services as ts
from pecgov.ui.forms import NhsFormMixin
from tests.api.test_api import bearer
from tests.commissioning_factories import make_commissioning
from tests.factories import SYSTEM, World
from tests.integrity.helpers import date_parts, page_text, session_for


def declaration_post(world: World, description: str) -> Any:
    person = world.people["member"]
    client = session_for(world.users["governance_lead"])
    data = {
        "category": "financial",
        "organisation": world.practice.pk,
        "description": description,
        **date_parts("start_date", None),
        "start_date-day": "1",
        "start_date-month": "4",
        "start_date-year": "2021",
    }
    return client.post(f"/interests/people/{person.pk}/declare/", data)


def test_a_form_with_a_null_is_refused_and_saves_nothing(world: World) -> None:
    # (A browser cannot send a lone surrogate in a form: its bytes decode as U+FFFD. JSON can.)
    before = Declaration.objects.count()

    response = declaration_post(world, "GP\x00partner")

    assert response.status_code == 400
    assert "contains a character that cannot be stored" in page_text(response) or (
        "must not contain" in page_text(response)
    )
    assert Declaration.objects.count() == before


def test_a_query_with_a_null_is_refused_with_a_page_not_a_500(world: World) -> None:
    response = session_for(world.users["governance_lead"]).get("/interests/register/", {"on": "2020\x00"})

    assert response.status_code == 400


def api_case(world: World, **changes: Any) -> Any:
    make_commissioning(world)
    _token, key = token_create(actor=SYSTEM, user=world.users["governance_lead"], name="test")
    body = {
        "kind": "business_case",
        "submitter_id": world.practice.pk,
        "title": "Community diabetes clinic",
        "service": "A nurse-led clinic",
        "value": 120_000,
        "patient_focus": "Care closer to home",
        "evidence": "Audit",
    } | changes
    return session_for(world.users["governance_lead"]).post(
        "/api/cases", json.dumps(body), content_type="application/json", headers=bearer(key)
    )


@pytest.mark.parametrize("bad", ["Clinic \ud800", "Clinic\x00"])
def test_api_json_with_a_lone_surrogate_or_null_is_422_with_the_field(world: World, bad: str) -> None:
    response = api_case(world, title=bad)

    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/json")
    assert list(response.json()["errors"]) == ["title"]
    assert BusinessCase.objects.count() == 0


def test_api_title_longer_than_its_column_is_refused_on_every_database(world: World) -> None:
    response = api_case(world, title="x" * 100_000)

    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/json")
    assert BusinessCase.objects.count() == 0


def test_a_model_save_with_too_long_text_is_refused_naming_the_field(world: World) -> None:
    with pytest.raises(DomainError) as refused:
        ts.organisation_create(actor=SYSTEM, trust=world.trust, kind="practice", name="x" * 100_000)

    assert any("characters or fewer" in m for m in refused.value.messages)


class TitleForm(NhsFormMixin, forms.Form):
    title = forms.CharField(label="Title", max_length=200)


def test_form_length_message_is_plain_english() -> None:
    form = TitleForm({"title": "x" * 201})

    assert not form.is_valid()
    assert form.errors["title"] == ["Title must be 200 characters or fewer"]
