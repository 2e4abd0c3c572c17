"""Who may see and keep the functions catalogue and the scheme of delegation (X-1)."""

import rules

from pecgov.trust.rules import is_governance_lead, is_trust_user

rules.add_perm("delegation.view", is_trust_user)
rules.add_perm("delegation.manage", is_governance_lead)
