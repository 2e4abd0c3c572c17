"""Reads for the onboarding pages: the site administrator's trusts, a trust's staff and the
setup checklist's counts, each in a bounded number of queries (ADM-1, ADM-4)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from pecgov.delegation.models import Delegation
from pecgov.interests.models import Declaration, InterestReturn
from pecgov.meetings.models import Meeting
from pecgov.onboarding.checklist import SetupCounts
from pecgov.onboarding.models import Invitation, Suspension
from pecgov.policy.models import TrustPolicy
from pecgov.trust.enums import CommitteeKind, GrantRole, OrganisationKind
from pecgov.trust.models import Membership, Organisation, Person, RoleGrant


def trusts() -> QuerySet[Organisation]:
    """Every trust with its policy pack, people and governance leads: one query."""
    leads = RoleGrant.objects.filter(trust=OuterRef("pk"), role=GrantRole.GOVERNANCE_LEAD)
    return (
        Organisation.objects.filter(kind=OrganisationKind.TRUST)
        .annotate(
            pack=Subquery(TrustPolicy.objects.filter(trust=OuterRef("pk")).values("pack")[:1]),
            people_count=Count("people", distinct=True),
            lead_count=Subquery(leads.values("trust").annotate(n=Count("id")).values("n")[:1]),
            pending_lead=Subquery(
                Invitation.objects.filter(
                    trust=OuterRef("pk"),
                    role=GrantRole.GOVERNANCE_LEAD,
                    accepted_at__isnull=True,
                    revoked_at__isnull=True,
                    expires_at__gt=timezone.now(),
                ).values("email")[:1]
            ),
        )
        .order_by("name", "id")
    )


@dataclass
class StaffRow:
    """One account of the trust: who, their granted roles (with since), their seats."""

    user: Any
    person: Person | None
    grants: list[RoleGrant] = field(default_factory=list)
    seats: list[Membership] = field(default_factory=list)
    suspension: Suspension | None = None


def staff(trust_id: int) -> list[StaffRow]:
    """The trust's accounts (ADM-4): five queries however many there are."""
    today = timezone.localdate()
    people = {p.user_id: p for p in Person.objects.filter(trust_id=trust_id, user__isnull=False)}
    since = (
        RoleGrant.history.filter(id=OuterRef("pk")).values("id").annotate(at=Min("history_date")).values("at")
    )
    grants = list(
        RoleGrant.objects.filter(trust_id=trust_id)
        .select_related("organisation")
        .annotate(since=Subquery(since[:1]))
        .order_by("role", "id")
    )
    user_ids = set(people) | {g.user_id for g in grants}
    users = get_user_model().objects.filter(pk__in=user_ids).order_by("username")
    rows = {u.pk: StaffRow(user=u, person=people.get(u.pk)) for u in users}
    for grant in grants:
        rows[grant.user_id].grants.append(grant)
    seats = (
        Membership.objects.filter(
            person__trust_id=trust_id, person__user__isnull=False, start_date__lte=today
        )
        .exclude(end_date__lt=today)
        .select_related("committee", "person")
    )
    for seat in seats:
        if seat.person.user_id is not None:
            rows[seat.person.user_id].seats.append(seat)
    for suspension in Suspension.objects.filter(trust_id=trust_id, lifted_at__isnull=True):
        if suspension.user_id in rows:
            rows[suspension.user_id].suspension = suspension
    return sorted(rows.values(), key=lambda r: (r.person.name if r.person else r.user.get_username()).lower())


def pending_invitations(trust_id: int) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(trust_id=trust_id, accepted_at__isnull=True, revoked_at__isnull=True)
        .select_related("person")
        .order_by("-created_at")
    )


def invitable_people(trust_id: int) -> QuerySet[Person]:
    """People on the trust's records with no account yet."""
    return Person.objects.filter(trust_id=trust_id, user__isnull=True).order_by("name", "id")


def setup_counts(trust_id: int, on: dt.date | None = None) -> SetupCounts:
    """What the checklist needs to know (ADM-1), in one query whatever the size of the trust:
    whether each thing exists, never a count (the lead's home page asks on every view)."""
    on = on or timezone.localdate()
    granted = RoleGrant.objects.filter(trust_id=trust_id).values("user_id")
    people = Person.objects.filter(trust_id=trust_id).exclude(Q(user__isnull=False) & Q(user__in=granted))
    found = (
        Organisation.objects.filter(pk=trust_id)
        .annotate(
            has_policy_chosen=Exists(TrustPolicy.objects.filter(trust_id=trust_id)),
            has_practices=Exists(
                Organisation.objects.filter(trust_id=trust_id, kind=OrganisationKind.PRACTICE)
            ),
            has_people=Exists(people),
            has_pec_members=Exists(
                Membership.objects.filter(
                    committee__trust_id=trust_id, committee__kind=CommitteeKind.PEC, start_date__lte=on
                ).exclude(end_date__lt=on)
            ),
            has_delegations=Exists(Delegation.objects.filter(committee__trust_id=trust_id)),
            has_declarations=Exists(Declaration.objects.filter(person__trust_id=trust_id))
            | Exists(InterestReturn.objects.filter(person__trust_id=trust_id)),
            has_meetings=Exists(Meeting.objects.filter(committee__trust_id=trust_id)),
        )
        .values(*(f"has_{name}" for name in FIELDS))
        .first()
    )
    return SetupCounts(**{name: bool(found and found[f"has_{name}"]) for name in FIELDS})


FIELDS = ("policy_chosen", "practices", "people", "pec_members", "delegations", "declarations", "meetings")
