"""The site administrator's writes (ADM-1): open, rename and close a trust, name its first
governance lead; and the site administrator accounts themselves."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from pecgov.actors import Actor, SystemActor, require, user_of
from pecgov.audit import chain
from pecgov.audit.recording import save_tracked
from pecgov.errors import DomainError
from pecgov.onboarding.models import Invitation
from pecgov.onboarding.services.invitations import invitation_create
from pecgov.policy.packs import load_packs
from pecgov.policy.services import policy_choose_pack
from pecgov.servicekit import apply_changes, event
from pecgov.trust import services as ts
from pecgov.trust.enums import CommitteeKind, GrantRole, OrganisationKind, Profession
from pecgov.trust.models import Organisation, RoleGrant, SiteAdministrator

NOT_SITE_ADMIN = "Only a site administrator can do this."
DEFAULT_PEC_NAME = "Professional Executive Committee"


def setting_up(actor: Actor) -> Actor:
    """The steps of setting up a trust (its policy, its Board and PEC, its first lead's record)
    are the trust's own services, which only the trust's lead may call. The site administrator
    has no role in the trust, so once their permission is checked the steps run as the system,
    named in the ledger after the administrator who set them going."""
    if isinstance(actor, SystemActor):
        return actor
    return SystemActor(name=f"{actor.get_username()} (site administrator)")


def _check_trust_fields(name: str, ods_code: str, instance: Organisation | None = None) -> None:
    if not name:
        raise DomainError({"name": "Enter the trust's name"})
    if len(name) > 200:
        raise DomainError({"name": "The trust's name must be 200 characters or fewer"})
    trusts = Organisation.objects.filter(kind=OrganisationKind.TRUST)
    if instance is not None:
        trusts = trusts.exclude(pk=instance.pk)
    if trusts.filter(name__iexact=name).exists():
        raise DomainError({"name": f"There is already a trust called {name}"})
    if instance is None:
        if not ods_code:
            raise DomainError({"ods_code": "Enter the trust's ODS code, for example 5ZZ"})
        if len(ods_code) > 12 or not ods_code.isalnum():
            raise DomainError(
                {"ods_code": "ODS code must be letters and numbers only, 12 characters or fewer"}
            )
        if trusts.filter(ods_code=ods_code).exists():
            raise DomainError({"ods_code": f"Another trust already has the ODS code {ods_code}"})


def trust_open(*, actor: Actor, name: str, ods_code: str, pack: str, pec_name: str = "") -> Organisation:
    """Create a trust with its policy pack, its Board and its PEC under the trust's own name for
    it (ADM-1, ORG-1, ORG-3, POL-1), in one transaction: a refused step saves nothing."""
    require(actor, "trust.create", message=NOT_SITE_ADMIN)
    name, ods_code, pec_name = name.strip(), ods_code.strip().upper(), pec_name.strip() or DEFAULT_PEC_NAME
    _check_trust_fields(name, ods_code)
    if pack not in load_packs():
        raise DomainError({"pack": "Select a policy pack"})
    if len(pec_name) > 200:
        raise DomainError({"pec_name": "The PEC's name must be 200 characters or fewer"})
    steps = setting_up(actor)
    with transaction.atomic():
        trust = ts.trust_create(actor=actor, name=name, ods_code=ods_code)
        policy_choose_pack(actor=steps, trust=trust, pack=pack, reason="Chosen when the trust was set up")
        board = ts.committee_create(actor=steps, trust=trust, kind=CommitteeKind.BOARD, name=f"{name} Board")
        pec = ts.committee_create(
            actor=steps, trust=trust, kind=CommitteeKind.PEC, name=pec_name, parent=board
        )
        event(actor, "trust.open", [board, pec], trust.pk, f"Set up {name} with {pec_name}", pack=pack)
    return trust


def trust_rename(*, actor: Actor, trust: Organisation, name: str) -> Organisation:
    require(actor, "trust.administer_site", message=NOT_SITE_ADMIN)
    name = name.strip()
    _check_trust_fields(name, trust.ods_code, instance=trust)
    old = trust.name
    apply_changes(
        trust,
        {"name": name},
        actor=actor,
        action="trust.rename",
        trust_id=trust.pk,
        summary=f"Renamed {old} to {name}",
        reason="Trust renamed",
    )
    return trust


def trust_close(*, actor: Actor, trust: Organisation, reason: str) -> Organisation:
    """Close a trust (ADM-1): its records stay, read-only in practice; no one is invited to it."""
    require(actor, "trust.administer_site", message=NOT_SITE_ADMIN)
    if trust.closed_on is not None:
        raise DomainError(f"{trust.name} was closed on {trust.closed_on:%-d %B %Y}.")
    reason = reason.strip()
    if not reason:
        raise DomainError({"reason": "Enter why the trust is closing"})
    with transaction.atomic():
        trust.closed_on = timezone.localdate()
        save_tracked(trust, actor=actor, update_fields=["closed_on"], reason=reason[:100])
        event(actor, "trust.close", trust, trust.pk, f"Closed {trust.name}", reason=reason)
        Invitation.objects.filter(trust=trust, accepted_at__isnull=True, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    return trust


def trust_name_lead(
    *, actor: Actor, trust: Organisation, name: str, email: str, job_title: str = "Governance lead"
) -> tuple[Invitation, str]:
    """Name the trust's first governance lead (ADM-1): a person record and an invitation that
    grants the role when accepted. Refused once the trust has a lead: the lead invites the rest."""
    require(actor, "trust.administer_site", message=NOT_SITE_ADMIN)
    if RoleGrant.objects.filter(trust=trust, role=GrantRole.GOVERNANCE_LEAD).exists():
        raise DomainError("This trust already has a governance lead: they invite everyone else.")
    name = name.strip()
    if not name:
        raise DomainError({"name": "Enter the lead's full name"})
    with transaction.atomic():
        person = ts.person_create(
            actor=setting_up(actor),
            trust=trust,
            name=name,
            profession=Profession.MANAGER,
            job_title=job_title,
            email=email.strip(),
        )
        return invitation_create(actor=actor, person=person, email=email, role=GrantRole.GOVERNANCE_LEAD)


def siteadmin_create(*, actor: Actor, email: str) -> tuple[User, str]:
    """A new site administrator account with a one-time password, returned to show once; it must
    be changed at the first sign-in (ADM-1). The command line and the EMPTY demo call this."""
    require(actor, "trust.create", message=NOT_SITE_ADMIN)
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise DomainError({"email": "Enter an email address, like name@example.nhs.uk"}) from error
    users = get_user_model().objects
    if users.filter(username__iexact=email).exists() or users.filter(email__iexact=email).exists():
        raise DomainError({"email": f"An account for {email} already exists"})
    password = secrets.token_urlsafe(12)
    with transaction.atomic():
        user = users.create_user(username=email, email=email, password=password)
        admin = save_tracked(
            SiteAdministrator(
                user=user,
                since=timezone.now(),
                granted_by_id=getattr(user_of(actor), "pk", None),
                password_is_temporary=True,
            ),
            actor=actor,
            reason="Site administrator created",
        )
        chain.append(
            actor=actor,
            action="siteadmin.create",
            objects=[admin],
            summary=f"Made {email} a site administrator",
        )
    return user, password


def siteadmin_password_change(*, user: User, password: str) -> None:
    """Replace a site administrator's one-time password with their own (ADM-1)."""
    admin = SiteAdministrator.objects.filter(user=user).first()
    if admin is None:
        raise DomainError("Only a site administrator changes a one-time password here.")
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise DomainError({"password": error.messages}) from error
    if user.check_password(password):
        raise DomainError({"password": "Choose a password different from the one-time password"})
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        admin.password_is_temporary = False
        save_tracked(admin, actor=user, update_fields=["password_is_temporary"], reason="Password set")
        summary = f"{user.get_username()} replaced their one-time password"
        chain.append(actor=user, action="siteadmin.password", objects=[admin], summary=summary)


def siteadmin_issue_password(*, actor: Actor, user: User) -> str:
    """A new one-time password for a site administrator, to be changed at the next sign-in
    (ADM-1): for one who lost theirs, and for the EMPTY demo each time it starts."""
    require(actor, "trust.create", message=NOT_SITE_ADMIN)
    admin = SiteAdministrator.objects.filter(user=user).first()
    if admin is None:
        raise DomainError(f"{user.get_username()} is not a site administrator.")
    password = secrets.token_urlsafe(12)
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        admin.password_is_temporary = True
        save_tracked(
            admin, actor=actor, update_fields=["password_is_temporary"], reason="One-time password issued"
        )
        summary = f"Issued a one-time password to {user.get_username()}"
        chain.append(actor=actor, action="siteadmin.password_issued", objects=[admin], summary=summary)
    return password
