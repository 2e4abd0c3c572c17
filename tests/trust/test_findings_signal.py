"""The committee page's findings signal: receivers that answer under the same key add to each
other's findings rather than replace them (POL-2, REM-2, ORG-7, ORG-8)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from pecgov.policy.engine import Finding, Status
from pecgov.trust import signals
from tests.factories import World

FIRST = Finding("TEST-1", "First receiver's finding", Status.PASS, "Fine.", "Test")
SECOND = Finding("TEST-2", "Second receiver's finding", Status.FAIL, "Not fine.", "Test")


def _first(sender: Any, **kwargs: Any) -> dict[str, Any]:
    return {"structure_findings": [FIRST], "note": "first"}


def _second(sender: Any, **kwargs: Any) -> dict[str, Any]:
    return {"structure_findings": [SECOND], "note": "second"}


@pytest.fixture
def two_receivers() -> Iterator[None]:
    signals.committee_findings.connect(_first, dispatch_uid="test.first")
    signals.committee_findings.connect(_second, dispatch_uid="test.second")
    yield
    signals.committee_findings.disconnect(dispatch_uid="test.first")
    signals.committee_findings.disconnect(dispatch_uid="test.second")


def test_receivers_sharing_a_key_append_their_findings(world: World, two_receivers: None) -> None:
    """POL-2: two receivers answering `structure_findings` both show, in the order connected;
    a later receiver's list does not overwrite an earlier one's."""
    answer = signals.findings_for(world.board)
    found = [f.rule for f in answer["structure_findings"]]
    assert found[-2:] == ["TEST-1", "TEST-2"]
    assert found.count("TEST-1") == 1
    assert answer["note"] == "second"  # values that are not lists: the last answer still wins


def test_each_finding_appears_once_on_the_pec(world: World, two_receivers: None) -> None:
    """REM-2, ORG-7 with the test receivers: the app's own findings and the added ones, each once."""
    from django.utils import timezone

    from tests.engagement.helpers import log
    from tests.members.helpers import framework

    framework(world)
    log(world, timezone.localdate(), "regular", [world.people["pec_chair"]])
    rules = [f.rule for f in signals.findings_for(world.pec)["structure_findings"]]
    assert sorted(rules) == ["ORG-7", "REM-2", "TEST-1", "TEST-2"]
