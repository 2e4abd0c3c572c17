"""The engagement app answers the trust app's committee page with the third-pin finding (ORG-7):
on the PEC's page, over the twelve months up to the day shown, the high-level meetings and
communications with the SHA held without the PEC chair, each named, and gaps in the chair's
regular meetings with senior SHA staff. It is shown with the structure findings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from pecgov.engagement.models import ShaEntry
from pecgov.engagement.queries import sha_summary
from pecgov.engagement.third_pin import add_months
from pecgov.members.models import PayRate
from pecgov.members.receivers import pay_equity_finding
from pecgov.policy.engine import Finding, worst
from pecgov.policy.services import effective_policy
from pecgov.trust import signals
from pecgov.trust.enums import CommitteeKind


def _earlier(committee: Any, shared: dict[str, Any]) -> list[Finding]:
    """The structure findings receivers before this one gave. The signal merges answers by key,
    so the last answer wins: receivers that share the key pass their findings on in `shared`.
    The members app (connected earlier) does not yet, so its pay-equity finding is asked here."""
    if "structure_findings" in shared:
        return list(shared["structure_findings"])
    if PayRate.objects.filter(trust_id=committee.trust_id).exists():
        policy = shared.get("policy") or effective_policy(committee.trust)
        shared["policy"] = policy
        return [pay_equity_finding(committee.trust_id, policy)]
    return []


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
    findings = [*_earlier(committee, shared), summary.finding]
    shared["structure_findings"] = findings
    return {"structure_findings": findings, "structure_worst": worst(findings)}


def connect() -> None:
    signals.committee_findings.connect(_committee_findings, dispatch_uid="engagement.committee_findings")
