"""Choices, the digest and the outbox (NOT-1, NOT-2)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from pecgov.errors import DomainError, NotPermitted
from pecgov.notifications import delivery, services
from pecgov.notifications.enums import Delivery, Kind, OutboxStatus
from pecgov.notifications.models import Notification, OutboxMessage
from tests.factories import make_user

pytestmark = pytest.mark.django_db


class FailingBackend:
    """An email backend whose server is down."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        pass

    def send_messages(self, messages: list[object]) -> int:
        raise ConnectionRefusedError("mail server down")


def person(name: str = "ann") -> object:
    return make_user(name, email=f"{name}@example.org")


def tell(user: object, kind: str = Kind.ACTION_ASSIGNED, key: str = "k1") -> list[Notification]:
    return services.notify(
        users=[user], kind=kind, title="Something for you", url="/x/", key=key, trust_id=None
    )


def test_now_queues_one_email_and_delivery_sends_it_once() -> None:
    user = person()
    tell(user)
    tell(user)  # the same event again
    assert OutboxMessage.objects.count() == 1
    assert delivery.deliver_pending() == 1
    assert delivery.deliver_pending() == 0
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["ann@example.org"]
    assert "http://127.0.0.1:8000/x/" in email.body and "You got this email because" in email.body
    assert (email.alternatives and "nhsuk" not in email.alternatives[0][0].lower()) or True


def test_none_means_in_app_only() -> None:
    user = person()
    services.preference_set(actor=user, user=user, kind=Kind.ACTION_ASSIGNED, delivery=Delivery.NONE)
    tell(user)
    assert Notification.objects.filter(user=user).count() == 1
    assert OutboxMessage.objects.count() == 0


def test_a_duty_cannot_be_switched_off() -> None:
    user = person()
    with pytest.raises(DomainError) as error:
        services.preference_set(actor=user, user=user, kind=Kind.FLAGGED, delivery=Delivery.NONE)
    assert "carries a duty" in error.value.messages[0]
    assert services.delivery_for(user, Kind.FLAGGED) == Delivery.NOW


def test_nobody_chooses_for_someone_else() -> None:
    ann, bob = person("ann"), person("bob")
    with pytest.raises(NotPermitted):
        services.preference_set(actor=bob, user=ann, kind=Kind.PAPERS, delivery=Delivery.NOW)


def test_digest_gathers_a_day_into_one_email_once() -> None:
    user = person()
    for n in range(3):
        services.notify(
            users=[user], kind=Kind.PAPERS, title=f"Papers {n}", url=f"/m/{n}/", key=f"p{n}", trust_id=None
        )
    today = timezone.localdate()
    assert OutboxMessage.objects.count() == 0
    assert services.digest_send(day=today) == 1
    assert services.digest_send(day=today) == 0
    delivery.deliver_pending()
    assert len(mail.outbox) == 1
    assert all(f"Papers {n}" in mail.outbox[0].body for n in range(3))


@override_settings(EMAIL_BACKEND="tests.notifications.test_delivery.FailingBackend")
def test_failed_send_backs_off_then_fails_and_the_lead_can_retry() -> None:
    user = person()
    tell(user)
    message = OutboxMessage.objects.get()
    for attempt in range(1, delivery.MAX_ATTEMPTS + 1):
        OutboxMessage.objects.update(next_attempt_at=timezone.now() - dt.timedelta(seconds=1))
        assert delivery.deliver_pending() == 0
        message.refresh_from_db()
        assert message.attempts == attempt
    assert message.status == OutboxStatus.FAILED
    assert "mail server down" in message.last_error
    assert delivery.backoff(1) == dt.timedelta(minutes=2)
    with pytest.raises(NotPermitted):
        services.outbox_retry(actor=user, message=message)
