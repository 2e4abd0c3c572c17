"""The answer link's token stays out of the logs (EFF-2): opening the emailed link exchanges its
token for a fresh one the browser's session keeps and sends the browser to an address without
it. The emailed token then opens nothing, so one read from a web server's access log is of no
use; Django's own log never sees it; the link still answers once."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.test import Client

from pecgov.audit.models import AuditEvent
from pecgov.surveys.models import Recipient, Response
from tests.factories import World
from tests.surveys.helpers import full_answers, link_in_outbox, open_link, opened

pytestmark = pytest.mark.django_db
PARTNER = "partner0@practice.example.org"


def test_opening_the_link_moves_to_an_address_without_the_token(world: World) -> None:
    """EFF-2: the form's address, and where the form posts, carry no token."""
    survey = opened(world, partners=1, members=False)
    link = link_in_outbox(PARTNER)
    token = link.rstrip("/").rsplit("/", 1)[1]
    client = Client()
    form = open_link(client, link)
    assert form == f"/surveys/answer/survey/{survey.pk}/"
    page = client.get(form)
    assert page.status_code == 200
    assert token not in page.content.decode()
    nonce = Recipient.objects.get(email=PARTNER).nonce
    assert nonce not in page.content.decode()


def test_the_emailed_token_opens_nothing_once_exchanged(world: World) -> None:
    """EFF-2: someone replaying the logged address gets the "cannot be used" page and saves nothing."""
    survey = opened(world, partners=1, members=False)
    link = link_in_outbox(PARTNER)
    open_link(Client(), link)
    stranger = Client()
    replay = stranger.get(link, follow=True)
    assert replay.status_code == 404
    assert "already been opened" in replay.content.decode()
    posted = stranger.post(f"/surveys/answer/survey/{survey.pk}/", full_answers(survey))
    assert posted.status_code == 404
    assert Response.objects.count() == 0
    event = AuditEvent.objects.get(action="survey.link_open")
    assert PARTNER not in event.summary


def test_the_link_still_answers_once(world: World) -> None:
    """EFF-2, X-5: one response; the answer page then says it was answered, and a second post saves nothing."""
    survey = opened(world, partners=1, members=False)
    client = Client()
    form = open_link(client, link_in_outbox(PARTNER))
    assert client.post(form, full_answers(survey)).status_code == 302
    again = client.get(form)
    assert again.status_code == 410 and "already been answered" in again.content.decode()
    assert client.post(form, full_answers(survey)).status_code == 410
    assert Response.objects.count() == 1
    assert Recipient.objects.get(email=PARTNER).answered


def test_no_log_line_carries_a_token(world: World, caplog: Any) -> None:
    """EFF-2: a refused link (here a forged one and a reused one) answers with a redirect, so
    Django's request log (which names the path of every 4xx) never holds a token."""
    survey = opened(world, partners=1, members=False)
    link = link_in_outbox(PARTNER)
    token = link.rstrip("/").rsplit("/", 1)[1]
    caplog.set_level(logging.DEBUG)
    client = Client()
    client.get(link, follow=True)
    Client().get(link, follow=True)  # the reused, now dead, link
    Client().get("/surveys/answer/forged-token-abc/", follow=True)
    client.post(f"/surveys/answer/survey/{survey.pk}/", {})  # a form with errors: 400
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert f"Bad Request: /surveys/answer/survey/{survey.pk}/" in logged  # the log was listening
    assert token not in logged and "forged-token-abc" not in logged
