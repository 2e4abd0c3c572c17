"""The API: a repeated POST with one Idempotency-Key acts once; every error is JSON; the OpenAPI
document lists every answer (X-4, X-5, PUB-2)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import IntegrityError

from pecgov.api.tokens import token_create
from pecgov.commissioning.models import BusinessCase
from tests.api.test_api import bearer
from tests.commissioning_factories import make_commissioning
from tests.factories import SYSTEM, World
from tests.integrity.helpers import session_for


@pytest.fixture
def token(world: World) -> str:
    make_commissioning(world)
    return token_create(actor=SYSTEM, user=world.users["governance_lead"], name="test")[1]


def case_body(world: World, **changes: Any) -> str:
    body = {
        "kind": "business_case",
        "submitter_id": world.practice.pk,
        "title": "Community diabetes clinic",
        "service": "A nurse-led clinic",
        "value": 120_000,
        "patient_focus": "Care closer to home",
        "evidence": "Audit",
    } | changes
    return json.dumps(body)


def post(world: World, token: str, body: str, **headers: str) -> Any:
    return session_for(world.users["governance_lead"]).post(
        "/api/cases", body, content_type="application/json", headers=bearer(token) | headers
    )


def test_two_identical_posts_with_one_key_make_one_case(world: World, token: str) -> None:
    first = post(world, token, case_body(world), **{"Idempotency-Key": "case-1"})
    repeat = post(world, token, case_body(world), **{"Idempotency-Key": "case-1"})

    assert first.status_code == 201
    assert repeat.status_code == 201
    assert repeat.json() == first.json()
    assert repeat["Idempotent-Replayed"] == "true"
    assert BusinessCase.objects.count() == 1


def test_a_key_reused_for_a_different_request_is_refused(world: World, token: str) -> None:
    post(world, token, case_body(world), **{"Idempotency-Key": "case-1"})

    other = post(world, token, case_body(world, title="Another clinic"), **{"Idempotency-Key": "case-1"})

    assert other.status_code == 422
    assert BusinessCase.objects.count() == 1


def test_without_a_key_two_posts_make_two_cases(world: World, token: str) -> None:
    post(world, token, case_body(world))
    post(world, token, case_body(world))

    assert BusinessCase.objects.count() == 2


def test_a_refused_request_does_not_keep_its_key(world: World, token: str) -> None:
    refused = post(world, token, case_body(world, title=""), **{"Idempotency-Key": "case-2"})
    saved = post(world, token, case_body(world), **{"Idempotency-Key": "case-2"})

    assert refused.status_code == 422
    assert saved.status_code == 201


def test_a_unique_clash_on_the_api_is_409_json(world: World, token: str, monkeypatch: Any) -> None:
    def clash(**_: Any) -> None:
        raise IntegrityError("duplicate key value violates unique constraint business_case_unique_reference")

    monkeypatch.setattr("pecgov.commissioning.services.case_submit", clash)
    response = post(world, token, case_body(world))

    assert response.status_code == 409
    assert response.json()["detail"].startswith("This clashes with something saved at the same moment")


def test_an_unexpected_api_error_is_json_not_the_html_page(
    world: World, token: str, monkeypatch: Any
) -> None:
    def broken(**_: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("pecgov.commissioning.services.case_submit", broken)
    response = post(world, token, case_body(world))

    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert "problem with the service" in response.json()["detail"]


def test_openapi_lists_every_error_answer_with_the_error_schema(client: Any, db: Any) -> None:
    document = client.get("/api/openapi.json").json()

    assert "Error" in document["components"]["schemas"]
    for path, operations in document["paths"].items():
        if path.startswith("/api/popolo/"):
            continue  # public open data, no sign-in and no input: 200 or 404 (tests/api/test_popolo_openapi.py)
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert {"401", "403", "404", "422"} <= codes, (method, path)
            if method == "post":
                assert {"409", "413"} <= codes, (method, path)
                assert "Idempotency-Key" in {p["name"] for p in operation["parameters"]}
