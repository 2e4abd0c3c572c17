"""The members app answers the trust app's committee page with the pay-equity finding (REM-2):
on the PEC, once the trust keeps a remuneration framework, members of different professions paid
differently for the same role fail the Alliance's "paid as clinical leaders" rule. It is shown
with the structure findings ("Is the committee set up as the guidance asks?"), which the PEC's
page does not otherwise use."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pecgov.members import jobs
from pecgov.members.models import PayRate
from pecgov.members.pay_equity import Inequity
from pecgov.members.queries import pay_findings
from pecgov.notifications.jobs import daily_checks
from pecgov.policy.engine import Finding, Status
from pecgov.policy.services import effective_policy
from pecgov.trust import signals
from pecgov.trust.enums import CommitteeKind

RULE = "REM-2"
TITLE = "Members are paid as clinical leaders, whatever their profession"
SOURCE = 'Alliance "The Structure"'


def _facts(found: Inequity) -> str:
    return (
        f"{found.role}: paid from £{found.lowest:,.2f} to £{found.highest:,.2f} "
        f"({'per session' if found.basis == 'sessional' else 'a year'}), a difference of "
        f"£{found.difference:,.2f}, across professions: {', '.join(found.members)}"
    )


def pay_equity_finding(trust_id: int, policy: Any) -> Finding:
    found = pay_findings(trust_id, policy)
    if not found:
        tolerance = policy["members.pay_equity_tolerance_percent"]
        return Finding(
            RULE,
            TITLE,
            Status.PASS,
            f"Every role is paid alike across professions (within {tolerance}%).",
            SOURCE,
        )
    return Finding(
        RULE,
        TITLE,
        Status.FAIL,
        "; ".join(_facts(f) for f in found),
        SOURCE,
        action="Pay every member of a role at the framework's rate, whatever their profession.",
        names=tuple(name for f in found for name in f.members),
    )


def _committee_findings(
    sender: Any, *, committee: Any, shared: dict[str, Any], on: dt.date | None = None, **kwargs: Any
) -> dict[str, Any]:
    if (
        committee.kind != CommitteeKind.PEC
        or not PayRate.objects.filter(trust_id=committee.trust_id).exists()
    ):
        return {}
    policy = shared.get("policy") or effective_policy(committee.trust)
    shared["policy"] = policy
    return {"structure_findings": [pay_equity_finding(committee.trust_id, policy)]}


def _daily(sender: Any, *, day: dt.date, **kwargs: Any) -> int:
    return jobs.reviews_due(day)


def connect() -> None:
    signals.committee_findings.connect(_committee_findings, dispatch_uid="members.committee_findings")
    daily_checks.connect(_daily, dispatch_uid="members.daily")
