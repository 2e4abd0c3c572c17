"""Who may do what with surveys (X-1, EFF-2): the governance lead runs them; anyone working in
the trust may read their results, which never show a group under the minimum size."""

from __future__ import annotations

from pecgov.trust.rules import add_perm, in_own_trust, is_governance_lead, is_trust_user

add_perm("surveys.manage", is_governance_lead & in_own_trust)
add_perm("surveys.view", is_trust_user & in_own_trust)
