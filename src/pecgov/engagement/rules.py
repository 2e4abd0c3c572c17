"""Who may see and keep the log of SHA engagement (ORG-7, X-1): everyone in the trust reads it;
the governance lead keeps it."""

from __future__ import annotations

from pecgov.trust.rules import add_perm, in_own_trust, is_governance_lead, is_trust_user

add_perm("engagement.view", is_trust_user & in_own_trust)
add_perm("engagement.manage", is_governance_lead & in_own_trust)
