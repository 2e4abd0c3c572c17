"""The remuneration framework, time commitments and claims (REM-1)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from pecgov.actors import Actor, require, user_of
from pecgov.audit.recording import save_tracked
from pecgov.errors import DomainError
from pecgov.members.enums import CLAIM_TRANSITIONS, ClaimStatus, PayBasis
from pecgov.members.models import Claim, PayRate, TimeCommitment
from pecgov.servicekit import event, require_lead
from pecgov.trust.enums import MembershipRole
from pecgov.trust.models import Membership, Organisation

NOT_LEAD = "Only the trust's governance lead can do this."


def _check_amounts(**amounts: Decimal) -> None:
    for field, value in amounts.items():
        if value < 0:
            raise DomainError({field: "Enter an amount of 0 or more"})


def pay_rate_set(
    *,
    actor: Actor,
    trust: Organisation,
    role: str,
    basis: str,
    sessions_per_week: Decimal = Decimal(0),
    rate_per_session: Decimal = Decimal(0),
    annual_allowance: Decimal = Decimal(0),
    locum_rate_per_session: Decimal = Decimal(0),
) -> PayRate:
    """REM-1: the framework's rate for a role: sessions a week at a rate per session, or an
    annual allowance, and the locum-backfill rate. Replaces the role's earlier rate."""
    require_lead(actor, trust.pk)
    if role not in MembershipRole.values:
        raise DomainError({"role": "Select the role"})
    if basis not in PayBasis.values:
        raise DomainError({"basis": "Select how the role is paid"})
    _check_amounts(
        sessions_per_week=sessions_per_week,
        rate_per_session=rate_per_session,
        annual_allowance=annual_allowance,
        locum_rate_per_session=locum_rate_per_session,
    )
    if basis == PayBasis.SESSIONAL and (sessions_per_week <= 0 or rate_per_session <= 0):
        raise DomainError({"rate_per_session": "Enter the sessions a week and the rate per session"})
    if basis == PayBasis.ALLOWANCE and annual_allowance <= 0:
        raise DomainError({"annual_allowance": "Enter the annual allowance"})
    values = {
        "basis": basis,
        "sessions_per_week": sessions_per_week,
        "rate_per_session": rate_per_session,
        "annual_allowance": annual_allowance,
        "locum_rate_per_session": locum_rate_per_session,
    }
    with transaction.atomic():
        rate = PayRate.objects.filter(trust=trust, role=role).first() or PayRate(trust=trust, role=role)
        for key, value in values.items():
            setattr(rate, key, value)
        save_tracked(rate, actor=actor, reason="Pay framework set")
        event(actor, "pay_rate.set", rate, trust.pk, f"Pay for {rate.get_role_display()} set")
    return rate


def commitment_set(
    *,
    actor: Actor,
    membership: Membership,
    sessions_per_week: Decimal,
    pattern: str = "",
    rate_per_session: Decimal = Decimal(0),
    annual_allowance: Decimal = Decimal(0),
) -> TimeCommitment:
    """REM-1 (Alliance "flexibility in time commitment"): the member's agreed sessions, their
    pattern and the rate they are paid."""
    require(actor, "members.manage", membership, message=NOT_LEAD)
    _check_amounts(
        sessions_per_week=sessions_per_week,
        rate_per_session=rate_per_session,
        annual_allowance=annual_allowance,
    )
    with transaction.atomic():
        row = TimeCommitment.objects.filter(membership=membership).first() or TimeCommitment(
            membership=membership
        )
        row.sessions_per_week = sessions_per_week
        row.pattern = pattern.strip()
        row.rate_per_session = rate_per_session
        row.annual_allowance = annual_allowance
        save_tracked(row, actor=actor, reason="Time commitment agreed")
        event(
            actor,
            "commitment.set",
            row,
            membership.committee.trust_id,
            f"Time commitment of {membership.person} set",
        )
    return row


def claim_submit(
    *,
    actor: Actor,
    membership: Membership,
    month: dt.date,
    sessions: Decimal,
    locum_sessions: Decimal = Decimal(0),
    locum_cost: Decimal = Decimal(0),
) -> Claim:
    """REM-1: a member claims the sessions they worked in a month and the locum cost of covering
    their practice. One claim a month; a returned claim is corrected and sent again."""
    require(actor, "members.claim", membership, message="Only the member claims for their own seat.")
    month = month.replace(day=1)
    if month > timezone.localdate():
        raise DomainError({"month": "You cannot claim for a month that has not started"})
    if month < membership.start_date.replace(day=1):
        raise DomainError({"month": "The month must be after you joined the PEC"})
    if sessions <= 0 and locum_sessions <= 0:
        raise DomainError({"sessions": "Enter the sessions you worked"})
    _check_amounts(sessions=sessions, locum_sessions=locum_sessions, locum_cost=locum_cost)
    if locum_cost > 0 and locum_sessions <= 0:
        raise DomainError({"locum_sessions": "Enter the sessions a locum covered"})
    claim = Claim.objects.filter(membership=membership, month=month).first()
    if claim is not None and claim.status != ClaimStatus.RETURNED:
        raise DomainError({"month": f"You have already claimed for {month:%B %Y}"})
    claim = claim or Claim(membership=membership, month=month)
    claim.sessions, claim.locum_sessions, claim.locum_cost = sessions, locum_sessions, locum_cost
    claim.status = ClaimStatus.SUBMITTED
    with transaction.atomic():
        save_tracked(claim, actor=actor, reason="Claim submitted")
        event(
            actor,
            "claim.submit",
            claim,
            membership.committee.trust_id,
            f"{membership.person} claimed for {month:%B %Y}",
        )
    return claim


def claim_decide(*, actor: Actor, claim: Claim, approve: bool, reason: str = "") -> Claim:
    """REM-1: the lead approves a submitted claim, or returns it with a reason."""
    require(actor, "members.decide_claim", claim, message=NOT_LEAD)
    target = ClaimStatus.APPROVED if approve else ClaimStatus.RETURNED
    if target not in CLAIM_TRANSITIONS[claim.status]:
        raise DomainError(
            f"This claim is {claim.get_status_display().lower()}: it cannot be {target.label.lower()}."
        )
    if not approve and not reason.strip():
        raise DomainError({"reason": "Enter why the claim is returned"})
    claim.status = target
    claim.return_reason = "" if approve else reason.strip()
    claim.decided_by = user_of(actor)  # type: ignore[assignment]
    claim.decided_on = timezone.localdate()
    with transaction.atomic():
        save_tracked(
            claim,
            actor=actor,
            update_fields=["status", "return_reason", "decided_by", "decided_on"],
            reason=f"Claim {target.label.lower()}",
        )
        event(
            actor,
            f"claim.{target}",
            claim,
            claim.membership.committee.trust_id,
            f"{claim} {target.label.lower()}",
        )
    return claim
