"""Policy over the API: the trust's effective policy and its overrides, and a committee's
composition findings (POL-1, POL-2, POL-4, PUB-2); choosing the pack and recording or
withdrawing an override, through the policy page's services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from pecgov.api.auth import WRITE_AUTH
from pecgov.api.listing import Order, Paged, found, trust_of
from pecgov.policy.engine import worst
from pecgov.policy.models import PolicyOverride
from pecgov.policy.services import (
    committee_findings,
    effective_policy,
    policy_choose_pack,
    policy_override,
    policy_override_withdraw,
)
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


OVERRIDE_ORDER = Order(
    {"created_at": "created_at", "key": "key", "withdrawn_at": "withdrawn_at"}, "-created_at"
)


@router.get("/policy/overrides", response=list[OverrideOut])
@paginate(Paged, order=OVERRIDE_ORDER)
def list_policy_overrides(request: HttpRequest, active: bool | None = None) -> Any:
    """Every override the trust has made, newest first, with its reason; `active` true for those
    in force, false for those withdrawn (POL-1)."""
    overrides = PolicyOverride.objects.filter(trust_id=trust_of(request, "policy.view"))
    if active is not None:
        overrides = overrides.filter(withdrawn_at__isnull=active)
    return overrides


# Writes: the policy page's forms (POL-1), through the same services; the governance lead only.


class PackIn(Schema):
    pack: str = ""
    reason: str = ""


class OverrideIn(Schema):
    key: str = ""
    value: str = Field(
        "", description="As the form takes it: a number, yes or no, a date like 2007-10-01, or none"
    )
    reason: str = ""


class WithdrawIn(Schema):
    reason: str = ""


def _lead_trust(request: HttpRequest) -> Organisation:
    return Organisation.objects.get(pk=trust_of(request, "policy.change"))


@router.post("/policy/pack", response={200: PolicyOut}, auth=WRITE_AUTH)
def choose_policy_pack(request: HttpRequest, payload: PackIn) -> Any:
    """Choose the trust's policy pack (POL-1), with a reason; governance lead only. Choosing
    the pack in force changes nothing."""
    trust = _lead_trust(request)
    policy_choose_pack(actor=request.user, trust=trust, pack=payload.pack, reason=payload.reason)
    return get_policy(request)


@router.post("/policy/overrides", response={201: OverrideOut}, auth=WRITE_AUTH)
def create_policy_override(request: HttpRequest, payload: OverrideIn) -> Any:
    """Override one parameter of the pack with a recorded reason (POL-1); replaces the active
    override of that parameter. A value the parameter cannot take is 422 on `value`."""
    trust = _lead_trust(request)
    override = policy_override(
        actor=request.user, trust=trust, key=payload.key, value=payload.value, reason=payload.reason
    )
    return Status(201, override)


@router.post("/policy/overrides/{override_id}/withdraw", response={200: OverrideOut}, auth=WRITE_AUTH)
def withdraw_policy_override(request: HttpRequest, override_id: int, payload: WithdrawIn) -> Any:
    """Withdraw an override: the pack's value applies again (POL-1). Withdrawn already: 422."""
    trust = _lead_trust(request)
    override = found(PolicyOverride.objects.get, Q(pk=override_id, trust_id=trust.pk))
    return policy_override_withdraw(actor=request.user, override=override, reason=payload.reason)
