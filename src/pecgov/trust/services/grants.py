"""Roles held by assignment: the governance lead and practice leads (X-1, X-2)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from pecgov.actors import Actor, user_of
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


def role_revoke(*, actor: Actor, grant: RoleGrant) -> None:
    """Revoke a granted role (ADM-4); an audit event names the history row of the deletion.

    A trust always keeps one governance lead, and a lead cannot revoke their own last lead
    role: another lead must do it, so a trust is never left without one by a slip."""
    require_manager(actor, grant.trust_id)
    if grant.role == GrantRole.GOVERNANCE_LEAD:
        leads = RoleGrant.objects.filter(trust_id=grant.trust_id, role=GrantRole.GOVERNANCE_LEAD)
        if getattr(actor, "pk", None) == grant.user_id:
            raise DomainError("You cannot revoke your own governance lead role: ask another lead to do it.")
        if not leads.exclude(pk=grant.pk).exists():
            raise DomainError("A trust must keep one governance lead: grant the role to someone else first.")
    with transaction.atomic():
        grant._history_user = user_of(actor)  # type: ignore[attr-defined]
        grant._change_reason = "Role revoked"  # type: ignore[attr-defined]
        floor = grant.history.order_by("-history_id").values_list("history_id", flat=True).first() or 0
        grant._history_floor = floor  # type: ignore[attr-defined]
        summary = f"Revoked {grant.get_role_display()} from {grant.user.get_username()}"
        pk = grant.pk
        grant.delete()
        grant.pk = pk  # Django clears it on delete: the event names the deletion's history row
        event(actor, "role.revoke", grant, grant.trust_id, summary)
