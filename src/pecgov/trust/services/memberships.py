"""Memberships: a dated seat on a committee, its changes and its ending (ORG-4, PERF-6, X-2, X-4)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet

from pecgov.actors import Actor
from pecgov.audit.recording import save_tracked
from pecgov.errors import DomainError
from pecgov.servicekit import apply_changes, check_editable, event
from pecgov.trust.enums import CommitteeKind, EndReason, MembershipRole
from pecgov.trust.models import Committee, Membership, Person
from pecgov.trust.services.checks import check_choice, check_dates, require_manager

MEMBERSHIP_FIELDS = ("role", "start_date", "end_date", "co_opted_scope")
BOARD_ONLY_ROLES = frozenset(
    {MembershipRole.CHIEF_EXECUTIVE, MembershipRole.EXECUTIVE_DIRECTOR, MembershipRole.NON_EXECUTIVE}
)
# A reason the member's record must explain in words (PERF-6).
EXPLAINED_REASONS = frozenset({EndReason.SUBSTANDARD_PERFORMANCE, EndReason.OTHER})


def _overlapping(
    rows: QuerySet[Membership], start_date: dt.date, end_date: dt.date | None, instance: Membership | None
) -> QuerySet[Membership]:
    rows = rows.filter(Q(end_date__isnull=True) | Q(end_date__gte=start_date))
    if end_date is not None:
        rows = rows.filter(start_date__lte=end_date)
    return rows.exclude(pk=instance.pk) if instance is not None else rows


def _check_role(committee: Committee, role: str, end_date: dt.date | None, co_opted_scope: str) -> None:
    if role == MembershipRole.CO_OPTED:
        # DH 6.2: co-opted "where specific pieces of work ... are to be carried out".
        if not co_opted_scope.strip():
            raise DomainError({"co_opted_scope": "Enter the piece of work the member is co-opted for"})
        if end_date is None:
            raise DomainError({"end_date": "Enter the date the co-opted work ends"})
    elif co_opted_scope.strip():
        raise DomainError({"co_opted_scope": "Only a co-opted member has a piece of work recorded here"})
    if role in BOARD_ONLY_ROLES and committee.kind != CommitteeKind.BOARD:
        raise DomainError(
            {
                "role": f"{MembershipRole(role).label} is a Board role; for a director on this committee choose Board director"
            }
        )


def _validate_membership(
    *,
    person: Person,
    committee: Committee,
    role: str,
    start_date: dt.date | None,
    end_date: dt.date | None,
    co_opted_scope: str,
    instance: Membership | None,
) -> None:
    if person.trust_id != committee.trust_id:
        raise DomainError({"person": "Select a person in this trust"})
    check_choice(role, MembershipRole, "role", "Select the member's role")
    check_dates(start_date, end_date)
    assert start_date is not None
    _check_role(committee, role, end_date, co_opted_scope)
    seats = Membership.objects.filter(person=person, committee=committee)
    if _overlapping(seats, start_date, end_date, instance).exists():
        raise DomainError(
            {
                "person": f"{person.name} is already a member of {committee.name} for some of those dates. "
                "End or change that membership instead."
            }
        )
    if role == MembershipRole.CHAIR:
        chairs = Membership.objects.filter(committee=committee, role=MembershipRole.CHAIR)
        clash = _overlapping(chairs, start_date, end_date, instance).select_related("person").first()
        if clash is not None:
            raise DomainError(
                {
                    "role": f"{committee.name} already has a chair for those dates ({clash.person.name}). "
                    "End that membership first."
                }
            )


def membership_create(
    *,
    actor: Actor,
    person: Person,
    committee: Committee,
    role: str,
    start_date: dt.date | None,
    end_date: dt.date | None = None,
    co_opted_scope: str = "",
) -> Membership:
    """Seat a person on a committee (ORG-4). Tenure is open-ended unless policy sets an end."""
    require_manager(actor, committee.trust_id)
    _validate_membership(
        person=person,
        committee=committee,
        role=role,
        start_date=start_date,
        end_date=end_date,
        co_opted_scope=co_opted_scope,
        instance=None,
    )
    assert start_date is not None
    with transaction.atomic():
        membership = save_tracked(
            Membership(
                person=person,
                committee=committee,
                role=role,
                start_date=start_date,
                end_date=end_date,
                co_opted_scope=co_opted_scope.strip(),
            ),
            actor=actor,
            reason="Member added",
        )
        event(actor, "membership.create", membership, committee.trust_id, f"Added {membership}")
    return membership


def membership_update(*, actor: Actor, membership: Membership, **changes: Any) -> Membership:
    """Change a seat's role, dates or co-opted work (ORG-4). Reopening an ended tenure clears
    the recorded reason with it."""
    require_manager(actor, membership.committee.trust_id)
    check_editable(changes, MEMBERSHIP_FIELDS)
    if "co_opted_scope" in changes:
        changes["co_opted_scope"] = str(changes["co_opted_scope"]).strip()
    merged = {field: getattr(membership, field) for field in MEMBERSHIP_FIELDS} | changes
    _validate_membership(
        person=membership.person, committee=membership.committee, instance=membership, **merged
    )
    if "end_date" in changes and changes["end_date"] is None and membership.end_date is not None:
        changes |= {"end_reason": "", "end_note": ""}
    role = MembershipRole(merged["role"]).label
    apply_changes(
        membership,
        changes,
        actor=actor,
        action="membership.update",
        trust_id=membership.committee.trust_id,
        summary=f"Edited {membership.person} – {role}, {membership.committee}",
        reason="Membership edited",
    )
    return membership


def membership_end(
    *,
    actor: Actor,
    membership: Membership,
    end_date: dt.date | None,
    end_reason: str,
    end_note: str = "",
) -> Membership:
    """End a tenure with a recorded reason (ORG-4, PERF-6; DH 7.2). `end_date` is the member's
    last day: they count as a member until the end of it."""
    require_manager(actor, membership.committee.trust_id)
    if end_date is None:
        raise DomainError({"end_date": "Enter the date the membership ends"})
    if end_date < membership.start_date:
        raise DomainError(
            {
                "end_date": f"End date must be the same as or after the start date ({membership.start_date:%-d %B %Y})"
            }
        )
    if membership.end_reason:
        raise DomainError({"__all__": "This membership has already ended"})
    if end_reason not in EndReason.values:
        raise DomainError({"end_reason": "Select why the membership ends"})
    if end_reason in EXPLAINED_REASONS and not end_note.strip():
        raise DomainError({"end_note": "Explain the reason: it is kept in the member's record"})
    label = EndReason(end_reason).label
    with transaction.atomic():
        membership.end_date = end_date
        membership.end_reason = end_reason
        membership.end_note = end_note.strip()
        save_tracked(
            membership,
            actor=actor,
            update_fields=["end_date", "end_reason", "end_note"],
            reason=f"Membership ended: {label}",
        )
        summary = f"Ended {membership} on {end_date:%-d %B %Y}: {label}"
        event(actor, "membership.end", membership, membership.committee.trust_id, summary)
    return membership
