"""Roles held by assignment: the governance lead and practice leads (X-1, X-2)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from pecgov.actors import Actor
from pecgov.audit.recording import save_tracked
from pecgov.errors import DomainError
from pecgov.servicekit import event
from pecgov.trust.enums import GrantRole
from pecgov.trust.models import Organisation, RoleGrant
from pecgov.trust.services.checks import check_choice, require_manager


def role_grant(
    *,
    actor: Actor,
    user: User,
    trust: Organisation,
    role: str,
    organisation: Organisation | None = None,
) -> RoleGrant:
    """Grant a role within the trust; every grant is an audit event (X-2). Granting a role the
    user already holds changes nothing and returns that grant."""
    require_manager(actor, trust.pk)
    check_choice(role, GrantRole, "role", "Select a role")
    if role == GrantRole.PRACTICE_LEAD and organisation is None:
        raise DomainError({"organisation": "Select the practice or PBC group the lead acts for"})
    existing = RoleGrant.objects.filter(user=user, trust=trust, role=role).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        grant = save_tracked(
            RoleGrant(user=user, trust=trust, role=role, organisation=organisation),
            actor=actor,
            reason="Role granted",
        )
        summary = f"Granted {grant.get_role_display()} to {user.get_username()}"
        event(actor, "role.grant", grant, trust.pk, summary)
    return grant
