"""Who may see and change a trust's policy (X-1)."""

import rules

from pecgov.trust.rules import is_governance_lead, is_trust_user

rules.add_perm("policy.view", is_trust_user)
rules.add_perm("policy.change", is_governance_lead)
