"""Real concurrency on PostgreSQL: two requests at once with one form, and two API POSTs at once
with one Idempotency-Key, make one record and no server error (X-5; ASVS 2.3.4).

SQLite's in-memory test database cannot take two writing threads; its writers are serialised
by IMMEDIATE transactions, which the sequential tests in this folder cover."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest
from django.db import connection

from pecgov.api.tokens import token_create
from pecgov.commissioning.models import BusinessCase
from pecgov.interests.models import Declaration
from tests.api.test_api import bearer
from tests.commissioning_factories import make_commissioning
from tests.factories import SYSTEM, make_trust
from tests.integrity.helpers import date_parts, safety_fields, session_for

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="two writing threads need a server database"
)


def at_once(*calls: Any) -> list[Any]:
    answers: list[Any] = [None] * len(calls)
    start = threading.Barrier(len(calls))

    def run(index: int, call: Any) -> None:
        start.wait()
        try:
            answers[index] = call()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


@pytest.mark.django_db(transaction=True)
def test_one_form_sent_twice_at_once_makes_one_declaration() -> None:
    world = make_trust()
    person = world.people["member"]
    url = f"/interests/people/{person.pk}/declare/"
    lead = world.users["governance_lead"]
    form = safety_fields(session_for(lead).get(url))
    data = {
        "category": "financial",
        "organisation": world.practice.pk,
        "description": "Shareholder",
        **date_parts("start_date", None),
        "start_date-day": "1",
        "start_date-month": "4",
        "start_date-year": "2021",
    } | form
    clients = [session_for(lead), session_for(lead)]
    before = Declaration.objects.filter(person=person).count()

    answers = at_once(*(lambda c=c: c.post(url, data) for c in clients))

    assert sorted(a.status_code for a in answers) == [302, 302]
    assert Declaration.objects.filter(person=person).count() == before + 1


@pytest.mark.django_db(transaction=True)
def test_two_api_posts_at_once_with_one_key_make_one_case() -> None:
    world = make_trust()
    make_commissioning(world)
    key = token_create(actor=SYSTEM, user=world.users["governance_lead"], name="race")[1]
    body = json.dumps(
        {
            "kind": "business_case",
            "submitter_id": world.practice.pk,
            "title": "Community diabetes clinic",
            "service": "A nurse-led clinic",
            "value": 120_000,
            "patient_focus": "Care closer to home",
            "evidence": "Audit",
        }
    )
    headers = bearer(key) | {"Idempotency-Key": "race-1"}

    def post() -> Any:
        return session_for(world.users["governance_lead"]).post(
            "/api/cases", body, content_type="application/json", headers=headers
        )

    answers = at_once(post, post)

    assert all(a.status_code < 500 for a in answers)
    assert 201 in {a.status_code for a in answers}
    assert BusinessCase.objects.count() == 1
