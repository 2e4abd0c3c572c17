"""Who may see and act on plans and business cases (X-1, PBC-1).

A practice or PBC group lead sees only their own organisation's cases; the governance lead,
committee members and directors see the pipeline. The object-aware permissions (a case, a
submitting organisation) also check the object is in the user's own trust, so services ask
them through pecgov.actors.require and pages through can(request, perm, obj).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import rules

from pecgov.trust.enums import CommitteeKind
from pecgov.trust.roles import roles_of
from pecgov.trust.rules import in_own_trust, is_governance_lead, is_trust_user

# The rules library ships no type hints: these typed names are the only untyped access.
predicate: Callable[[Callable[..., bool]], Any] = rules.predicate  # type: ignore[attr-defined]
add_perm: Callable[[str, Any], None] = rules.add_perm  # type: ignore[attr-defined]


@predicate
def sits_on_a_committee(user: Any) -> bool:
    return bool(roles_of(user).committee_ids)


@predicate
def is_submitting_lead(user: Any) -> bool:
    roles = roles_of(user)
    return roles.is_practice_lead and bool(roles.practice_ids)


@predicate
def leads_the_submitter(user: Any, case: Any) -> bool:
    return case is not None and case.submitter_id in roles_of(user).practice_ids


@predicate
def leads_the_organisation(user: Any, organisation: Any) -> bool:
    """The user leads this practice or PBC group (the organisation a case is submitted for)."""
    return organisation is not None and organisation.pk in roles_of(user).practice_ids


@predicate
def scrutineer(user: Any) -> bool:
    roles = roles_of(user)
    return (
        roles.is_pec_member
        or roles.is_executive_director
        or roles.is_chief_executive
        or any(kind == CommitteeKind.PBC_APPROVALS for kind, _ in roles.seats)
    )


@predicate
def is_director(user: Any) -> bool:
    roles = roles_of(user)
    return roles.is_executive_director or roles.is_chief_executive


can_see_pipeline = is_governance_lead | sits_on_a_committee
add_perm("commissioning.view_pipeline", can_see_pipeline)
add_perm("commissioning.view_cases", can_see_pipeline | is_submitting_lead)
add_perm("commissioning.view_case", in_own_trust & (can_see_pipeline | leads_the_submitter))
add_perm("commissioning.submit", is_governance_lead | is_submitting_lead)
# PBC-1: submitting for this organisation (a practice or PBC group of the user's trust).
add_perm("commissioning.submit_for", in_own_trust & (is_governance_lead | leads_the_organisation))
add_perm("commissioning.act_as_submitter", in_own_trust & (is_governance_lead | leads_the_submitter))
add_perm("commissioning.scrutinise", in_own_trust & (is_governance_lead | scrutineer))
add_perm("commissioning.manage", in_own_trust & is_governance_lead)
add_perm("commissioning.decide_director", in_own_trust & is_director)
add_perm("commissioning.view_pbc", is_trust_user)
add_perm("commissioning.manage_pbc", in_own_trust & is_governance_lead)


@predicate
def is_the_person(user: Any, person: Any) -> bool:
    return person is not None and person.pk == roles_of(user).person_id


# PBC-3: a scrutineer records their own assessment; the governance lead records anyone's.
add_perm("commissioning.assess_as", is_governance_lead | is_the_person)
