"""Delegation answers the trust app's committee page with function coverage (POL-3): for the PEC,
once the trust keeps a functions catalogue, so a trust that has not set up its terms of reference
is told to, not shown a wall of failures."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pecgov.delegation.queries import catalogue_started, coverage_findings
from pecgov.policy.services import effective_policy
from pecgov.trust import signals
from pecgov.trust.enums import CommitteeKind


def _committee_findings(
    sender: Any, *, committee: Any, shared: dict[str, Any], on: dt.date | None = None, **kwargs: Any
) -> dict[str, Any]:
    if committee.kind != CommitteeKind.PEC or not catalogue_started(committee.trust_id):
        return {"function_findings": None}
    policy = shared.get("policy") or effective_policy(committee.trust)
    shared["policy"] = policy
    return {"function_findings": coverage_findings(committee.trust, on=on, policy=policy)}


def connect() -> None:
    signals.committee_findings.connect(_committee_findings, dispatch_uid="delegation.committee_findings")
