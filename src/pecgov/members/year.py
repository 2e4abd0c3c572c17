"""The membership year and the line of accountability (PERF-1, ORG-5), shared by services,
queries and pages."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from pecgov.members.succession import add_months
from pecgov.trust.enums import CommitteeKind, MembershipRole
from pecgov.trust.models import Membership, Person
from pecgov.trust.queries import current_q


def year_start(membership: Membership, on: dt.date | None = None) -> dt.date:
    """The start of the membership year holding `on` (today): the seat's start date or its latest
    anniversary on or before `on`."""
    on = on or timezone.localdate()
    start = membership.start_date
    years = max(0, on.year - start.year)
    candidate = add_months(start, 12 * years)
    if candidate > on and years > 0:
        candidate = add_months(start, 12 * (years - 1))
    return candidate


def accountable_person(membership: Membership, on: dt.date | None = None) -> Person | None:
    """ORG-5 (DH 5.2): the PEC chair for a member; the PCT chair (the Board's chair) for the PEC
    chair. None when the seat is vacant."""
    on = on or timezone.localdate()
    if membership.role == MembershipRole.CHAIR:
        seats = Membership.objects.filter(
            committee__trust_id=membership.committee.trust_id,
            committee__kind=CommitteeKind.BOARD,
            role=MembershipRole.CHAIR,
        )
    else:
        seats = Membership.objects.filter(committee_id=membership.committee_id, role=MembershipRole.CHAIR)
    seat = seats.filter(current_q(on)).select_related("person").first()
    return seat.person if seat else None


def chief_executive(trust_id: int, on: dt.date | None = None) -> Person | None:
    """The trust's chief executive, who may appraise jointly (Alliance "Accountability")."""
    seat = (
        Membership.objects.filter(
            committee__trust_id=trust_id,
            committee__kind=CommitteeKind.BOARD,
            role=MembershipRole.CHIEF_EXECUTIVE,
        )
        .filter(current_q(on or timezone.localdate()))
        .select_related("person")
        .first()
    )
    return seat.person if seat else None
