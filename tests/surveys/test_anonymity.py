"""Survey anonymity (EFF-2): nothing stored, shown, exported or served links a response to the
person who gave it. The response row holds the group, the day and the answers only; the token
row records only "answered"; no page, CSV, API answer or ledger event names a respondent."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from django.test import Client

from pecgov.audit.models import AuditEvent
from pecgov.surveys.models import Recipient, Response
from pecgov.surveys.services.running import survey_close
from tests.factories import World
from tests.surveys.helpers import full_answers, link_in_outbox, open_link, opened

pytestmark = pytest.mark.django_db


def test_response_row_has_no_link_to_a_respondent() -> None:
    """EFF-2: no token, user, time finer than the day, or address; no history rows (they would
    carry the exact time and the user); a random key, so row order says nothing."""
    fields = {f.name for f in Response._meta.get_fields()}
    assert fields == {"id", "survey", "group", "answered_on", "answers"}
    assert Response._meta.get_field("answered_on").get_internal_type() == "DateField"
    assert Response._meta.get_field("id").get_internal_type() == "UUIDField"
    assert not hasattr(Response, "history")


def _answer_all(world: World, client_for: Any) -> list[Recipient]:
    survey = opened(world, partners=5)
    recipients = list(Recipient.objects.filter(survey=survey))
    member = world.people["member"]
    for recipient in recipients:
        # a member answers signed in, the rest from their link without an account
        client = client_for("member") if recipient.person_id == member.pk else Client()
        form = open_link(client, link_in_outbox(recipient.email))
        response = client.post(form, full_answers(survey, point=4, text="Good chairing"))
        assert response.status_code == 302
    survey_close(actor=world.users["governance_lead"], survey=survey)  # answers are shown once closed
    return recipients


def _identifiers(world: World, recipients: list[Recipient]) -> list[str]:
    found = []
    for r in recipients:
        found += [r.email, *r.history.values_list("nonce", flat=True)]  # each link's nonce, old and new
        if r.person is not None:
            found.append(r.person.name)
            if r.person.user is not None:
                found.append(r.person.user.get_username())
    return found


def test_no_output_names_a_respondent(world: World, client_for: Any) -> None:
    """EFF-2: the results page, CSV and API, and the stored responses, carry no email, token,
    name or username of anyone asked."""
    recipients = _answer_all(world, client_for)
    survey = recipients[0].survey
    lead = client_for("governance_lead")
    outputs = {
        "page": lead.get(f"/surveys/{survey.pk}/results/").content.decode(),
        "csv": lead.get(f"/surveys/{survey.pk}/results.csv").content.decode(),
        "api": lead.get(f"/api/surveys/{survey.pk}/results").content.decode(),
        "rows": json.dumps(list(Response.objects.values("group", "answers", "answered_on")), default=str),
    }
    assert "Good chairing" in outputs["page"]  # the PEC group is big enough to be shown
    leaks = [
        (where, ident)
        for where, text in outputs.items()
        for ident in _identifiers(world, recipients)
        if ident in text
    ]
    assert leaks == []
    assert Response.objects.count() == len(recipients)


def test_ledger_names_the_token_row_never_the_response(world: World, client_for: Any) -> None:
    """X-2 with EFF-2: each answer's audit event names the recipient's row (now "answered") and
    no response; its actor is not the signed-in member."""
    recipients = _answer_all(world, client_for)
    events = list(AuditEvent.objects.filter(action="survey.answer"))
    assert len(events) == len(recipients)
    refs = [ref for e in events for ref in e.history_refs]
    assert all("response" not in json.dumps(ref).lower() for ref in refs)
    assert {e.actor_id for e in events} == {None}
    ids = {str(r.pk) for r in Response.objects.all()}
    assert all(all(i not in json.dumps(e.history_refs) + e.summary for i in ids) for e in events)
    assert all(isinstance(r.pk, uuid.UUID) for r in Response.objects.all())


def test_signed_in_answer_records_no_user_in_history(world: World, client_for: Any) -> None:
    """EFF-2: the member who answered signed in is not the history user of their token row."""
    _answer_all(world, client_for)
    member_row = Recipient.objects.get(person=world.people["member"])
    assert list(member_row.history.values_list("history_user_id", flat=True).filter(answered=True)) == [None]
