"""Permission predicates for the ORG pages and API (X-1), and the typed way every app's
`rules.py` declares its own.

Objects outside the user's own trust are never found (views filter by trust and
answer 404); these predicates decide what a user may do inside their trust.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rules import permissions
from rules.predicates import Predicate, is_superuser

from pecgov.trust.models import SiteAdministrator
from pecgov.trust.roles import roles_of


def predicate(fn: Callable[..., bool]) -> Predicate:
    """`rules.predicate`, typed: a predicate that composes with `&`, `|` and `~`."""
    return Predicate(fn)


def add_perm(name: str, rule: Predicate) -> None:
    """`rules.add_perm`, typed: the library's function carries no annotations."""
    permissions.add_perm(name, rule)  # type: ignore[no-untyped-call]


def trust_id_of(obj: object) -> int | None:
    """The trust an object belongs to: a trust id itself, a trust, or any row that has a trust,
    a committee or a meeting. Services pass the object they act on; pages usually pass none."""
    if obj is None or isinstance(obj, bool):
        return None
    if isinstance(obj, int):
        return obj
    trust_id = getattr(obj, "trust_id", None)
    if trust_id is not None:
        return int(trust_id)
    if getattr(obj, "kind", None) == "trust" and getattr(obj, "pk", None) is not None:
        return int(getattr(obj, "pk"))  # noqa: B009  # the trust row points at itself
    for parent in ("committee", "meeting", "campaign", "case", "item"):
        if hasattr(obj, parent):
            return trust_id_of(getattr(obj, parent))
    return None


@predicate
def in_own_trust(user: Any, obj: object = None) -> bool:
    """No object (a page asking in general: its lookups are already scoped to the user's trust),
    or an object in the user's own trust."""
    if obj is None:
        return True
    trust_id = trust_id_of(obj)
    return trust_id is not None and trust_id == roles_of(user).trust_id


@predicate
def is_trust_user(user: Any) -> bool:
    return roles_of(user).is_trust_user


@predicate
def is_governance_lead(user: Any) -> bool:
    return roles_of(user).is_governance_lead


@predicate
def is_site_admin(user: Any) -> bool:
    """ADM-1: the site administrator, above any one trust (read once per user object)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    # Kept in the memo a user's copies share while the data is unchanged (pecgov.ui.auth).
    memo = getattr(user, "_pecgov_memo", None)
    if memo is None:
        memo = {}
        user._pecgov_memo = memo
    if "site_admin" not in memo:
        memo["site_admin"] = SiteAdministrator.objects.filter(user_id=user.pk).exists()
    return bool(memo["site_admin"])


@predicate
def is_pec_chair(user: Any) -> bool:
    return roles_of(user).is_pec_chair


@predicate
def is_pct_chair(user: Any) -> bool:
    return roles_of(user).is_pct_chair


@predicate
def is_chief_executive(user: Any) -> bool:
    return roles_of(user).is_chief_executive


add_perm("trust.view", is_trust_user & in_own_trust)
add_perm("trust.manage", is_governance_lead & in_own_trust)
# Only the system (set-up, the demo loader) or a site administrator sets up a trust (ORG-1, ADM-1).
add_perm("trust.create", is_superuser | is_site_admin)
# ADM-1: creating, renaming and closing trusts, naming a trust's first lead. Deliberately no
# trust role: a site administrator sees no trust's records (and needs a second factor, ADM-5).
add_perm("trust.administer_site", is_site_admin)
# History shows who changed what: the governance lead and the trust's leaders.
add_perm("trust.view_history", is_governance_lead | is_pec_chair | is_pct_chair | is_chief_executive)
# The audit ledger is read by the trust's lead and its leaders; the ledger sits below the
# trust app, so its permission is registered here.
add_perm("audit.view", is_governance_lead | is_pct_chair | is_chief_executive)
