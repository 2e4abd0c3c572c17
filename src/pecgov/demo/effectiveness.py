"""Demo shaping for the measures of effectiveness (EFF-2, MTG-4; DH 3.1): the demo PEC's year
opens with a quarter in which it only noted what came before it (a high rubber-stamp ratio), then
takes more decisions each quarter, debating, changing and rejecting proposals, so the trend falls.
Made through the meetings services after the demo's meetings exist."""

from __future__ import annotations

import itertools

from django.utils import timezone

from pecgov.actors import SYSTEM
from pecgov.commissioning.turnaround import quarter
from pecgov.effectiveness.queries import default_period
from pecgov.meetings import services as ms
from pecgov.meetings.enums import Contribution, ItemKind, MeetingStatus, Outcome
from pecgov.meetings.models import Meeting
from pecgov.trust.enums import CommitteeKind
from pecgov.trust.models import Organisation

# What the PEC decided, with what it did to each proposal.
DECISIONS = [
    (
        "Prescribing incentive scheme for practices",
        Contribution.DEBATED_CHANGED,
        "Targets weighted to deprived wards",
    ),
    ("Falls prevention pathway for care homes", Contribution.DEBATED_AGREED, ""),
    ("Closing the minor injuries unit at weekends", Contribution.DEBATED_REJECTED, ""),
    (
        "Locality plan for COPD services",
        Contribution.DEBATED_CHANGED,
        "Pulmonary rehabilitation added in the North",
    ),
    ("Referral management for dermatology", Contribution.DEBATED_AGREED, ""),
    (
        "Practice-based phlebotomy pilot",
        Contribution.DEBATED_CHANGED,
        "Pilot widened to two practices per locality",
    ),
    ("Stop-smoking service in pharmacies", Contribution.DEBATED_AGREED, ""),
    ("Cutting district nursing hours overnight", Contribution.DEBATED_REJECTED, ""),
]
OUTCOMES = {
    Contribution.DEBATED_CHANGED: Outcome.APPROVED_WITH_CHANGES,
    Contribution.DEBATED_AGREED: Outcome.APPROVED,
    Contribution.DEBATED_REJECTED: Outcome.REJECTED,
}


def build(trust: Organisation) -> None:
    """Decisions on the PEC's held meetings of the last twelve months: none in the first quarter,
    then one more for each meeting in each later quarter."""
    start, end = default_period()
    now = timezone.now()
    held = Meeting.objects.filter(
        committee__trust=trust,
        committee__kind=CommitteeKind.PEC,
        starts_at__date__gte=start,
        starts_at__date__lte=end,
        starts_at__lt=now,
    ).exclude(status=MeetingStatus.CANCELLED)
    quarters = sorted({quarter(timezone.localtime(m.starts_at).date()) for m in held})
    decisions = itertools.cycle(DECISIONS)
    for meeting in held.order_by("starts_at"):
        step = quarters.index(quarter(timezone.localtime(meeting.starts_at).date()))
        for _ in range(step):
            title, contribution, changes = next(decisions)
            item = ms.item_add(actor=SYSTEM, meeting=meeting, title=title, kind=ItemKind.DECISION)
            ms.item_decide(
                actor=SYSTEM,
                item=item,
                outcome=OUTCOMES[contribution],
                contribution=contribution,
                reasons="Debated against the locality's priorities and the evidence presented.",
                changes_made=changes,
            )
