"""ORG read endpoints: organisations, people, committees, memberships (PUB-2). A committee's
findings are pecgov.policy.api's.

The same permission predicates and trust scoping as the pages: anonymous is
401, a user outside any trust is 403, another trust's object is 404.
"""

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from pecgov.api.auth import WRITE_AUTH
from pecgov.api.listing import Order, Paged
from pecgov.api.schemas import EndIn
from pecgov.errors import DomainError
from pecgov.trust import queries, services
from pecgov.trust.models import Committee, Membership, Organisation, Person
from pecgov.trust.roles import roles_of

router = Router(tags=["trust"])


def _trust_id(request: HttpRequest, perm: str = "trust.view") -> int:
    roles = roles_of(request.user)
    if roles.trust_id is None or not request.user.has_perm(perm):
        raise HttpError(403, "Your role does not allow this")
    return roles.trust_id


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    provider_kind: str
    ods_code: str
    parent_id: int | None
    closed_on: dt.date | None
    address: str
    postcode: str
    open_date: dt.date | None


class LinkOut(Schema):
    id: int
    kind: str
    to_organisation_id: int
    to_organisation_name: str
    start_date: dt.date
    end_date: dt.date | None


class OrganisationDetailOut(OrganisationOut):
    links: list[LinkOut]


class PersonOut(Schema):
    id: int
    name: str
    profession: str
    job_title: str
    registration_body: str
    registration_number: str
    practising: bool
    has_caseload: bool
    organisation_id: int | None


class CommitteeOut(Schema):
    id: int
    name: str
    kind: str
    parent_id: int | None
    locality_id: int | None
    purpose: str


class MembershipOut(Schema):
    id: int
    person_id: int
    person_name: str = Field(alias="person.name")
    committee_id: int
    role: str
    start_date: dt.date
    end_date: dt.date | None
    end_reason: str
    co_opted_scope: str
    current: bool

    @staticmethod
    def resolve_current(obj: Membership) -> bool:
        return obj.is_current(timezone.localdate())


class OrgFilter(Schema):
    kind: str = ""
    q: str = ""


class PersonFilter(Schema):
    profession: str = ""
    q: str = ""


ORGANISATION_ORDER = Order({"name": "name", "kind": "kind", "ods_code": "ods_code"}, None, "name")
PERSON_ORDER = Order({"name": "name", "profession": "profession"}, None, "name")
COMMITTEE_ORDER = Order({"name": "name", "kind": "kind"}, None, "the committee tree, from the Board down")
MEMBERSHIP_ORDER = Order(
    {
        "person": "person__name",
        "committee": "committee__name",
        "role": "role",
        "start_date": "start_date",
        "end_date": "end_date",
    },
    None,
    "committee, then person",
)


@router.get("/organisations", response=list[OrganisationOut])
@paginate(Paged, order=ORGANISATION_ORDER)
def list_organisations(request: HttpRequest, filters: Query[OrgFilter]) -> Any:
    return queries.organisations_values(
        _trust_id(request), list(OrganisationOut.model_fields), kind=filters.kind, search=filters.q[:100]
    )


@router.get("/organisations/{org_id}", response=OrganisationDetailOut)
def get_organisation(request: HttpRequest, org_id: int) -> Any:
    try:
        org = queries.organisation_detail(_trust_id(request), org_id)
    except Organisation.DoesNotExist as error:
        raise Http404 from error
    links = [
        {
            "id": link.pk,
            "kind": link.kind,
            "to_organisation_id": link.to_organisation_id,
            "to_organisation_name": link.to_organisation.name,
            "start_date": link.start_date,
            "end_date": link.end_date,
        }
        for link in org.links_out.all()
    ]
    return {**OrganisationOut.model_validate(org).model_dump(), "links": links}


@router.get("/people", response=list[PersonOut])
@paginate(Paged, order=PERSON_ORDER)
def list_people(request: HttpRequest, filters: Query[PersonFilter]) -> Any:
    return queries.people_values(
        _trust_id(request),
        list(PersonOut.model_fields),
        profession=filters.profession,
        search=filters.q[:100],
    )


@router.get("/people/{person_id}", response=PersonOut)
def get_person(request: HttpRequest, person_id: int) -> Any:
    try:
        return Person.objects.get(pk=person_id, trust_id=_trust_id(request))
    except Person.DoesNotExist as error:
        raise Http404 from error


@router.get("/committees", response=list[CommitteeOut])
@paginate(Paged, order=COMMITTEE_ORDER)
def list_committees(request: HttpRequest) -> Any:
    return queries.committees(_trust_id(request))


def committee_in_trust(request: HttpRequest, committee_id: int) -> Committee:
    """The committee, if it is in the caller's trust and the caller may see it; else 404."""
    try:
        return Committee.objects.select_related("trust").get(pk=committee_id, trust_id=_trust_id(request))
    except Committee.DoesNotExist as error:
        raise Http404 from error


@router.get("/committees/{committee_id}", response=CommitteeOut)
def get_committee(request: HttpRequest, committee_id: int) -> Any:
    return committee_in_trust(request, committee_id)


@router.get("/committees/{committee_id}/memberships", response=list[MembershipOut])
@paginate(Paged, order=MEMBERSHIP_ORDER)
def list_committee_memberships(request: HttpRequest, committee_id: int, current: bool = False) -> Any:
    committee = committee_in_trust(request, committee_id)
    on = timezone.localdate()
    qs = (
        Membership.objects.filter(committee=committee).select_related("person").order_by("person__name", "id")
    )
    if current:
        qs = qs.filter(queries.current_q(on))
    return qs


@router.get("/memberships", response=list[MembershipOut])
@paginate(Paged, order=MEMBERSHIP_ORDER)
def list_memberships(request: HttpRequest, current: bool = False) -> Any:
    on = timezone.localdate()
    qs = (
        Membership.objects.filter(committee__trust_id=_trust_id(request))
        .select_related("person")
        .order_by("committee_id", "person__name", "id")
    )
    if current:
        qs = qs.filter(queries.current_q(on))
    return qs


class MembershipIn(Schema):
    """A seat on the committee (ORG-4); left-out fields get the form's messages."""

    person_id: int | None = None
    role: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    co_opted_scope: str = ""


class MembershipEndIn(EndIn):
    end_reason: str = ""
    end_note: str = ""


def _membership(request: HttpRequest, membership_id: int) -> Membership:
    try:
        return Membership.objects.select_related("person", "committee").get(
            pk=membership_id, committee__trust_id=_trust_id(request)
        )
    except Membership.DoesNotExist as error:
        raise Http404 from error


@router.get("/memberships/{membership_id}", response=MembershipOut)
def get_membership(request: HttpRequest, membership_id: int) -> Any:
    return _membership(request, membership_id)


@router.post("/committees/{committee_id}/memberships", response={201: MembershipOut}, auth=WRITE_AUTH)
def create_membership(request: HttpRequest, committee_id: int, payload: MembershipIn) -> Any:
    """Seat a person on the committee (ORG-4): governance lead only; the composition rules and
    tenure checks are the form's (422 with each field's message, nothing saved)."""
    _trust_id(request, "trust.manage")
    committee = committee_in_trust(request, committee_id)
    person = Person.objects.filter(pk=payload.person_id or 0, trust_id=committee.trust_id).first()
    if person is None:
        raise DomainError({"person_id": "Select a person in this trust"})
    made = services.membership_create(
        actor=request.user,
        person=person,
        committee=committee,
        role=payload.role,
        start_date=payload.start_date,
        end_date=payload.end_date,
        co_opted_scope=payload.co_opted_scope,
    )
    return Status(201, _membership(request, made.pk))


@router.post("/memberships/{membership_id}/end", response={200: MembershipOut}, auth=WRITE_AUTH)
def end_membership(request: HttpRequest, membership_id: int, payload: MembershipEndIn) -> Any:
    """End a tenure with its last day and a reason (ORG-4, PERF-6); governance lead only."""
    _trust_id(request, "trust.manage")
    membership = _membership(request, membership_id)
    services.membership_end(actor=request.user, membership=membership, **payload.model_dump())
    return _membership(request, membership_id)
