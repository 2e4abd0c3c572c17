"""The engagement app answers the trust app's committee page with the third-pin finding (ORG-7):
on the PEC's page, over the twelve months up to the day shown, the high-level meetings and
communications with the SHA held without the PEC chair, each named, and gaps in the chair's
regular meetings with senior SHA staff. It is shown with the structure findings, added after
any other receiver's (the signal appends lists answered under the same key)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from pecgov.engagement.models import ShaEntry
from pecgov.engagement.queries import sha_summary
from pecgov.engagement.third_pin import add_months
from pecgov.trust import signals
from pecgov.trust.enums import CommitteeKind


def _committee_findings(
    sender: Any, *, committee: Any, shared: dict[str, Any], on: dt.date | None = None, **kwargs: Any
) -> dict[str, Any]:
    if (
        committee.kind != CommitteeKind.PEC
        or not ShaEntry.objects.filter(trust_id=committee.trust_id).exists()
    ):
        return {}
    day = on or timezone.localdate()
    summary = sha_summary(trust=committee.trust, start=add_months(day, -12) + dt.timedelta(days=1), end=day)
    return {"structure_findings": [summary.finding]}


def connect() -> None:
    signals.committee_findings.connect(_committee_findings, dispatch_uid="engagement.committee_findings")
