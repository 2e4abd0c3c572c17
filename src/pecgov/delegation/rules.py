"""Who may see and keep the functions catalogue and the scheme of delegation (X-1)."""

from pecgov.trust.rules import add_perm, in_own_trust, is_governance_lead, is_trust_user

add_perm("delegation.view", is_trust_user & in_own_trust)
add_perm("delegation.manage", is_governance_lead & in_own_trust)
