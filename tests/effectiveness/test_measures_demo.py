"""The demo year's measures (issue 18's Demo paragraph; EFF-2, MTG-4, DH 3.1): one quarter with a
high rubber-stamp ratio, and the trend falling after it."""

from __future__ import annotations

import io
import itertools
from typing import Any

from django.core.management import call_command

from pecgov.demo.trust import TRUST_CODE
from pecgov.effectiveness.queries import default_committee, default_period, measures_for
from pecgov.trust.enums import OrganisationKind
from pecgov.trust.models import Organisation


def test_demo_rubber_stamp_ratio_is_high_then_falls(db: Any) -> None:
    """MTG-4: the first quarter's ratio is at least 90%; every later quarter's is lower than the
    one before; the demo page has something behind every count."""
    call_command("load_demo", stdout=io.StringIO())
    trust = Organisation.objects.get(kind=OrganisationKind.TRUST, ods_code=TRUST_CODE)
    committee = default_committee(trust)
    assert committee is not None
    start, end = default_period()
    found = measures_for(trust=trust, committee=committee, start=start, end=end)
    ratios = [q.rubber_stamp_ratio for q in found.contributions]
    assert ratios[0] is not None and ratios[0] >= 0.9
    assert all(a is not None and b is not None and b < a for a, b in itertools.pairwise(ratios))
    assert found.measure("meetings_held").value and found.measure("attendance").value
