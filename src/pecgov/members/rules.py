"""Who may see and do what in a member's year (X-1, ORG-5): the single answer, asked by the
services (through pecgov.actors.require) and by the pages and the API.

The line of accountability (ORG-5, DH 5.2): clinical and management members answer to the PEC
chair, the PEC chair to the PCT chair. Appraisals are confidential (PERF-3): only the member and
their appraisers read one; the governance lead sees that it happened and when, and reads it only
where the policy says so. Claims are seen by the member and the lead, who approves them (REM-1).
Pages look objects up through `queries`, which answer "does not exist" (404) for what a user
may not see; these predicates decide the rest.
"""

from __future__ import annotations

from typing import Any

from pecgov.members.models import Appraisal, Claim, Objective, PdpAction, ProgressNote, Review
from pecgov.policy.services import effective_policy
from pecgov.trust.enums import MembershipRole
from pecgov.trust.models import Membership
from pecgov.trust.roles import roles_of
from pecgov.trust.rules import (
    add_perm,
    in_own_trust,
    is_chief_executive,
    is_governance_lead,
    is_pct_chair,
    is_pec_chair,
    predicate,
)


def membership_of(obj: Any) -> Membership | None:
    """The seat an object of a member's year belongs to."""
    if isinstance(obj, Membership):
        return obj
    if isinstance(obj, PdpAction):
        return obj.appraisal.membership
    if isinstance(obj, ProgressNote):
        return obj.objective.membership
    if isinstance(obj, Objective | Review | Appraisal | Claim):
        return obj.membership
    return None


def _in_trust(user: Any, membership: Membership) -> bool:
    return membership.person.trust_id == roles_of(user).trust_id


@predicate
def is_pec_member(user: Any) -> bool:
    return roles_of(user).is_pec_member


@predicate
def is_own(user: Any, obj: Any = None) -> bool:
    """The member whose year it is."""
    membership = membership_of(obj)
    person_id = roles_of(user).person_id
    return membership is not None and person_id is not None and membership.person_id == person_id


@predicate
def is_accountable(user: Any, obj: Any = None) -> bool:
    """ORG-5: the PEC chair for a member; the PCT chair for the PEC chair."""
    membership = membership_of(obj)
    if membership is None or not _in_trust(user, membership):
        return False
    roles = roles_of(user)
    if membership.role == MembershipRole.CHAIR:
        return roles.is_pct_chair
    return roles.is_pec_chair and membership.person_id != roles.person_id


@predicate
def is_appraiser(user: Any, obj: Any = None) -> bool:
    person_id = roles_of(user).person_id
    if not isinstance(obj, Appraisal | PdpAction) or person_id is None:
        return False
    appraisal = obj if isinstance(obj, Appraisal) else obj.appraisal
    return person_id in (appraisal.appraiser_id, appraisal.joint_appraiser_id)


@predicate
def lead_reads_appraisals(user: Any, obj: Any = None) -> bool:
    """The policy lets the governance lead read appraisals (members.lead_sees_appraisal_content)."""
    membership = membership_of(obj)
    if membership is None or not _in_trust(user, membership):
        return False
    # Asked once per row of a list: the answer is kept on the user for the request, as roles are.
    cache: dict[int, bool] = user.__dict__.setdefault("_pecgov_lead_reads", {})
    trust_id = membership.person.trust_id
    if trust_id not in cache:
        policy = effective_policy(membership.person.trust)
        cache[trust_id] = bool(policy["members.lead_sees_appraisal_content"])
    return cache[trust_id]


@predicate
def in_trust(user: Any, obj: Any = None) -> bool:
    """No object, an object of a member's year whose member is in the user's trust, or any
    other object in the user's trust."""
    membership = membership_of(obj)
    if membership is not None:
        return _in_trust(user, membership)
    return bool(in_own_trust(user, obj))


oversees = is_pec_chair | is_pct_chair | is_chief_executive | is_governance_lead

# Pages in general: the members' overview, a member's own year.
add_perm("members.view", (is_pec_member | oversees) & in_trust)
add_perm("members.overview", oversees & in_trust)
# A member's year (objectives, reviews, development): the member and those who oversee them.
add_perm("members.view_year", is_own | (oversees & in_trust))
add_perm("members.propose_objective", is_own | is_accountable)
add_perm("members.sign_objective", is_own | is_accountable)
add_perm("members.note_progress", is_own | is_accountable)
add_perm("members.hold_review", is_accountable)
add_perm("members.start_appraisal", is_accountable)
# PERF-3: the content of an appraisal.
add_perm("members.view_appraisal", is_own | is_appraiser | (is_governance_lead & lead_reads_appraisals))
add_perm("members.self_assess", is_own)
add_perm("members.assess", is_appraiser)
add_perm("members.sign_appraisal", is_own | is_appraiser)
add_perm("members.plan_development", is_own | is_appraiser)
# PERF-4, PERF-5, REM-1: the lead keeps induction, mentors, succession and the pay framework.
add_perm("members.manage", is_governance_lead & in_trust)
add_perm("members.record_training", is_own | (is_governance_lead & in_trust))
add_perm("members.view_pay", oversees & in_trust)
# REM-1: a member claims for their own seat; the member and the lead (the approver) see a claim.
add_perm("members.claim", is_own)
add_perm("members.view_claim", is_own | (is_governance_lead & in_trust))
add_perm("members.decide_claim", is_governance_lead & in_trust)
