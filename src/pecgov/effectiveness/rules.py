"""Who may see the measures of effectiveness (EFF-2, X-1): the trust's governance lead, members
of its PEC and members of its Board, who hold the PEC to account (DH 3.1, 5.2)."""

from __future__ import annotations

from typing import Any

from pecgov.trust.enums import CommitteeKind
from pecgov.trust.roles import roles_of
from pecgov.trust.rules import add_perm, in_own_trust, is_governance_lead, predicate


@predicate
def is_pec_member(user: Any) -> bool:
    return roles_of(user).is_pec_member


@predicate
def sits_on_the_board(user: Any) -> bool:
    return any(kind == CommitteeKind.BOARD for kind, _ in roles_of(user).seats)


add_perm(
    "effectiveness.view_measures", in_own_trust & (is_governance_lead | is_pec_member | sits_on_the_board)
)
