"""Who may read the audit ledger (X-2)."""

import rules

from pecgov.trust.rules import is_chief_executive, is_governance_lead, is_pct_chair

rules.add_perm("audit.view", is_governance_lead | is_pct_chair | is_chief_executive)
