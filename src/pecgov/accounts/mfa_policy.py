"""Who must sign in with a second factor (ADM-5): the roles the trust's policy pack names in
"security.mfa_required_roles" (its override, if the trust has one)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from allauth.mfa.models import Authenticator
from django.conf import settings

from pecgov.appointments.models import PanelSeat
from pecgov.policy.packs import DEFAULT_PACK, get_pack
from pecgov.policy.services import effective_policy
from pecgov.trust.enums import CommitteeKind, MembershipRole
from pecgov.trust.models import Organisation
from pecgov.trust.roles import UserRoles

PARAMETER = "security.mfa_required_roles"
RoleTest = Callable[[Any, UserRoles], bool]

ROLE_TESTS: dict[str, RoleTest] = {
    "governance_lead": lambda user, roles: roles.is_governance_lead,
    "chair": lambda user, roles: any(role == MembershipRole.CHAIR for _kind, role in roles.seats),
    "board_member": lambda user, roles: any(kind == CommitteeKind.BOARD for kind, _role in roles.seats),
    "executive_director": lambda user, roles: roles.is_executive_director,
    "interview_panel": lambda user, roles: (
        roles.person_id is not None and PanelSeat.objects.filter(person_id=roles.person_id).exists()
    ),
    "site_administrator": lambda user, roles: bool(user.has_perm("trust.administer_site")),
}


def required_roles(trust_id: int | None) -> list[str]:
    """The role names the policy lists, in its order; names this code does not know are left out."""
    trust = Organisation.objects.filter(pk=trust_id).first() if trust_id is not None else None
    raw = (
        effective_policy(trust)[PARAMETER]
        if trust is not None
        else get_pack(DEFAULT_PACK).parameters[PARAMETER].value
    )
    names = [name.strip() for name in str(raw or "").split(",")]
    return [name for name in names if name in ROLE_TESTS]


def roles_needing_mfa(user: Any, roles: UserRoles) -> list[str]:
    """The roles this user holds that the policy says need a second factor."""
    return [name for name in required_roles(roles.trust_id) if ROLE_TESTS[name](user, roles)]


def has_second_factor(user: Any) -> bool:
    return bool(Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists())


def must_set_up_mfa(user: Any, roles: UserRoles) -> bool:
    """ADM-5: enforced (settings.MFA_ENFORCED), the user's role needs it, and they have none."""
    if not getattr(settings, "MFA_ENFORCED", True) or not user.is_authenticated:
        return False
    return bool(roles_needing_mfa(user, roles)) and not has_second_factor(user)
