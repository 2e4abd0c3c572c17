"""The demo's annual report (EFF-2, EFF-3): a draft for the demo year with the lead's narrative,
so the report page, its charts, the scorecard and publishing can be tried straight away."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from pecgov.actors import SYSTEM
from pecgov.effectiveness.models import AnnualReport
from pecgov.effectiveness.report import services
from pecgov.members.services.development import training_record
from pecgov.trust.enums import CommitteeKind, MembershipRole
from pecgov.trust.models import Membership, Organisation

NARRATIVE = (
    "This is the PEC's first year under the new arrangements. In the first quarter the committee "
    "only noted most of what came to it; since then it has debated more of its items, changed several "
    "and sent its recommendations to the Board with a statement of the conflicts it handled.\n\n"
    "The scorecard shows where we fall short: the PEC chair was left out of high-level meetings with "
    "the SHA, and not every decided business case was scrutinised for patient focus and inequalities. "
    "The governance lead will bring an action plan to the next meeting."
)


def _development(trust: Organisation, today: dt.date) -> None:
    """Four more PEC members on the PCT's commissioning workshop (PERF-4): with the one on the
    leadership course, five of the nine have had development this year, which the scorecard rates
    amber (green needs three in four)."""
    seats = (
        Membership.objects.filter(
            committee__trust=trust, committee__kind=CommitteeKind.PEC, start_date__lte=today
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .exclude(role=MembershipRole.CO_OPTED)
        .exclude(person__training__isnull=False)
        .select_related("person")
        .order_by("person__name")
    )
    for membership in list(seats)[:4]:
        training_record(
            actor=SYSTEM,
            membership=membership,
            course="Commissioning for health outcomes",
            provider="Avonmere PCT organisational development",
            start_date=today - dt.timedelta(days=90),
            end_date=today - dt.timedelta(days=90),
            hours=Decimal("6"),
        )


def build(trust: Organisation) -> AnnualReport:
    """A draft report for the twelve months ending today, as the measures and surveys count them."""
    end = timezone.localdate()
    _development(trust, end)
    return services.report_create(
        actor=SYSTEM,
        trust=trust,
        start=end - dt.timedelta(days=364),
        end=end,
        title=f"Annual report on the PEC's effectiveness, {end - dt.timedelta(days=364):%B %Y} to {end:%B %Y}",
        narrative=NARRATIVE,
    )
