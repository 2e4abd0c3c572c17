"""sha_summary (ORG-7): the third pin over a period, from the record."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from pecgov.engagement.queries import sha_summary
from pecgov.policy.engine import Status
from pecgov.trust import services as ts
from tests.engagement.helpers import log
from tests.factories import SYSTEM, World, make_person, seat

TODAY = timezone.localdate


def test_sha_summary_names_meetings_without_the_chair_and_gaps(world: World) -> None:
    """ORG-7: a high-level meeting without the PEC chair is named; the regular meetings' gap shows."""
    end = TODAY()
    start = end - dt.timedelta(days=364)
    chair, ceo = world.people["pec_chair"], world.people["chief_executive"]
    log(world, start + dt.timedelta(days=10), "high_level", [ceo], subject="Financial recovery")
    log(world, start + dt.timedelta(days=20), "high_level", [ceo, chair], subject="Capital plan")
    log(world, start + dt.timedelta(days=1), "regular", [chair])
    log(world, start + dt.timedelta(days=80), "regular", [chair])
    log(world, end - dt.timedelta(days=10), "regular", [chair])
    log(world, start + dt.timedelta(days=30), "performance", [chair], subject="Quarterly review")
    log(world, start - dt.timedelta(days=5), "high_level", [ceo], subject="Last year")

    summary = sha_summary(trust=world.trust, start=start, end=end)

    assert [r.subject for r in summary.without_chair] == ["Financial recovery"]
    assert len(summary.entries) == 6
    assert summary.regular_held == 3
    assert [(g.start, g.end) for g in summary.gaps] == [
        (start + dt.timedelta(days=80), end - dt.timedelta(days=10))
    ]
    assert [r.subject for r in summary.performance] == ["Quarterly review"]
    assert summary.months == 3
    assert summary.finding.status == Status.FAIL
    assert "Financial recovery" in summary.finding.facts


def test_sha_summary_follows_a_change_of_chair(world: World) -> None:
    """ORG-7: after the chair changes, the new chair's attendance counts, not the old one's."""
    old = world.pec.memberships.get(role="chair")
    change = TODAY() - dt.timedelta(days=100)
    ts.membership_end(
        actor=SYSTEM, membership=old, end_date=change - dt.timedelta(days=1), end_reason="stood_down"
    )
    new_chair = make_person(world.trust, name="Dr New Chair")
    seat(new_chair, world.pec, "chair", start=change)
    log(world, change - dt.timedelta(days=10), "high_level", [old.person], subject="Before")
    log(world, change + dt.timedelta(days=10), "high_level", [old.person], subject="After, old chair")
    log(world, change + dt.timedelta(days=20), "communication", [new_chair], subject="After, new chair")

    summary = sha_summary(trust=world.trust, start=change - dt.timedelta(days=30), end=TODAY())

    assert [r.subject for r in summary.without_chair] == ["After, old chair"]
    by_subject = {r.subject: r for r in summary.entries}
    assert by_subject["After, new chair"].chair_name == "Dr New Chair"
    assert by_subject["Before"].chair_present is True
