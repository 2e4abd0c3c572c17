"""Who may see and change the implementation checklist (EFF-1, X-1): everyone in the trust reads
it; the governance lead keeps it."""

from __future__ import annotations

from pecgov.trust.rules import add_perm, in_own_trust, is_governance_lead, is_trust_user

add_perm("checklist.view", is_trust_user & in_own_trust)
add_perm("checklist.manage", is_governance_lead & in_own_trust)
