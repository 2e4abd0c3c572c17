"""Invitations (ADM-4): emailed through the outbox, single use, expiring, revocable."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from pecgov.audit.models import AuditEvent
from pecgov.errors import DomainError, NotPermitted
from pecgov.notifications.models import OutboxMessage
from pecgov.onboarding import services
from pecgov.onboarding.models import Invitation
from pecgov.trust.enums import GrantRole, Profession
from pecgov.trust.models import Person, RoleGrant
from pecgov.trust.roles import roles_of
from tests.factories import World, make_person
from tests.onboarding.helpers import make_site_admin, open_trust, token_from_mail

pytestmark = pytest.mark.django_db
GOOD = "a-much-better-passphrase-42"


def _invite(world: World, email: str = "nina@example.org") -> tuple[Person, Invitation, str]:
    person = make_person(world.trust, Profession.NURSE, name="Nina Nurse")
    invitation, token = services.invitation_create(
        actor=world.users["governance_lead"], person=person, email=email
    )
    return person, invitation, token


def test_invitation_is_queued_in_the_outbox_with_a_hashed_token(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    """ADM-4, NOT-2: the email goes through the outbox and is sent after commit; only the token's hash is kept."""
    with django_capture_on_commit_callbacks(execute=True):
        _person, invitation, token = _invite(world)
    outbox = OutboxMessage.objects.get(key=f"invitation:{invitation.pk}")
    assert (outbox.to_email, outbox.kind) == ("nina@example.org", "invitation")
    assert f"/invitation/{token}/" in outbox.text
    assert token not in invitation.token_hash
    assert token_from_mail("nina@example.org") == token
    assert AuditEvent.objects.filter(action="invitation.create", trust_id=world.trust.pk).count() == 1


def test_accepting_links_the_account_to_the_person_once(world: World) -> None:
    """ADM-4: the invitee sets a password; the account is linked to their record; the link is single use."""
    person, _invitation, token = _invite(world)
    user = services.invitation_accept(token=token, password=GOOD)
    person.refresh_from_db()
    assert person.user == user
    assert user.check_password(GOOD) and user.email == "nina@example.org"
    assert roles_of(user).trust_id == world.trust.pk
    with pytest.raises(DomainError) as raised:
        services.invitation_accept(token=token, password=GOOD)
    assert raised.value.messages == [
        "This invitation has already been used. Sign in with the password you set."
    ]
    assert AuditEvent.objects.filter(action="invitation.accept").count() == 1


def test_first_lead_invitation_grants_the_governance_lead_role() -> None:
    """ADM-1: the lead a site administrator names becomes the trust's governance lead."""
    admin = make_site_admin()
    trust = open_trust(admin)
    _inv, token = services.trust_name_lead(actor=admin, trust=trust, name="Lee Lead", email="lee@example.org")
    user = services.invitation_accept(token=token, password=GOOD)
    assert RoleGrant.objects.filter(user=user, trust=trust, role=GrantRole.GOVERNANCE_LEAD).exists()
    assert user.has_perm("trust.manage") is True


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        ("expire", "This invitation has expired. Ask your governance lead to send a new one."),
        ("revoke", "This invitation has been withdrawn. Ask your governance lead for a new one."),
        ("garble", "This invitation link is not valid. Check you copied the whole link from the email."),
    ],
)
def test_spoilt_links_say_why_and_create_nothing(world: World, spoil: str, message: str) -> None:
    """ADM-4: expired, withdrawn and mistyped links get a clear message; no account is made."""
    person, invitation, token = _invite(world)
    if spoil == "expire":
        Invitation.objects.filter(pk=invitation.pk).update(
            expires_at=timezone.now() - dt.timedelta(seconds=1)
        )
    elif spoil == "revoke":
        services.invitation_revoke(actor=world.users["governance_lead"], invitation=invitation)
    else:
        token = token[:-3]
    with pytest.raises(DomainError) as raised:
        services.invitation_accept(token=token, password=GOOD)
    assert raised.value.messages == [message]
    person.refresh_from_db()
    assert person.user_id is None


def test_weak_password_is_refused_and_the_link_still_works(world: World) -> None:
    """ADM-4, X-4: Django's password validators; a refused try leaves the invitation usable."""
    person, _invitation, token = _invite(world)
    with pytest.raises(DomainError) as raised:
        services.invitation_accept(token=token, password="password")
    assert list(raised.value.errors) == ["password"]
    person.refresh_from_db()
    assert person.user_id is None
    assert services.invitation_accept(token=token, password=GOOD).pk is not None


def test_person_with_an_account_cannot_be_invited(world: World) -> None:
    """ADM-4: someone who already has an account signs in with it."""
    with pytest.raises(DomainError) as raised:
        services.invitation_create(
            actor=world.users["governance_lead"], person=world.people["member"], email="m@example.org"
        )
    assert raised.value.errors == {
        "person": [f"{world.people['member'].name} already has an account: they sign in with it."]
    }
    assert Invitation.objects.count() == 0


def test_reinviting_replaces_the_pending_invitation(world: World) -> None:
    """ADM-4: a second invitation sends a new link and the old one stops working."""
    person, first, old_token = _invite(world)
    second, new_token = services.invitation_create(
        actor=world.users["governance_lead"], person=person, email="nina@example.org"
    )
    first.refresh_from_db()
    assert first.revoked_at is not None and second.revoked_at is None
    with pytest.raises(DomainError):
        services.invitation_accept(token=old_token, password=GOOD)
    assert services.invitation_accept(token=new_token, password=GOOD).pk is not None


def test_only_the_trusts_own_lead_invites(world: World, other_world: World) -> None:
    """ADM-4, X-1: another trust's lead and a member are refused."""
    person = make_person(world.trust, Profession.NURSE)
    for actor in (other_world.users["governance_lead"], world.users["member"], make_site_admin()):
        with pytest.raises(NotPermitted):
            services.invitation_create(actor=actor, person=person, email="x@example.org")
    assert mail.outbox == [] and Invitation.objects.count() == 0


def test_email_already_in_use_or_missing_is_refused(world: World) -> None:
    person = make_person(world.trust, Profession.NURSE)
    world.users["member"].email = "taken@example.org"
    world.users["member"].save()
    lead = world.users["governance_lead"]
    with pytest.raises(DomainError) as taken:
        services.invitation_create(actor=lead, person=person, email="TAKEN@example.org")
    assert taken.value.errors == {
        "email": ["An account already uses taken@example.org: choose another address"]
    }
    with pytest.raises(DomainError) as missing:
        services.invitation_create(actor=lead, person=person)
    assert missing.value.errors == {"email": ["Enter an email address, like name@example.nhs.uk"]}


def test_expiry_follows_the_setting(world: World, settings: object) -> None:
    """ADM-4: the link's life is PECGOV_INVITATION_DAYS."""
    settings.INVITATION_DAYS = 3  # type: ignore[attr-defined]
    _person, invitation, _token = _invite(world)
    assert dt.timedelta(days=3) - (invitation.expires_at - invitation.created_at) < dt.timedelta(seconds=1)
