"""The third-pin finding on the PEC's committee page (ORG-7), beside the other structure findings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from pecgov.trust.signals import findings_for
from tests.engagement.helpers import log
from tests.factories import World
from tests.members.helpers import framework


def test_committee_page_names_the_meeting_without_the_chair(world: World, lead_client: Any) -> None:
    """ORG-7: the PEC's page shows the finding, naming the meeting held without the chair."""
    log(
        world,
        timezone.localdate() - dt.timedelta(days=5),
        "high_level",
        [world.people["chief_executive"]],
        subject="Estates strategy",
    )
    page = lead_client.get(f"/committees/{world.pec.pk}/").content.decode()
    assert 'data-rule="ORG-7" data-status="fail"' in page
    assert "Estates strategy: without the PEC chair" in page
    board_page = lead_client.get(f"/committees/{world.board.pk}/").content.decode()
    assert 'data-rule="ORG-7"' not in board_page


def test_no_log_no_finding(world: World) -> None:
    """ORG-7: a trust that keeps no log yet gets no finding (nothing to judge)."""
    assert "structure_findings" not in findings_for(world.pec)


def test_the_pay_equity_finding_stays_beside_it(world: World) -> None:
    """ORG-7 with REM-2: both findings show; neither receiver hides the other's."""
    framework(world)
    log(world, timezone.localdate(), "regular", [world.people["pec_chair"]])
    rules = [f.rule for f in findings_for(world.pec)["structure_findings"]]
    assert rules == ["REM-2", "ORG-7"]
