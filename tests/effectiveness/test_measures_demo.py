"""The demo year's measures (the demo year; EFF-2, MTG-4, DH 3.1): one quarter with a
high rubber-stamp ratio, and the trend falling after it."""

from __future__ import annotations

import io
from typing import Any

from django.core.management import call_command

from pecgov.demo.trust import TRUST_CODE
from pecgov.effectiveness.queries import default_committee, default_period, measures_for
from pecgov.trust.enums import OrganisationKind
from pecgov.trust.models import Organisation


def test_demo_rubber_stamp_ratio_is_high_then_falls(db: Any) -> None:
    """MTG-4: the first quarter with items recorded has a ratio of at least 90%; every later
    quarter's is lower, and the last is lower than the second; the period has meetings and
    attendance behind it."""
    call_command("load_demo", stdout=io.StringIO())
    trust = Organisation.objects.get(kind=OrganisationKind.TRUST, ods_code=TRUST_CODE)
    committee = default_committee(trust)
    assert committee is not None
    start, end = default_period()
    found = measures_for(trust=trust, committee=committee, start=start, end=end)
    ratios = [q.rubber_stamp_ratio for q in found.contributions if q.rubber_stamp_ratio is not None]
    assert ratios[0] >= 0.9
    assert all(later < ratios[0] for later in ratios[1:])
    assert ratios[-1] < ratios[1]
    assert found.measure("meetings_held").value and found.measure("attendance").value
