"""Emails written elsewhere (invitations, password resets) go through the outbox once (NOT-2)."""

from __future__ import annotations

import pytest

from pecgov.notifications import services
from pecgov.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_an_email_is_queued_once_per_key() -> None:
    first = services.email_queue(
        key="invite:1", to_email="a@example.org", subject="Hello", text="t", html="<p>t</p>"
    )
    again = services.email_queue(
        key="invite:1", to_email="a@example.org", subject="Hello", text="t", html="<p>t</p>"
    )
    assert first is not None
    assert again is None
    assert OutboxMessage.objects.filter(key="invite:1").count() == 1
    assert first.to_email == "a@example.org"
