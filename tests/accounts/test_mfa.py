"""A second factor (ADM-5): an authenticator app with recovery codes, offered to everyone from
"Sign-in and security", asked for at each sign-in, in the ledger; and enforced for the roles the
trust's policy pack names."""

from __future__ import annotations

from typing import Any

from allauth.mfa.models import Authenticator
from django.test import Client, TestCase

from pecgov.audit.models import AuditEvent
from pecgov.policy.services import policy_override
from tests.accounts.helpers import secret_on_page, sign_in, totp_code
from tests.factories import SYSTEM, World

SECOND_STEP = "/account/security/authenticate/"


def turn_on_app(client: Client) -> str:
    """Set up the authenticator app from the page; the secret the app was given. (allauth
    announces the new factor once the transaction commits: the callbacks are run here.)"""
    page = client.get("/account/security/app/")
    assert page.status_code == 200, page.get("Location")
    secret = secret_on_page(page.content.decode())
    with TestCase.captureOnCommitCallbacks(execute=True):
        done = client.post("/account/security/app/", {"code": totp_code(secret)})
    assert done.status_code == 302, done.content.decode()[-2000:]
    return secret


def recovery_codes(user: Any) -> list[str]:
    codes = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    return list(codes.wrap().get_unused_codes())


def test_turning_on_the_app_gives_recovery_codes_and_is_in_the_ledger(world: World) -> None:
    """ADM-5: offered to everyone (here a PEC member); the codes are shown once set up."""
    member = world.users["member"]
    client = Client()
    sign_in(client, member.get_username())

    turn_on_app(client)
    shown = client.get("/account/security/codes/").content.decode()

    codes = recovery_codes(member)
    assert len(codes) == 10
    assert codes[0] in shown
    assert AuditEvent.objects.filter(action="auth.mfa_enabled", actor=member).count() == 2  # app and codes


def test_sign_in_asks_for_the_code_and_a_wrong_code_is_refused(world: World) -> None:
    """ADM-5, X-4: the password alone does not sign in; a wrong code gets a specific message."""
    member = world.users["member"]
    setup = Client()
    sign_in(setup, member.get_username())
    secret = turn_on_app(setup)
    client = Client()

    first = sign_in(client, member.get_username())
    wrong = client.post(SECOND_STEP, {"code": "000000" if totp_code(secret) != "000000" else "111111"})
    right = client.post(SECOND_STEP, {"code": totp_code(secret)})

    assert first.status_code == 302
    assert first["Location"] == SECOND_STEP
    assert wrong.status_code == 200
    assert "The code is not correct" in wrong.content.decode()
    assert right.status_code == 302
    assert int(client.session["_auth_user_id"]) == member.pk


def test_a_recovery_code_signs_in_once(world: World) -> None:
    """ADM-5: a lost phone: a recovery code works in place of the app's code, once, in the ledger."""
    member = world.users["member"]
    setup = Client()
    sign_in(setup, member.get_username())
    turn_on_app(setup)
    code = recovery_codes(member)[0]
    client, again = Client(), Client()

    sign_in(client, member.get_username())
    used = client.post(SECOND_STEP, {"code": code})
    sign_in(again, member.get_username())
    reused = again.post(SECOND_STEP, {"code": code})

    assert used.status_code == 302
    assert int(client.session["_auth_user_id"]) == member.pk
    assert reused.status_code == 200
    assert "_auth_user_id" not in again.session
    assert len(recovery_codes(member)) == 9
    assert AuditEvent.objects.filter(action="auth.recovery_code_used", actor=member).count() == 1


def test_security_page_offers_the_app_to_everyone(world: World) -> None:
    """ADM-5: the "Sign-in and security" page, for an applicant too."""
    client = Client()
    client.force_login(world.users["applicant"])

    html = client.get("/account/security/").content.decode()

    assert "Sign-in and security" in html
    assert 'href="/account/security/app/"' in html


# Enforcement (settings.MFA_ENFORCED, the pack's "security.mfa_required_roles")


def test_a_governance_lead_without_a_second_factor_must_set_one_up(world: World, settings: Any) -> None:
    """ADM-5: the lead is sent to set up the app and can open no other page until they have."""
    settings.MFA_ENFORCED = True
    lead = world.users["governance_lead"]
    client = Client()
    sign_in(client, lead.get_username())

    home = client.get("/")
    people = client.get("/people/")
    setup_page = client.get("/account/security/app/")
    turn_on_app(client)
    after = client.get("/people/")

    assert home.status_code == 302
    assert home["Location"] == "/account/security/app/"
    assert people["Location"] == "/account/security/app/"
    assert setup_page.status_code == 200
    assert "Your role needs a second factor" in setup_page.content.decode()
    assert after.status_code == 200


def test_roles_the_policy_does_not_name_are_not_made_to(world: World, settings: Any) -> None:
    """ADM-5: a PEC member (no chair, no Board seat, no panel) signs in with a password alone."""
    settings.MFA_ENFORCED = True
    client = Client()
    sign_in(client, world.users["member"].get_username())

    assert client.get("/").status_code == 200


def test_chairs_and_board_members_must_too(world: World, settings: Any) -> None:
    """ADM-5: the PEC chair and the chief executive (a Board seat) hold roles the pack names."""
    settings.MFA_ENFORCED = True
    answers = []
    for role in ("pec_chair", "chief_executive", "executive_director", "pct_chair"):
        client = Client()
        sign_in(client, world.users[role].get_username())
        answers.append(client.get("/").status_code)

    assert answers == [302, 302, 302, 302]


def test_a_trust_may_change_the_list_by_policy_override(world: World, settings: Any) -> None:
    """ADM-5, POL-1: the list is a policy parameter; a trust that leaves out its lead frees them."""
    settings.MFA_ENFORCED = True
    policy_override(
        actor=SYSTEM,
        trust=world.trust,
        key="security.mfa_required_roles",
        value="chair,board_member",
        reason="Lead uses a hardware token at the door",
    )
    client = Client()
    sign_in(client, world.users["governance_lead"].get_username())

    assert client.get("/").status_code == 200


def test_removing_the_app_asks_again_at_once(world: World, settings: Any) -> None:
    """ADM-5: a lead who removes their app is sent back to set one up."""
    settings.MFA_ENFORCED = True
    lead = world.users["governance_lead"]
    client = Client()
    sign_in(client, lead.get_username())
    turn_on_app(client)
    assert client.get("/").status_code == 200

    with TestCase.captureOnCommitCallbacks(execute=True):
        removed = client.post("/account/security/app/remove/")
    after = client.get("/")

    assert removed.status_code == 302
    assert after.status_code == 302
    assert after["Location"] == "/account/security/app/"
    removals = AuditEvent.objects.filter(action="auth.mfa_disabled", actor=lead)
    assert sorted(e.data["kind"] for e in removals) == ["recovery_codes", "totp"]
