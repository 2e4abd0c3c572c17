"""No request sends email itself (NOT-2): the guard in tests/conftest.py fails the test."""

from __future__ import annotations

import pytest
from django.core.mail import send_mail
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import path

from tests.conftest import SentInRequest


def sends_inline(request: HttpRequest) -> HttpResponse:
    send_mail("Hello", "Inline", None, ["someone@example.org"])
    return HttpResponse("sent")


urlpatterns = [path("inline/", sends_inline)]


@override_settings(ROOT_URLCONF=__name__)
def test_a_request_that_sends_email_itself_fails() -> None:
    with pytest.raises(SentInRequest):
        Client(raise_request_exception=True).get("/inline/")


def test_outside_a_request_email_may_be_sent(mailoutbox: list[object]) -> None:
    send_mail("Hello", "From a task", None, ["someone@example.org"])
    assert len(mailoutbox) == 1
