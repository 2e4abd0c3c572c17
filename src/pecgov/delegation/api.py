"""The scheme of delegation and function coverage over the API (PUB-2; TOR-2, PBC-2, POL-3).

Any user of the trust reads them (delegation.view), as on the pages; the answers come
from the same queries and the same pure router the services use, so the API cannot
route a case differently from a submission.
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from pecgov.api.listing import Paged, trust_of
from pecgov.delegation import queries
from pecgov.delegation import scheme as engine
from pecgov.delegation.enums import Decider, DecisionKind
from pecgov.delegation.models import Delegation
from pecgov.errors import DomainError
from pecgov.policy.api import FindingOut
from pecgov.policy.engine import worst
from pecgov.policy.services import effective_policy
from pecgov.trust.models import Organisation
from pecgov.trust.roles import roles_of

router = Router(tags=["delegation"])


def _trust_id(request: HttpRequest) -> int:
    roles = roles_of(request.user)
    if roles.trust_id is None or not request.user.has_perm("delegation.view"):
        raise HttpError(403, "Your role does not allow this")
    return roles.trust_id


class BandOut(Schema):
    lower: int
    upper: int | None
    decider: str
    decider_label: str
    summary: str


class SchemeOut(Schema):
    kind: str
    label: str
    version: int | None
    adopted_on: dt.date | None
    bands: list[BandOut]


class RouteOut(Schema):
    kind: str
    value: int
    decider: str
    decider_label: str
    reason: str
    band: BandOut
    scheme_version: int
    scheme_adopted_on: dt.date


class CoverageOut(Schema):
    framework: str
    on: dt.date
    worst: str
    findings: list[FindingOut]


def band_out(band: engine.Band) -> dict[str, Any]:
    return {
        "lower": band.lower,
        "upper": band.upper,
        "decider": band.decider,
        "decider_label": Decider(band.decider).label,
        "summary": band.describe(),
    }


@router.get("/scheme", response=list[SchemeOut])
def list_scheme(request: HttpRequest) -> Any:
    """The version in force for each kind of decision, with its value bands (TOR-2).
    A kind with no scheme adopted yet has no version and no bands."""
    return [
        {
            "kind": view.kind,
            "label": view.label,
            "version": view.scheme.version if view.scheme else None,
            "adopted_on": view.scheme.adopted_on if view.scheme else None,
            "bands": [band_out(b) for b in view.bands],
        }
        for view in queries.current_schemes(_trust_id(request)).values()
    ]


@router.get("/scheme/route", response=RouteOut)
def get_scheme_route(request: HttpRequest, kind: str = "", value: int | None = None) -> Any:
    """Who would decide a case of this kind and value under the scheme in force, and why (PBC-2).

    A missing kind, or a value a case could not have (missing, negative or too large: the same
    check and words as submitting a case), is 422 with the field's message; a kind
    with no scheme adopted yet is 409, because the trust must adopt one first.
    """
    trust_id = _trust_id(request)
    errors: dict[str, str | list[str]] = {}
    if kind not in DecisionKind.values:
        errors["kind"] = "Select the kind of decision: " + " or ".join(DecisionKind.values)
    problem = engine.value_problem(value)
    if problem:
        errors["value"] = problem
    if errors:
        raise DomainError(errors)
    assert value is not None
    view = queries.current_scheme(trust_id, kind)
    # The case kinds share the decision kinds' values; their words make the same reason a
    # submitted case records.
    noun = DecisionKind(kind).label.removeprefix("PBC ").lower()
    if view.scheme is None:
        raise HttpError(
            409,
            f"The trust has no scheme of delegation for a {noun} yet, so it cannot be routed. "
            "Ask the governance lead to adopt one.",
        )
    try:
        chosen = engine.route(view.bands, value, kind_label=noun)
    except engine.NoRoute as error:
        raise HttpError(409, str(error)) from error
    return {
        "kind": kind,
        "value": value,
        "decider": chosen.decider,
        "decider_label": Decider(chosen.decider).label,
        "reason": chosen.reason,
        "band": band_out(chosen.band),
        "scheme_version": view.scheme.version,
        "scheme_adopted_on": view.scheme.adopted_on,
    }


@router.get("/functions/coverage", response=CoverageOut)
def get_function_coverage(request: HttpRequest, on: dt.date | None = None) -> Any:
    """POL-3: whether each key function group is delegated with authority and has a lead."""
    trust = Organisation.objects.get(pk=_trust_id(request))
    policy = effective_policy(trust)
    day = on or timezone.localdate()
    findings = queries.coverage_findings(trust, on=day, policy=policy)
    return {
        "framework": queries.framework(policy),
        "on": day,
        "worst": str(worst(findings)),
        "findings": [f.as_dict() for f in findings],
    }


class LeadAreaOut(Schema):
    id: int
    person_id: int
    person: str
    area: str
    function_id: int | None
    tasks: str
    start_date: dt.date
    end_date: dt.date | None

    @staticmethod
    def resolve_person(obj: Any) -> str:
        return str(obj.person.name)


class DelegationOut(Schema):
    id: int
    function_id: int
    function: str
    group: str
    committee_id: int
    authority: str
    start_date: dt.date
    end_date: dt.date | None
    board_reference: str

    @staticmethod
    def resolve_function(obj: Delegation) -> str:
        return obj.function.name

    @staticmethod
    def resolve_group(obj: Delegation) -> str:
        return obj.function.group


@router.get("/lead-areas", response=list[LeadAreaOut])
def list_lead_areas(request: HttpRequest, on: dt.date | None = None) -> Any:
    """Each member's lead areas in force on `on` (default today), by name (TOR-3)."""
    return queries.lead_areas(trust_of(request, "delegation.view"), on)


@router.get("/delegations", response=list[DelegationOut])
@paginate(Paged)
def list_delegations(request: HttpRequest, committee: int | None = None, current: bool = False) -> Any:
    """Which committee holds which function and with what authority (TOR-2, POL-3); `current`
    true for those in force today."""
    qs = Delegation.objects.filter(function__trust_id=trust_of(request, "delegation.view")).select_related(
        "function"
    )
    if committee is not None:
        qs = qs.filter(committee_id=committee)
    if current:
        today = timezone.localdate()
        qs = qs.filter(start_date__lte=today).exclude(end_date__lt=today)
    return qs.order_by("function__group", "function__name", "start_date", "id")
