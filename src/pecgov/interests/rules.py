"""Who may see and change declarations (X-1, COI-1): members keep their own; the governance
lead keeps everyone's and decides what is withheld from the public."""

from __future__ import annotations

from typing import Any

import rules

from pecgov.trust.roles import roles_of
from pecgov.trust.rules import is_governance_lead, is_trust_user


@rules.predicate
def is_own_person(user: Any, person: Any) -> bool:
    return person is not None and roles_of(user).person_id == getattr(person, "pk", None)


rules.add_perm("interests.view_register", is_trust_user)
rules.add_perm("interests.declare_for", is_governance_lead | is_own_person)
rules.add_perm("interests.manage", is_governance_lead)
