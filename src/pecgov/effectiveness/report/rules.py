"""Who may read and who may write the annual report and the scorecard (X-1). Imported by the
report's URLs, services and API, so the permissions exist before anything asks them."""

from __future__ import annotations

from pecgov.trust.rules import add_perm, in_own_trust, is_governance_lead, is_trust_user

# Everyone working in the trust reads the report and the scorecard: they are for the Board (EFF-2).
add_perm("effectiveness.view_report", is_trust_user & in_own_trust)
# The governance lead creates, writes and publishes it.
add_perm("effectiveness.manage_report", is_governance_lead & in_own_trust)
