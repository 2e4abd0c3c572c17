"""Policy answers the trust app's committee page with the composition findings (POL-2, POL-4)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pecgov.policy.engine import worst
from pecgov.policy.services import committee_findings, effective_policy
from pecgov.trust import signals


def _committee_findings(
    sender: Any, *, committee: Any, shared: dict[str, Any], on: dt.date | None = None, **kwargs: Any
) -> dict[str, Any]:
    policy = shared.get("policy") or effective_policy(committee.trust)
    shared["policy"] = policy
    findings = committee_findings(committee, on=on, policy=policy)
    return {"findings": findings, "worst": worst(findings) if findings else None, "policy": policy}


def connect() -> None:
    signals.committee_findings.connect(_committee_findings, dispatch_uid="policy.committee_findings")
