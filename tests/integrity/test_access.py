"""Keeping private things private and access in the ledger: Cache-Control, lock-out per account
and address, the registration limit, leaving demo mode, one-line 403s, sign-in events
(X-1, X-2; ASVS 5.0 6.3, 14.3, 16.3, 16.4)."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client

from pecgov.api.tokens import token_create, token_revoke
from pecgov.audit.models import AuditEvent
from pecgov.demo import checks as demo_checks
from pecgov.demo.accounts import DEMO_PASSWORD
from tests.factories import SYSTEM, World
from tests.integrity.helpers import session_for

PASSWORD = "a-long-test-password-1"


def sign_in(client: Any, username: str, password: str) -> Any:
    return client.post("/sign-in/", {"login": username, "password": password})


# Cache-Control (ASVS 14.3)


def test_signed_in_pages_are_private_and_not_stored(world: World) -> None:
    response = session_for(world.users["governance_lead"]).get("/")

    assert response["Cache-Control"] == "private, no-store"


def test_api_answers_are_private_and_not_stored(world: World) -> None:
    signed_in = session_for(world.users["governance_lead"]).get("/api/organisations")
    anonymous = Client().get("/api/organisations")

    assert signed_in["Cache-Control"] == "private, no-store"
    assert anonymous["Cache-Control"] == "private, no-store"


def test_public_pages_keep_their_own_caching(client: Any, db: Any) -> None:
    response = client.get("/public/register/")

    assert "no-store" not in response.get("Cache-Control", "")


# Lock-out per account and address (ASVS 6.3)


LIMIT = 5  # ACCOUNT_RATE_LIMITS "login_failed": five per account and address in an hour


def locked(response: Any) -> bool:
    return (
        response.status_code == 200
        and "You have tried to sign in too many times" in response.content.decode()
    )


def test_lockout_is_per_account_and_address(world: World) -> None:
    office = Client(REMOTE_ADDR="10.0.0.1")
    member, lead = world.users["member"], world.users["governance_lead"]
    for user in (member, lead):
        user.set_password(PASSWORD)
        user.save()
    for _ in range(LIMIT):
        sign_in(office, member.get_username(), "wrong")

    refused = sign_in(office, member.get_username(), PASSWORD)
    colleague_same_address = sign_in(Client(REMOTE_ADDR="10.0.0.1"), lead.get_username(), PASSWORD)
    same_person_elsewhere = sign_in(Client(REMOTE_ADDR="10.0.0.2"), member.get_username(), PASSWORD)

    assert locked(refused)
    assert colleague_same_address.status_code == 302
    assert same_person_elsewhere.status_code == 302


def test_forwarded_for_is_ignored_unless_a_proxy_is_trusted(world: World) -> None:
    member = world.users["member"]
    member.set_password(PASSWORD)
    member.save()
    for address in ("10.1.0.1", "10.1.0.2", "10.1.0.3", "10.1.0.4", "10.1.0.5"):
        sign_in(Client(REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR=address), member.get_username(), "wrong")

    # A made-up X-Forwarded-For did not spread the failures over five addresses.
    response = sign_in(Client(REMOTE_ADDR="10.0.0.9"), member.get_username(), PASSWORD)

    assert locked(response)


# Registration limit


def register(address: str, n: int) -> Any:
    return Client(REMOTE_ADDR=address).post(
        "/account/register/",
        {
            "username": f"applicant{n}",
            "email": f"a{n}@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )


def test_registration_is_limited_per_address(settings: Any, db: Any) -> None:
    settings.RATE_LIMITS = {"applicants:register": (3, 600)}
    cache.clear()

    answers = [register("10.2.0.1", n).status_code for n in range(4)]
    elsewhere = register("10.2.0.2", 9)

    assert 429 not in answers[:3]
    assert answers[3] == 429
    assert elsewhere.status_code != 429
    assert "Too many tries" in register("10.2.0.1", 10).content.decode()
    cache.clear()


# Leaving demo mode


def test_leaving_demo_mode_disables_accounts_with_the_published_password(settings: Any, db: Any) -> None:
    users = get_user_model().objects
    users.create_user("lead", password=DEMO_PASSWORD)
    users.create_user("member", password="changed-since-the-demo-1")
    settings.DEMO_MODE = False
    demo_checks._done = False

    warnings = demo_checks.check_demo_accounts(databases=["default"])
    Client().get("/")

    lead, member = users.get(username="lead"), users.get(username="member")
    assert [w.id for w in warnings] == ["pecgov.W001"]
    assert "lead" in warnings[0].msg
    assert (lead.is_active, lead.has_usable_password()) == (False, False)
    assert member.is_active and member.check_password("changed-since-the-demo-1")
    assert sign_in(Client(), "lead", DEMO_PASSWORD).status_code == 200
    assert AuditEvent.objects.filter(action="demo.accounts_disabled").count() == 1
    demo_checks._done = False


def test_demo_mode_keeps_the_demo_accounts(settings: Any, db: Any) -> None:
    get_user_model().objects.create_user("lead", password=DEMO_PASSWORD)
    settings.DEMO_MODE = True
    demo_checks._done = False

    Client().get("/")

    assert get_user_model().objects.get(username="lead").is_active


# 403 in the log (ASVS 16.4)


def test_a_403_logs_one_warning_line_without_a_traceback(world: World, caplog: Any) -> None:
    member = session_for(world.users["member"])
    membership_id = world.pec.memberships.first().pk  # type: ignore[union-attr]

    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = member.get(f"/memberships/{membership_id}/edit/")

    records = [r for r in caplog.records if r.name == "django.request"]
    assert response.status_code == 403
    assert len(records) == 1
    assert records[0].exc_info is None
    assert "Forbidden" in records[0].getMessage()


# Access in the ledger


def test_sign_in_sign_out_and_failures_are_in_the_ledger_without_the_password(world: World) -> None:
    member = world.users["member"]
    member.set_password(PASSWORD)
    member.save()
    client = Client()

    sign_in(client, member.get_username(), "wrong-secret-value")
    sign_in(client, member.get_username(), PASSWORD)
    client.post("/sign-out/")

    events = list(AuditEvent.objects.filter(action__startswith="auth.").order_by("id"))
    assert [e.action for e in events] == ["auth.sign_in_failed", "auth.sign_in", "auth.sign_out"]
    assert events[0].data["username"] == member.get_username()
    assert all("wrong-secret-value" not in f"{e.summary}{e.data}" for e in events)
    assert events[1].actor == member


def test_token_grants_and_revocations_are_in_the_ledger(world: World) -> None:
    user = world.users["governance_lead"]
    token, _key = token_create(actor=SYSTEM, user=user, name="Board reporting")
    token_revoke(actor=SYSTEM, token=token)

    actions = list(
        AuditEvent.objects.filter(action__startswith="api_token.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["api_token.create", "api_token.revoke"]
