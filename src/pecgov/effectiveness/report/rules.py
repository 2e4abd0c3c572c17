"""Who may read and who may write the annual report and the scorecard (X-1). Imported by the
report's URLs, services and API, so the permissions exist before anything asks them."""

from __future__ import annotations

from pecgov.effectiveness.rules import is_pec_member, sits_on_the_board
from pecgov.trust.rules import add_perm, in_own_trust, is_governance_lead

# Those who may see the measures read the report and the scorecard: the lead, the PEC and the
# Board it reports to (EFF-2, DH 3.1, 5.2).
add_perm("effectiveness.view_report", in_own_trust & (is_governance_lead | is_pec_member | sits_on_the_board))
# The governance lead creates, writes and publishes it.
add_perm("effectiveness.manage_report", is_governance_lead & in_own_trust)
