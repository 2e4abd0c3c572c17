"""Signing in with allauth (ADM-5): by username or email address, every event in the ledger, the
lock-out recorded, applicants confirm their address from an email in the outbox (NOT-2)."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.test import Client

from pecgov.audit.models import AuditEvent
from tests.accounts.helpers import PASSWORD, link_in_outbox, sign_in
from tests.factories import World


def test_sign_in_by_email_address(world: World) -> None:
    """ADM-5: staff sign in with their username or their email address."""
    member = world.users["member"]
    member.email = "member@example.nhs.uk"
    member.save(update_fields=["email"])
    client = Client()

    response = sign_in(client, "member@example.nhs.uk")

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == member.pk


def test_sign_in_and_failure_are_in_the_ledger(world: World) -> None:
    """ADM-5, X-2: a failed and a good sign-in, each one event naming the account, no password."""
    member = world.users["member"]

    sign_in(Client(), member.get_username(), "wrong-password")
    sign_in(Client(), member.get_username())

    failed = AuditEvent.objects.get(action="auth.sign_in_failed")
    assert failed.data["username"] == member.get_username()
    assert "wrong-password" not in str(failed.data)
    assert AuditEvent.objects.filter(action="auth.sign_in", actor=member).count() == 1


def test_the_lock_out_is_in_the_ledger(world: World) -> None:
    """ADM-5, X-2: the refused sixth try is recorded as a lock-out."""
    username = world.users["member"].get_username()
    for _ in range(5):
        sign_in(Client(), username, "wrong")

    refused = sign_in(Client(), username, PASSWORD)

    assert "You have tried to sign in too many times" in refused.content.decode()
    assert AuditEvent.objects.filter(action="auth.locked_out").count() == 1


def test_a_wrong_password_gets_a_clear_message_in_the_error_summary(world: World) -> None:
    """X-4: the summary at the top says what is wrong; nobody is signed in."""
    client = Client()

    response = sign_in(client, world.users["member"].get_username(), "wrong")

    html = response.content.decode()
    assert "There is a problem" in html
    assert "The username or password is not correct" in html
    assert "_auth_user_id" not in client.session


def test_an_applicant_confirms_their_address_from_the_emailed_link(db: Any) -> None:
    """ADM-5, APP-3: registration queues a confirmation email; its link verifies the address."""
    client = Client()
    client.post(
        "/account/register/",
        {
            "username": "newapplicant",
            "email": "new@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    link = link_in_outbox("new@example.org", r"/account/confirm-email/[^\s/]+/")
    address = EmailAddress.objects.get(email="new@example.org")
    assert not address.verified

    page = client.get(link)
    confirmed = client.post(link)

    assert page.status_code == 200
    assert "Confirm your email address" in page.content.decode()
    assert confirmed.status_code == 302
    address.refresh_from_db()
    assert address.verified


def test_a_bad_confirmation_link_says_so(db: Any) -> None:
    """X-4: an unknown or expired key answers with a plain message, not an error page."""
    response = Client().get("/account/confirm-email/not-a-key/")

    assert response.status_code == 200
    assert "This confirmation link has expired or is not valid" in response.content.decode()
