"""Suspending and reactivating a trust's accounts (ADM-4). A suspended account cannot sign in:
Django refuses an inactive user at sign-in and drops their sessions on the next request."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from pecgov.actors import Actor, require
from pecgov.audit.recording import save_tracked
from pecgov.errors import DomainError
from pecgov.onboarding.models import Suspension
from pecgov.servicekit import event
from pecgov.trust.enums import GrantRole
from pecgov.trust.models import Person, RoleGrant

NOT_LEAD = "Only the trust's governance lead can suspend or reactivate accounts."


def belongs_to(user: Any, trust_id: int) -> bool:
    """An account of the trust: linked to a person on its records, or holding a role in it."""
    return (
        Person.objects.filter(user=user, trust_id=trust_id).exists()
        or RoleGrant.objects.filter(user=user, trust_id=trust_id).exists()
    )


def account_suspend(*, actor: Actor, user: User, trust_id: int, reason: str) -> Suspension:
    """Suspend an account with a recorded reason (ADM-4). Not one's own, and never the trust's
    last active governance lead."""
    require(actor, "trust.manage", trust_id, message=NOT_LEAD)
    if not belongs_to(user, trust_id):
        raise DomainError("This account is not one of your trust's.")
    if getattr(actor, "pk", None) == user.pk:
        raise DomainError("You cannot suspend your own account.")
    if not user.is_active:
        raise DomainError(f"{user.get_username()} is already suspended.")
    reason = reason.strip()
    if not reason:
        raise DomainError({"reason": "Enter why the account is suspended"})
    other_leads = RoleGrant.objects.filter(
        trust_id=trust_id, role=GrantRole.GOVERNANCE_LEAD, user__is_active=True
    ).exclude(user=user)
    if RoleGrant.objects.filter(
        trust_id=trust_id, role=GrantRole.GOVERNANCE_LEAD, user=user
    ).exists() and not (other_leads.exists()):
        raise DomainError("A trust must keep one active governance lead: this is the last one.")
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        suspension = save_tracked(
            Suspension(user=user, trust_id=trust_id, reason=reason, suspended_at=timezone.now()),
            actor=actor,
            reason="Account suspended",
        )
        event(
            actor, "account.suspend", suspension, trust_id, f"Suspended {user.get_username()}", reason=reason
        )
    return suspension


def account_reactivate(*, actor: Actor, user: User, trust_id: int, reason: str = "") -> Suspension:
    """Let a suspended account sign in again (ADM-4); the suspension is kept, marked lifted."""
    require(actor, "trust.manage", trust_id, message=NOT_LEAD)
    suspension = Suspension.objects.filter(user=user, trust_id=trust_id, lifted_at__isnull=True).first()
    if suspension is None or user.is_active:
        raise DomainError(f"{user.get_username()} is not suspended.")
    with transaction.atomic():
        user.is_active = True
        user.save(update_fields=["is_active"])
        suspension.lifted_at = timezone.now()
        suspension.lift_reason = reason.strip()
        save_tracked(
            suspension, actor=actor, update_fields=["lifted_at", "lift_reason"], reason="Reactivated"
        )
        event(actor, "account.reactivate", suspension, trust_id, f"Reactivated {user.get_username()}")
    return suspension
