"""Who may see and change a trust's policy (X-1): the governance lead changes their own trust's."""

from pecgov.trust.rules import add_perm, in_own_trust, is_governance_lead, is_trust_user

add_perm("policy.view", is_trust_user & in_own_trust)
add_perm("policy.change", is_governance_lead & in_own_trust)
