"""Policy read endpoints: the trust's effective policy and its overrides, and a committee's
composition findings (POL-1, POL-2, POL-4, PUB-2)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.pagination import paginate

from pecgov.api.listing import Paged, trust_of
from pecgov.policy.engine import worst
from pecgov.policy.models import PolicyOverride
from pecgov.policy.services import committee_findings, effective_policy
from pecgov.trust.api import committee_in_trust
from pecgov.trust.models import Organisation

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


class ParameterOut(Schema):
    key: str
    value: Any
    source: str


class PolicyOut(Schema):
    pack: str
    parameters: list[ParameterOut]


class OverrideOut(Schema):
    id: int
    key: str
    value: Any
    reason: str
    created_at: dt.datetime
    withdrawn_at: dt.datetime | None
    active: bool

    @staticmethod
    def resolve_active(obj: PolicyOverride) -> bool:
        return obj.withdrawn_at is None


@router.get("/policy", response=PolicyOut)
def get_policy(request: HttpRequest) -> Any:
    """The trust's policy pack and each parameter in force, with where it comes from: the
    pack, or an override (POL-1), as the policy page shows."""
    policy = effective_policy(Organisation.objects.get(pk=trust_of(request, "policy.view")))
    sources = policy.sources()
    return {
        "pack": policy.pack.key,
        "parameters": [
            {"key": k, "value": v, "source": sources[k]} for k, v in sorted(policy.values().items())
        ],
    }


@router.get("/policy/overrides", response=list[OverrideOut])
@paginate(Paged)
def list_policy_overrides(request: HttpRequest, active: bool | None = None) -> Any:
    """Every override the trust has made, newest first, with its reason; `active` true for those
    in force, false for those withdrawn (POL-1)."""
    overrides = PolicyOverride.objects.filter(trust_id=trust_of(request, "policy.view"))
    if active is not None:
        overrides = overrides.filter(withdrawn_at__isnull=active)
    return overrides.order_by("-created_at", "-id")
