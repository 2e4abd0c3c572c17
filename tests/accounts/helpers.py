"""Helpers for the sign-in tests (ADM-5): signing in by the form, reading links from the outbox,
and making the codes an authenticator app would show."""

from __future__ import annotations

import re
from typing import Any

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

from pecgov.notifications.models import OutboxMessage

PASSWORD = "a-long-test-password-1"  # tests.factories.make_user's


def sign_in(client: Any, login: str, password: str = PASSWORD) -> Any:
    return client.post("/sign-in/", {"login": login, "password": password})


def link_in_outbox(to_email: str, pattern: str) -> str:
    """The path of the one link matching `pattern` in the latest email queued to `to_email`."""
    message = OutboxMessage.objects.filter(to_email=to_email).order_by("-pk").first()
    assert message is not None, f"no email queued to {to_email}"
    found = re.search(rf"https?://[^/\s]+({pattern})", message.text)
    assert found is not None, message.text
    return found.group(1)


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now for `secret`."""
    counter = next(iter(yield_hotp_counters_from_time()))
    return str(format_hotp_value(hotp_value(secret, counter)))


def secret_on_page(html: str) -> str:
    found = re.search(r'<code id="totp-secret">([A-Z2-7]+)</code>', html)
    assert found is not None, "no TOTP secret on the set-up page"
    return found.group(1)
