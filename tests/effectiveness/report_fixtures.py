"""A small year of the record for the annual report's tests (EFF-2, EFF-3), made through the
services: one PEC meeting with an item only noted, one debated and changed, and a recommendation
the Board accepted (its statement frozen); one local policy variation with a thin reason."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from pecgov.effectiveness.models import AnnualReport
from pecgov.effectiveness.report import services
from pecgov.meetings import services as ms
from pecgov.policy.services import policy_override
from tests.conflicts.helpers import decide, handle_all
from tests.factories import SYSTEM, World
from tests.meeting_factories import attend_all, make_item, make_meeting, pec_people


def small_year(world: World) -> dict[str, Any]:
    meeting = make_meeting(world.pec, days=-10)
    attend_all(meeting, pec_people(world))
    noted = make_item(meeting, kind="information", title="Finance report")
    ms.item_decide(actor=SYSTEM, item=noted, outcome="noted", contribution="noted_only", reasons="")
    changed = make_item(meeting, kind="decision", title="Prescribing policy")
    handle_all(changed)
    ms.item_decide(
        actor=SYSTEM,
        item=changed,
        outcome="approved_with_changes",
        contribution="debated_changed",
        reasons="Safer for patients",
        evidence="Audit of prescribing",
        changes_made="Added a review date",
    )
    recommendation = decide(make_item(meeting, kind="recommendation", title="Fairfield business case"))
    ms.board_decision_record(
        actor=SYSTEM,
        item=recommendation,
        decided_on=timezone.localdate() - dt.timedelta(days=2),
        outcome="accepted",
        conflicts_considered=True,
    )
    policy_override(actor=SYSTEM, trust=world.trust, key="composition.max_members", value=10, reason="Local")
    return {"meeting": meeting, "recommendation": recommendation}


def draft_report(world: World, **kw: Any) -> AnnualReport:
    end = timezone.localdate()
    return services.report_create(
        actor=world.users["governance_lead"],
        trust=world.trust,
        start=end - dt.timedelta(days=364),
        end=end,
        **kw,
    )


def add_reports(world: World, n: int) -> None:
    """`n` more draft reports, each for its own year (for the list page's query count)."""
    first = AnnualReport.objects.filter(trust=world.trust).count()
    for i in range(first, first + n):
        start = dt.date(2000, 4, 1) + dt.timedelta(days=i)
        services.report_create(
            actor=SYSTEM, trust=world.trust, start=start, end=start + dt.timedelta(days=364)
        )
