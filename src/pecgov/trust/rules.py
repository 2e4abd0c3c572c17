"""Permission predicates for the ORG pages and API (X-1).

Objects outside the user's own trust are never found (views filter by trust and
answer 404); these predicates decide what a user may do inside their trust.
"""

from __future__ import annotations

from typing import Any

import rules

from pecgov.trust.roles import roles_of


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


rules.add_perm("trust.view", is_trust_user)
rules.add_perm("trust.manage", is_governance_lead)
# History shows who changed what: the governance lead and the trust's leaders.
rules.add_perm("trust.view_history", is_governance_lead | is_pec_chair | is_pct_chair | is_chief_executive)
