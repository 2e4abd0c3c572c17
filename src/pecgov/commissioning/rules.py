"""Who may see and act on plans and business cases (X-1, PBC-1).

A practice or PBC group lead sees only their own organisation's cases; the governance lead,
committee members and directors see the pipeline."""

from __future__ import annotations

from typing import Any

import rules

from pecgov.trust.enums import CommitteeKind
from pecgov.trust.roles import roles_of
from pecgov.trust.rules import is_governance_lead, is_trust_user


@rules.predicate
def sits_on_a_committee(user: Any) -> bool:
    return bool(roles_of(user).committee_ids)


@rules.predicate
def is_submitting_lead(user: Any) -> bool:
    roles = roles_of(user)
    return roles.is_practice_lead and bool(roles.practice_ids)


@rules.predicate
def leads_the_submitter(user: Any, case: Any) -> bool:
    return case is not None and case.submitter_id in roles_of(user).practice_ids


@rules.predicate
def scrutineer(user: Any) -> bool:
    roles = roles_of(user)
    return (
        roles.is_pec_member
        or roles.is_executive_director
        or roles.is_chief_executive
        or any(kind == CommitteeKind.PBC_APPROVALS for kind, _ in roles.seats)
    )


@rules.predicate
def is_director(user: Any) -> bool:
    roles = roles_of(user)
    return roles.is_executive_director or roles.is_chief_executive


can_see_pipeline = is_governance_lead | sits_on_a_committee
rules.add_perm("commissioning.view_pipeline", can_see_pipeline)
rules.add_perm("commissioning.view_cases", can_see_pipeline | is_submitting_lead)
rules.add_perm("commissioning.view_case", can_see_pipeline | leads_the_submitter)
rules.add_perm("commissioning.submit", is_governance_lead | is_submitting_lead)
rules.add_perm("commissioning.act_as_submitter", is_governance_lead | leads_the_submitter)
rules.add_perm("commissioning.scrutinise", is_governance_lead | scrutineer)
rules.add_perm("commissioning.manage", is_governance_lead)
rules.add_perm("commissioning.decide_director", is_director)
rules.add_perm("commissioning.view_pbc", is_trust_user)
rules.add_perm("commissioning.manage_pbc", is_governance_lead)
