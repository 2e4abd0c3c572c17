"""Permission predicates for the ORG pages and API (X-1).

Objects outside the user's own trust are never found (views filter by trust and
answer 404); these predicates decide what a user may do inside their trust.
"""

from __future__ import annotations

from typing import Any

import rules

from pecgov.trust.roles import roles_of


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
        return int(obj.pk)  # type: ignore[attr-defined]
    for parent in ("committee", "meeting", "campaign", "case", "item"):
        if hasattr(obj, parent):
            return trust_id_of(getattr(obj, parent))
    return None


@rules.predicate
def in_own_trust(user: Any, obj: object = None) -> bool:
    """No object (a page asking in general: its lookups are already scoped to the user's trust),
    or an object in the user's own trust."""
    if obj is None:
        return True
    trust_id = trust_id_of(obj)
    return trust_id is not None and trust_id == roles_of(user).trust_id


@rules.predicate
def is_trust_user(user: Any) -> bool:
    return roles_of(user).is_trust_user


@rules.predicate
def is_governance_lead(user: Any) -> bool:
    return roles_of(user).is_governance_lead


@rules.predicate
def is_pec_chair(user: Any) -> bool:
    return roles_of(user).is_pec_chair


@rules.predicate
def is_pct_chair(user: Any) -> bool:
    return roles_of(user).is_pct_chair


@rules.predicate
def is_chief_executive(user: Any) -> bool:
    return roles_of(user).is_chief_executive


rules.add_perm("trust.view", is_trust_user & in_own_trust)
rules.add_perm("trust.manage", is_governance_lead & in_own_trust)
# History shows who changed what: the governance lead and the trust's leaders.
rules.add_perm("trust.view_history", is_governance_lead | is_pec_chair | is_pct_chair | is_chief_executive)
# The audit ledger is read by the trust's lead and its leaders; the ledger sits below the
# trust app, so its permission is registered here.
rules.add_perm("audit.view", is_governance_lead | is_pct_chair | is_chief_executive)
