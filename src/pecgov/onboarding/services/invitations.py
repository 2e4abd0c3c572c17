"""Invitations (ADM-4): the lead invites a person on the trust's records by email; the person
sets a password and their account is linked to that record.

The token is in the email only; the database keeps its SHA-256, so a copy of the database
cannot be used to accept an invitation. A link works once, until it expires or is revoked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from pecgov.actors import Actor, SystemActor, may, require, user_of
from pecgov.audit.recording import save_tracked
from pecgov.errors import DomainError
from pecgov.notifications.services import email_queue
from pecgov.onboarding.models import Invitation
from pecgov.servicekit import event
from pecgov.trust import services as ts
from pecgov.trust.enums import GrantRole
from pecgov.trust.models import Organisation, Person

NOT_LEAD = "Only the trust's governance lead can invite people to it."


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _expiry(now: dt.datetime) -> dt.datetime:
    return now + dt.timedelta(days=int(getattr(settings, "INVITATION_DAYS", 14)))


def _check_invitable(actor: Actor, person: Person, email: str, role: str) -> str:
    if role == GrantRole.GOVERNANCE_LEAD and may(actor, "trust.administer_site"):
        pass  # the site administrator names a trust's first lead (ADM-1)
    else:
        require(actor, "trust.manage", person.trust_id, message=NOT_LEAD)
    if role not in ("", GrantRole.GOVERNANCE_LEAD):
        raise DomainError({"role": "Grant other roles from the staff page once the person has joined"})
    trust = Organisation.objects.get(pk=person.trust_id)
    if trust.closed_on is not None:
        raise DomainError(f"{trust.name} is closed: no one can be invited to it.")
    if person.user_id is not None:
        raise DomainError({"person": f"{person.name} already has an account: they sign in with it."})
    email = (email or person.email).strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise DomainError({"email": "Enter an email address, like name@example.nhs.uk"}) from error
    users = get_user_model().objects
    if users.filter(username__iexact=email).exists() or users.filter(email__iexact=email).exists():
        raise DomainError({"email": f"An account already uses {email}: choose another address"})
    return email


def invitation_create(
    *, actor: Actor, person: Person, email: str = "", role: str = ""
) -> tuple[Invitation, str]:
    """Invite `person` by email (ADM-4); returns the invitation and the token its link carries.
    Inviting someone with a pending invitation sends a new link and revokes the old one. The
    email goes through the outbox (NOT-2), sent once the transaction commits."""
    email = _check_invitable(actor, person, email, role)
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        for old in Invitation.objects.filter(
            person=person, accepted_at__isnull=True, revoked_at__isnull=True
        ):
            old.revoked_at = now
            save_tracked(
                old, actor=actor, update_fields=["revoked_at"], reason="Replaced by a new invitation"
            )
        invitation = save_tracked(
            Invitation(
                trust_id=person.trust_id,
                person=person,
                email=email,
                token_hash=token_hash(token),
                role=role,
                invited_by_id=getattr(user_of(actor), "pk", None),
                created_at=now,
                expires_at=_expiry(now),
            ),
            actor=actor,
            reason="Invited",
        )
        _queue_email(invitation, token)
        summary = f"Invited {person.name} ({email})" + (" as governance lead" if role else "")
        event(actor, "invitation.create", invitation, person.trust_id, summary)
    return invitation, token


def _queue_email(invitation: Invitation, token: str) -> None:
    trust = Organisation.objects.get(pk=invitation.trust_id)
    link = str(settings.SITE_URL).rstrip("/") + reverse("onboarding:accept", args=[token])
    days = int(getattr(settings, "INVITATION_DAYS", 14))
    text = (
        f"Hello {invitation.person.name},\n\n"
        f"You have been invited to PEC Governance for {trust.name}.\n\n"
        f"Open this link to set your password and sign in:\n{link}\n\n"
        f"The link works once and expires in {days} days. If you did not expect this, ignore this email.\n"
    )
    html = (
        f"<p>Hello {escape(invitation.person.name)},</p>"
        f"<p>You have been invited to PEC Governance for {escape(trust.name)}.</p>"
        f'<p><a href="{escape(link)}">Set your password and sign in</a></p>'
        f"<p>The link works once and expires in {days} days. If you did not expect this, ignore this email.</p>"
    )
    email_queue(
        key=f"invitation:{invitation.pk}",
        to_email=invitation.email,
        subject=f"Your invitation to PEC Governance for {trust.name}",
        text=text,
        html=html,
        trust_id=invitation.trust_id,
        kind="invitation",
    )


def invitation_check(token: str, *, for_update: bool = False) -> Invitation:
    """The invitation a link names, or a DomainError that says plainly why the link is no good."""
    rows = Invitation.objects.select_related("person", "trust")
    if for_update:
        rows = rows.select_for_update()
    invitation = rows.filter(token_hash=token_hash(token)).first()
    if invitation is None:
        raise DomainError(
            "This invitation link is not valid. Check you copied the whole link from the email."
        )
    if invitation.accepted_at is not None:
        raise DomainError("This invitation has already been used. Sign in with the password you set.")
    if invitation.revoked_at is not None:
        raise DomainError("This invitation has been withdrawn. Ask your governance lead for a new one.")
    if invitation.expires_at <= timezone.now():
        raise DomainError("This invitation has expired. Ask your governance lead to send a new one.")
    return invitation


def invitation_accept(*, token: str, password: str) -> User:
    """Accept an invitation (ADM-4): the account is created with the password (Django's
    validators), linked to the person's record, and granted the invitation's role, once."""
    with transaction.atomic():
        invitation = invitation_check(token, for_update=True)
        person = invitation.person
        if person.user_id is not None:
            raise DomainError(f"{person.name} already has an account: sign in with it.")
        users = get_user_model().objects
        if users.filter(username__iexact=invitation.email).exists():
            raise DomainError("An account already uses this email address: sign in with it.")
        user = users.model(username=invitation.email, email=invitation.email)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise DomainError({"password": error.messages}) from error
        user.set_password(password)
        user.save()
        accepting = SystemActor(name=f"{invitation.email} (accepting an invitation)")
        person.user = user
        save_tracked(person, actor=user, update_fields=["user"], reason="Account linked by invitation")
        if invitation.role:
            ts.role_grant(actor=accepting, user=user, trust=invitation.trust, role=invitation.role)
        invitation.accepted_at = timezone.now()
        save_tracked(invitation, actor=user, update_fields=["accepted_at"], reason="Accepted")
        event(user, "invitation.accept", [invitation, person], invitation.trust_id, f"{person.name} joined")
    return user


def invitation_revoke(*, actor: Actor, invitation: Invitation) -> Invitation:
    require(actor, "trust.manage", invitation.trust_id, message=NOT_LEAD)
    if invitation.accepted_at is not None or invitation.revoked_at is not None:
        raise DomainError("This invitation is no longer pending.")
    with transaction.atomic():
        invitation.revoked_at = timezone.now()
        save_tracked(invitation, actor=actor, update_fields=["revoked_at"], reason="Withdrawn")
        event(
            actor,
            "invitation.revoke",
            invitation,
            invitation.trust_id,
            f"Withdrew the invitation to {invitation.person}",
        )
    return invitation
