"""Who may do what with meetings (X-1): the governance lead runs them, the committee's chair
rules on conflicts and records decisions, members read papers and raise concerns."""

from __future__ import annotations

from typing import Any

import rules
from django.utils import timezone

from pecgov.actors import Actor, require
from pecgov.trust.enums import MembershipRole
from pecgov.trust.models import Membership
from pecgov.trust.queries import current_q
from pecgov.trust.roles import roles_of
from pecgov.trust.rules import in_own_trust, is_governance_lead, is_trust_user


def chairs(user: Any, committee_id: int) -> bool:
    """The user chairs (or vice-chairs) this committee today."""
    roles = roles_of(user)
    if roles.person_id is None or committee_id not in roles.committee_ids:
        return False
    return Membership.objects.filter(
        current_q(timezone.localdate()),
        person_id=roles.person_id,
        committee_id=committee_id,
        role__in=[MembershipRole.CHAIR, MembershipRole.VICE_CHAIR],
    ).exists()


@rules.predicate
def chairs_the_committee(user: Any, meeting: Any) -> bool:
    return meeting is not None and chairs(user, meeting.committee_id)


@rules.predicate
def sits_on_the_committee(user: Any, meeting: Any) -> bool:
    return meeting is not None and meeting.committee_id in roles_of(user).committee_ids


rules.add_perm("meetings.view", is_trust_user)
rules.add_perm("meetings.manage", is_governance_lead)
# Conflict handling, decisions and votes: the chair of that committee, or the lead recording for them.
rules.add_perm("meetings.chair", in_own_trust & (is_governance_lead | chairs_the_committee))
rules.add_perm("meetings.raise_concern", sits_on_the_committee)


def require_chair(actor: Actor, meeting: Any) -> None:
    """The committee's chair (or vice-chair), or the governance lead recording for them, in the
    meeting's own trust: the "meetings.chair" permission, with a message that says which part
    failed."""
    require(actor, "trust.view", meeting, message="This meeting is not in your trust.")
    require(
        actor,
        "meetings.chair",
        meeting,
        message="Only the chair of the committee (or the governance lead for them) can do this.",
    )
