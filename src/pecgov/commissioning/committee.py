"""The facts about the PBC approvals committee that `structure` checks (ORG-8): who it reports
to, whether it is convened apart from the PEC, and its meetings calendar. Four queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.utils import timezone

from pecgov.commissioning import structure
from pecgov.meetings.enums import MeetingStatus
from pecgov.meetings.models import Meeting
from pecgov.policy.engine import Finding
from pecgov.trust.enums import CommitteeKind
from pecgov.trust.models import Committee, Membership
from pecgov.trust.queries import current_q

FREQUENCY_KEY = "pbc.approvals_max_days_between_meetings"


def approvals_facts(
    committee: Committee, policy_values: Mapping[str, object], on: dt.date
) -> structure.ApprovalsFacts:
    parent = committee.parent
    members = set(
        Membership.objects.filter(current_q(on), committee=committee).values_list("person_id", flat=True)
    )
    pec_members = set(
        Membership.objects.filter(
            current_q(on), committee__trust_id=committee.trust_id, committee__kind=CommitteeKind.PEC
        ).values_list("person_id", flat=True)
    )
    dates = tuple(
        timezone.localtime(starts_at).date()
        for starts_at in Meeting.objects.filter(committee=committee)
        .exclude(status=MeetingStatus.CANCELLED)
        .values_list("starts_at", flat=True)
    )
    limit = policy_values.get(FREQUENCY_KEY)
    return structure.ApprovalsFacts(
        name=committee.name,
        on=on,
        reports_to=parent.name if parent is not None else "",
        reports_to_board=parent is not None and parent.kind == CommitteeKind.BOARD,
        same_members_as_pec=bool(members) and members == pec_members,
        member_count=len(members),
        meeting_dates=dates,
        max_days_between=limit if isinstance(limit, int) and not isinstance(limit, bool) else None,
    )


def approvals_findings(
    committee: Committee, policy_values: Mapping[str, object], on: dt.date | None = None
) -> list[Finding]:
    """ORG-8 findings for a PBC approvals committee; none for any other committee."""
    if committee.kind != CommitteeKind.PBC_APPROVALS:
        return []
    return structure.approvals_findings(approvals_facts(committee, policy_values, on or timezone.localdate()))


def trust_approvals_committees(trust_id: int) -> list[Committee]:
    return list(
        Committee.objects.filter(trust_id=trust_id, kind=CommitteeKind.PBC_APPROVALS)
        .select_related("parent")
        .order_by("name")
    )
