"""Password reset by email (ADM-5): the link goes through the outbox (NOT-2), works once, within
its time, and a refused link says why and changes nothing (X-4)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from allauth.account.forms import default_token_generator
from django.test import Client

from pecgov.audit.models import AuditEvent
from pecgov.notifications.models import OutboxMessage
from tests.accounts.helpers import PASSWORD, link_in_outbox, sign_in
from tests.factories import World

NEW_PASSWORD = "a-brand-new-password-7"
RESET_LINK = r"/account/password/reset/key/[^\s]+/"
REFUSED = "This link has expired or has been used"


def ask_for_reset(client: Client, email: str) -> Any:
    return client.post("/account/password/reset/", {"email": email})


def set_password(client: Client, link: str, password: str = NEW_PASSWORD) -> Any:
    """Open the emailed link (allauth moves the key into the session) and set a new password."""
    opened = client.get(link)
    form_url = opened["Location"] if opened.status_code == 302 else link
    return client.post(form_url, {"password1": password, "password2": password})


def member_with_email(world: World) -> Any:
    member = world.users["member"]
    member.email = "member@example.nhs.uk"
    member.save(update_fields=["email"])
    return member


def test_reset_by_email_sets_a_new_password(world: World) -> None:
    """ADM-5: the emailed link sets a new password; the old one stops working; it is in the ledger."""
    member = member_with_email(world)
    client = Client()

    asked = ask_for_reset(client, "member@example.nhs.uk")
    done = set_password(client, link_in_outbox("member@example.nhs.uk", RESET_LINK))

    assert asked.status_code == 302
    assert asked["Location"] == "/account/password/reset/done/"
    assert done.status_code == 302
    assert done["Location"] == "/account/password/reset/key/done/"
    assert sign_in(Client(), member.get_username(), PASSWORD).status_code == 200  # old: refused
    assert sign_in(Client(), member.get_username(), NEW_PASSWORD).status_code == 302
    assert AuditEvent.objects.filter(action="auth.password_reset", actor=member).count() == 1


def test_the_email_is_queued_not_sent_in_the_request(world: World) -> None:
    """NOT-2: the request puts the message in the outbox (the conftest guard fails inline sends)."""
    member_with_email(world)

    ask_for_reset(Client(), "member@example.nhs.uk")

    message = OutboxMessage.objects.get(to_email="member@example.nhs.uk")
    assert message.subject.startswith("PEC Governance: ")
    assert message.kind == "account"


def test_a_used_link_is_refused_and_changes_nothing(world: World) -> None:
    """ADM-5, X-4: a link works once."""
    member = member_with_email(world)
    ask_for_reset(Client(), "member@example.nhs.uk")
    link = link_in_outbox("member@example.nhs.uk", RESET_LINK)
    set_password(Client(), link)

    again = Client().get(link, follow=True)
    second = set_password(Client(), link, "yet-another-password-9")

    assert REFUSED in again.content.decode()
    assert second.status_code == 200
    assert REFUSED in second.content.decode()
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)


def test_an_expired_link_is_refused_and_changes_nothing(
    world: World, settings: Any, monkeypatch: Any
) -> None:
    """ADM-5, X-4: a link older than PASSWORD_RESET_TIMEOUT is refused with a clear message."""
    member = member_with_email(world)
    ask_for_reset(Client(), "member@example.nhs.uk")
    link = link_in_outbox("member@example.nhs.uk", RESET_LINK)
    later = dt.datetime.now() + dt.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    monkeypatch.setattr(default_token_generator, "_now", lambda: later)

    response = set_password(Client(), link)

    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert "Ask for a new link" in response.content.decode()
    member.refresh_from_db()
    assert member.check_password(PASSWORD)


def test_an_unknown_address_gets_the_same_answer(db: Any) -> None:
    """ADM-5: the page never tells whether an address has an account."""
    response = ask_for_reset(Client(), "nobody@example.nhs.uk")

    assert response.status_code == 302
    assert response["Location"] == "/account/password/reset/done/"
    assert "reset/key" not in "".join(OutboxMessage.objects.values_list("text", flat=True))


def test_a_bad_address_gets_a_specific_message(db: Any) -> None:
    """X-4: the error summary names the problem."""
    response = ask_for_reset(Client(), "not-an-address")

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Enter an email address in the correct format" in html
