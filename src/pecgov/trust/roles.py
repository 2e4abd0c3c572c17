"""Who a signed-in user is in their trust: granted roles plus roles held by membership.

Computed once per request and cached on the user object (two queries).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from pecgov.trust.enums import CommitteeKind, GrantRole, MembershipRole
from pecgov.trust.models import Membership, Person, RoleGrant


@dataclass(frozen=True)
class UserRoles:
    trust_id: int | None = None
    person_id: int | None = None
    grants: frozenset[str] = frozenset()
    # (committee kind, membership role) pairs the person holds today.
    seats: frozenset[tuple[str, str]] = frozenset()
    committee_ids: frozenset[int] = frozenset()
    practice_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_governance_lead(self) -> bool:
        return GrantRole.GOVERNANCE_LEAD in self.grants

    @property
    def is_practice_lead(self) -> bool:
        return GrantRole.PRACTICE_LEAD in self.grants

    @property
    def is_pec_chair(self) -> bool:
        return (CommitteeKind.PEC, MembershipRole.CHAIR) in self.seats

    @property
    def is_pec_member(self) -> bool:
        return any(kind == CommitteeKind.PEC for kind, _ in self.seats)

    @property
    def is_pct_chair(self) -> bool:
        return (CommitteeKind.BOARD, MembershipRole.CHAIR) in self.seats

    @property
    def is_chief_executive(self) -> bool:
        return (CommitteeKind.BOARD, MembershipRole.CHIEF_EXECUTIVE) in self.seats

    @property
    def is_executive_director(self) -> bool:
        return (CommitteeKind.BOARD, MembershipRole.EXECUTIVE_DIRECTOR) in self.seats

    @property
    def is_trust_user(self) -> bool:
        """Anyone who works in the trust: a grant or a person record in it."""
        return self.trust_id is not None

    def labels(self) -> list[str]:
        names = []
        if self.is_governance_lead:
            names.append("Governance lead")
        if self.is_pct_chair:
            names.append("PCT chair")
        if self.is_chief_executive:
            names.append("Chief executive")
        if self.is_executive_director:
            names.append("Executive director")
        if self.is_pec_chair:
            names.append("PEC chair")
        elif self.is_pec_member:
            names.append("PEC member")
        if self.is_practice_lead:
            names.append("Practice lead")
        return names


NO_ROLES = UserRoles()


def roles_of(user: Any) -> UserRoles:
    if user is None or not getattr(user, "is_authenticated", False):
        return NO_ROLES
    cached = getattr(user, "_pecgov_roles", None)
    if isinstance(cached, UserRoles):
        return cached
    # An authentication backend may share one memo between the copies of a user it hands to
    # requests while the user's data is unchanged (pecgov.ui.auth); roles are kept there too.
    memo = getattr(user, "_pecgov_memo", None)
    roles = memo.get("roles") if memo is not None else None
    if roles is None:
        roles = _read_roles(user)
        if memo is not None:
            memo["roles"] = roles
    user._pecgov_roles = roles
    return roles


def _read_roles(user: Any) -> UserRoles:
    grants = list(RoleGrant.objects.filter(user=user).values_list("role", "trust_id", "organisation_id"))
    person = Person.objects.filter(user=user).values("id", "trust_id").first()
    trust_id = person["trust_id"] if person else (grants[0][1] if grants else None)
    seats: set[tuple[str, str]] = set()
    committee_ids: set[int] = set()
    if person:
        today = timezone.localdate()
        for kind, role, committee_id in (
            Membership.objects.filter(person_id=person["id"], start_date__lte=today)
            .exclude(end_date__lt=today)
            .values_list("committee__kind", "role", "committee_id")
        ):
            seats.add((kind, role))
            committee_ids.add(committee_id)
    roles = UserRoles(
        trust_id=trust_id,
        person_id=person["id"] if person else None,
        grants=frozenset(role for role, grant_trust, _ in grants if grant_trust == trust_id),
        seats=frozenset(seats),
        committee_ids=frozenset(committee_ids),
        practice_ids=frozenset(org for role, t, org in grants if org and t == trust_id),
    )
    return roles
