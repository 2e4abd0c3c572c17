"""The demo (EFF-1, ORG-7): the checklist with two actions overdue and some proven by the record;
two SHA high-level meetings without the PEC chair and one gap in the regular meetings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from pecgov.checklist.queries import checklist_state
from pecgov.demo.trust import TRUST_CODE, load_demo
from pecgov.engagement.queries import sha_summary
from pecgov.trust.models import Organisation


def test_demo_checklist_and_sha_log(db: Any) -> None:
    """EFF-1: two actions overdue, some ticked by the record with their links, an owner on each.
    ORG-7: the third pin missed twice, one gap in the regular meetings over the year."""
    assert load_demo() is True
    demo = Organisation.objects.get(ods_code=TRUST_CODE)
    state = checklist_state(demo)
    assert state.overdue == 2
    assert state.proven >= 3
    assert all(a.proof.url.startswith("/") for a in state.actions if a.proof is not None)
    assert all(a.owner_name for a in state.actions)

    today = timezone.localdate()
    summary = sha_summary(trust=demo, start=today - dt.timedelta(days=364), end=today)
    assert [r.subject for r in summary.without_chair] == [
        "Financial recovery plan",
        "Reconfiguration of community hospitals",
    ]
    assert len(summary.gaps) == 1
    assert len(summary.performance) == 1
    assert load_demo() is False  # idempotent: a second load adds nothing
