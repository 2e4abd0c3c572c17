"""The scheme of delegation and function coverage over the API (PUB-2; TOR-2, PBC-2, POL-3).

Any user of the trust reads them (delegation.view), as on the pages; the answers come
from the same queries and the same pure router the services use, so the API cannot
route a case differently from a submission.
"""

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from pecgov.api.auth import WRITE_AUTH
from pecgov.api.listing import Order, Paged, fields_as, found, sorted_rows, trust_of
from pecgov.api.schemas import EndIn
from pecgov.api.versions import ETAG_DOC, IF_MATCH_HEADER, READ_VERSION_IN, READ_VERSION_OUT, Editable
from pecgov.delegation import queries, services
from pecgov.delegation import scheme as engine
from pecgov.delegation.enums import Decider, DecisionKind
from pecgov.delegation.models import Delegation, Function, LeadArea
from pecgov.errors import DomainError
from pecgov.policy.api import FindingOut
from pecgov.policy.engine import worst
from pecgov.policy.services import effective_policy
from pecgov.trust.models import Committee, Organisation, Person
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


NO_SCHEME_DOC: dict[str, Any] = {
    "responses": {
        "409": {
            "description": "No scheme of delegation is adopted for this kind yet, or none of its bands "
            "covers the value: the governance lead must adopt one first",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
    }
}


@router.get("/scheme/route", response=RouteOut, openapi_extra=NO_SCHEME_DOC)
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


LEAD_ORDER = {"person": "person__name", "area": "area", "start_date": "start_date"}
DELEGATION_ORDER = Order(
    {
        "function": "function__name",
        "group": "function__group",
        "committee": "committee__name",
        "start_date": "start_date",
        "end_date": "end_date",
    },
    None,
    "group, then function, then start date",
)


@router.get("/lead-areas", response=list[LeadAreaOut])
def list_lead_areas(request: HttpRequest, on: dt.date | None = None, ordering: str = "person") -> Any:
    """Each member's lead areas in force on `on` (default today), by name (TOR-3); `ordering`:
    person, area or start_date (- in front to reverse)."""
    return sorted_rows(
        queries.lead_areas(trust_of(request, "delegation.view"), on), ordering, LEAD_ORDER, "person"
    )


@router.get("/delegations", response=list[DelegationOut])
@paginate(Paged, order=DELEGATION_ORDER)
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


# The function catalogue and the delegation pages' forms (TOR-1..3), through the same services;
# writes are the governance lead's (delegation.manage), as on the pages.

# What the function's edit sets, in its page's words (delegation/forms.py FunctionForm), X-5.
FUNCTION_EDITS: Editable[Function] = Editable.named(
    {"group": "group", "name": "function", "description": "description"}
)
FUNCTION_ORDER = Order(
    {"group": "group", "name": "name", "retired_on": "retired_on"}, None, "group, then name"
)


class FunctionOut(Schema):
    id: int
    group: str
    name: str
    description: str
    source: str
    retired_on: dt.date | None
    read_version: str = READ_VERSION_OUT

    @staticmethod
    def resolve_read_version(obj: Function) -> str:
        return FUNCTION_EDITS.read_version(obj)


class FunctionIn(Schema):
    group: str = ""
    name: str = ""
    description: str = ""


class FunctionEditIn(FunctionIn):
    read_version: str = READ_VERSION_IN


class RetireIn(Schema):
    retired_on: dt.date | None = None


class DelegateIn(Schema):
    committee_id: int | None = None
    authority: str = ""
    start_date: dt.date | None = None
    board_reference: str = ""


class LeadAreaIn(Schema):
    person_id: int | None = None
    function_id: int | None = None
    area: str = ""
    tasks: str = ""
    start_date: dt.date | None = None


class BandIn(Schema):
    lower: int
    upper: int | None = None
    decider: str = ""


class SchemeIn(Schema):
    bands: list[BandIn] = []
    reason: str = ""


def _manager(request: HttpRequest) -> Organisation:
    return Organisation.objects.get(pk=trust_of(request, "delegation.manage"))


def _function(trust_id: int, pk: int) -> Function:
    return found(Function.objects.select_related("trust").get, Q(pk=pk, trust_id=trust_id))


@router.get("/functions", response=list[FunctionOut])
@paginate(Paged, order=FUNCTION_ORDER)
def list_functions(request: HttpRequest, retired: bool | None = None) -> Any:
    """The trust's catalogue of functions (TOR-1); `retired` true or false narrows it."""
    functions = Function.objects.filter(trust_id=trust_of(request, "delegation.view")).order_by(
        "group", "name", "id"
    )
    if retired is not None:
        functions = functions.filter(retired_on__isnull=not retired)
    return functions


@router.get("/functions/{function_id}", response=FunctionOut, openapi_extra=ETAG_DOC)
def get_function(request: HttpRequest, function_id: int, response: HttpResponse) -> Any:
    """One function of the catalogue (TOR-1); the ETag (and `read_version`) is for an edit (X-5)."""
    function = _function(trust_of(request, "delegation.view"), function_id)
    FUNCTION_EDITS.tag(response, function)
    return function


@router.post("/functions", response={201: FunctionOut}, auth=WRITE_AUTH)
def create_function(request: HttpRequest, payload: FunctionIn) -> Any:
    """Add a function to the catalogue (TOR-1); a name the group already has is 422."""
    trust = _manager(request)
    return Status(201, services.function_create(actor=request.user, trust=trust, **payload.model_dump()))


@router.post("/catalogue/seed", response={200: dict[str, int]}, auth=WRITE_AUTH)
def seed_functions(request: HttpRequest) -> Any:
    """Add the published functions (DH Annex A, the Alliance's roles) the trust lacks (TOR-1)."""
    return {"added": services.catalogue_seed(actor=request.user, trust=_manager(request))}


@router.post("/functions/{function_id}", response={200: FunctionOut}, auth=WRITE_AUTH, openapi_extra=ETAG_DOC)
def edit_function(
    request: HttpRequest,
    function_id: int,
    payload: FunctionEditIn,
    response: HttpResponse,
    if_match: str = IF_MATCH_HEADER,
) -> Any:
    """Edit a function (TOR-1). With the ETag of your read as If-Match (or its `read_version` in
    the body), an edit of a function someone changed since is 412 with what changed, and
    nothing is saved (X-5)."""
    trust = _manager(request)
    function = _function(trust.pk, function_id)
    with transaction.atomic():
        FUNCTION_EDITS.check(function, if_match=if_match, read_version=payload.read_version)
        changes = payload.model_dump(exclude={"read_version"})
        saved = services.function_update(actor=request.user, function=function, **changes)
    FUNCTION_EDITS.tag(response, saved)
    return saved


@router.post("/functions/{function_id}/retire", response={200: FunctionOut}, auth=WRITE_AUTH)
def retire_function(request: HttpRequest, function_id: int, payload: RetireIn) -> Any:
    """Retire a function from a date (TOR-1): refused while it is still delegated."""
    function = _function(_manager(request).pk, function_id)
    if payload.retired_on is None:
        raise DomainError({"retired_on": "Enter the date the function is retired"})
    return services.function_update(actor=request.user, function=function, retired_on=payload.retired_on)


@router.post("/functions/{function_id}/delegations", response={201: DelegationOut}, auth=WRITE_AUTH)
def create_delegation(request: HttpRequest, function_id: int, payload: DelegateIn) -> Any:
    """The Board delegates a function to a committee with an authority (TOR-1, POL-3)."""
    trust = _manager(request)
    function = _function(trust.pk, function_id)
    committee = Committee.objects.filter(pk=payload.committee_id or 0, trust_id=trust.pk).first()
    with fields_as({"committee": "committee_id", "function": "function_id"}):
        delegation = services.delegation_create(
            actor=request.user,
            function=function,
            committee=committee,
            authority=payload.authority,
            start_date=payload.start_date,
            board_reference=payload.board_reference,
        )
    return Status(201, delegation)


@router.post("/delegations/{delegation_id}/end", response={200: DelegationOut}, auth=WRITE_AUTH)
def end_delegation(request: HttpRequest, delegation_id: int, payload: EndIn) -> Any:
    """End a delegation on a date (TOR-1)."""
    trust = _manager(request)
    delegation = found(
        Delegation.objects.select_related("function").get, Q(pk=delegation_id, function__trust_id=trust.pk)
    )
    return services.delegation_end(actor=request.user, delegation=delegation, end_date=payload.end_date)


@router.post("/lead-areas", response={201: LeadAreaOut}, auth=WRITE_AUTH)
def create_lead_area(request: HttpRequest, payload: LeadAreaIn) -> Any:
    """A member leads on an area or a function (TOR-3): only someone with a committee seat."""
    trust = _manager(request)
    person = Person.objects.filter(pk=payload.person_id or 0, trust_id=trust.pk).first()
    if person is None:
        raise DomainError({"person_id": "Select the member who leads"})
    function = None
    if payload.function_id is not None:
        function = Function.objects.filter(pk=payload.function_id, trust_id=trust.pk).first()
        if function is None:
            raise DomainError({"function_id": "Select a function in this trust"})
    with fields_as({"person": "person_id", "function": "function_id"}):
        lead = services.lead_area_create(
            actor=request.user,
            person=person,
            function=function,
            area=payload.area,
            tasks=payload.tasks,
            start_date=payload.start_date,
        )
    return Status(201, lead)


@router.post("/lead-areas/{lead_area_id}/end", response={200: LeadAreaOut}, auth=WRITE_AUTH)
def end_lead_area(request: HttpRequest, lead_area_id: int, payload: EndIn) -> Any:
    """End a lead area on a date (TOR-3)."""
    trust = _manager(request)
    lead = found(LeadArea.objects.select_related("person").get, Q(pk=lead_area_id, person__trust_id=trust.pk))
    return services.lead_area_end(actor=request.user, lead=lead, end_date=payload.end_date)


@router.post("/scheme/adopt-default", response={200: list[SchemeOut]}, auth=WRITE_AUTH)
def adopt_default_scheme(request: HttpRequest) -> Any:
    """Adopt the starting scheme for each kind of decision not yet covered (TOR-2)."""
    services.scheme_adopt_default(actor=request.user, trust=_manager(request))
    return list_scheme(request)


@router.post("/scheme/{kind}", response={201: SchemeOut}, auth=WRITE_AUTH)
def adopt_scheme(request: HttpRequest, kind: str, payload: SchemeIn) -> Any:
    """Adopt a new version of the scheme for one kind of decision (TOR-2): a broken scheme is
    refused whole, every gap, overlap and missing decider named; the version in force stays."""
    trust = _manager(request)
    if kind not in DecisionKind.values:
        raise Http404
    bands = [engine.Band(b.lower, b.upper, b.decider) for b in payload.bands]
    with fields_as({"__all__": "bands"}):
        services.scheme_adopt(
            actor=request.user, trust=trust, decision_kind=kind, bands=bands, reason=payload.reason
        )
    view = queries.current_scheme(trust.pk, kind)
    return Status(
        201,
        {
            "kind": view.kind,
            "label": view.label,
            "version": view.scheme.version if view.scheme else None,
            "adopted_on": view.scheme.adopted_on if view.scheme else None,
            "bands": [band_out(b) for b in view.bands],
        },
    )
