"""Policy read endpoints: a committee's composition findings (POL-2, POL-4, PUB-2)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from pecgov.policy.engine import worst
from pecgov.policy.services import committee_findings, effective_policy
from pecgov.trust.api import committee_in_trust

router = Router(tags=["policy"])


class FindingOut(Schema):
    rule: str
    title: str
    status: str
    facts: str
    source: str
    action: str
    names: list[str]


class FindingsOut(Schema):
    committee_id: int
    committee: str
    pack: str
    on: dt.date
    worst: str
    findings: list[FindingOut]


@router.get("/committees/{committee_id}/findings", response=FindingsOut)
def get_committee_findings(request: HttpRequest, committee_id: int, on: dt.date | None = None) -> Any:
    """Composition findings (POL-2, POL-4): the same as the committee page and `pecgov check`."""
    committee = committee_in_trust(request, committee_id)
    policy = effective_policy(committee.trust)
    day = on or timezone.localdate()
    findings = committee_findings(committee, on=day, policy=policy)
    return {
        "committee_id": committee.pk,
        "committee": committee.name,
        "pack": policy.pack.key,
        "on": day,
        "worst": str(worst(findings)),
        "findings": [f.as_dict() for f in findings],
    }
