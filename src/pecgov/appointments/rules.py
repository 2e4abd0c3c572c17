"""Who may see and act on an appointment round (APP-7, X-1).

Applications, scores and panel notes are confidential to the campaign's panel and the
governance lead. Object-level access (which campaign) is decided by `queries.campaign_in_view`,
which answers "does not exist" for a campaign the user must not know about, so pages give 404.
"""

from __future__ import annotations

from typing import Any

import rules

from pecgov.trust.roles import roles_of
from pecgov.trust.rules import is_governance_lead


@rules.predicate
def sits_on_a_panel(user: Any) -> bool:
    person_id = roles_of(user).person_id
    if person_id is None:
        return False
    # Asked by the navigation on every page and again by the view: one query per request.
    cached = getattr(user, "_pecgov_sits_on_a_panel", None)
    if cached is None:
        from pecgov.appointments.models import PanelSeat

        cached = PanelSeat.objects.filter(person_id=person_id).exists()
        user._pecgov_sits_on_a_panel = cached
    return bool(cached)


@rules.predicate
def is_pec_member_or_pct_chair(user: Any) -> bool:
    roles = roles_of(user)
    return roles.is_pec_member or roles.is_pct_chair


rules.add_perm("appointments.manage", is_governance_lead)
rules.add_perm("appointments.view", is_governance_lead | sits_on_a_panel)
rules.add_perm("appointments.recommend", is_governance_lead | is_pec_member_or_pct_chair)
