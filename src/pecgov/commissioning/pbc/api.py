"""PBC groups over the API (PUB-2; PBC-6, ORG-6): each open group with its maturity, the support
it has now, its member practices, its links with the PEC and any taper warning, as the PBC
overview page shows them, with the page's permission ("commissioning.view_pbc"); and the group
pages' forms (maturity, support, links to the PEC, and ending them), each calling the page's
service with its permission ("commissioning.manage_pbc", the governance lead): a broken rule is
422 with a field map and saves nothing, another trust's group, support or link is 404."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from pecgov.api.auth import WRITE_AUTH
from pecgov.api.listing import fields_as, found, trust_of
from pecgov.api.schemas import EndIn
from pecgov.commissioning.models import MaturityAssessment, PbcLink, Support
from pecgov.commissioning.pbc import queries, services
from pecgov.trust.models import Committee, Organisation, Person

router = Router(tags=["commissioning"])


class PbcLinkOut(Schema):
    model: str
    person_id: int | None
    person: str | None
    committee_id: int | None
    start_date: dt.date


class PbcGroupOut(Schema):
    id: int
    name: str
    maturity: str | None
    maturity_label: str
    assessed_on: dt.date | None
    support: list[str]
    most_intensive: str
    practices: int
    links: list[PbcLinkOut]
    warnings: list[str]


def _group_out(row: queries.GroupRow) -> dict[str, Any]:
    assessed = row.current_maturity
    return {
        "id": row.group.pk,
        "name": row.group.name,
        "maturity": assessed.level if assessed else None,
        "maturity_label": row.maturity_label,
        "assessed_on": assessed.assessed_on if assessed else None,
        "support": [s.intensity for s in row.current_support],
        "most_intensive": row.most_intensive,
        "practices": row.practices,
        "links": [
            {
                "model": link.model,
                "person_id": link.person_id,
                "person": link.person.name if link.person else None,
                "committee_id": link.committee_id,
                "start_date": link.start_date,
            }
            for link in row.links
        ],
        "warnings": [w.message for w in row.warnings],
    }


@router.get("/pbc-groups", response=list[PbcGroupOut])
def list_pbc_groups(request: HttpRequest) -> Any:
    """Every open PBC group (PBC-6), in a fixed number of queries."""
    return [_group_out(r) for r in queries.groups_overview(trust_of(request, "commissioning.view_pbc"))]


# The group pages' forms (PBC-6, ORG-6) ------------------------------------------------------


class MaturityIn(Schema):
    level: str = ""
    assessed_on: dt.date | None = None
    note: str = ""


class MaturityOut(Schema):
    id: int
    group_id: int
    level: str
    assessed_on: dt.date
    note: str


class SupportIn(Schema):
    description: str = ""
    intensity: str = ""
    provided_by: str = ""
    start_date: dt.date | None = None


class SupportOut(Schema):
    id: int
    group_id: int
    description: str
    intensity: str
    provided_by: str
    start_date: dt.date
    end_date: dt.date | None


class LinkIn(Schema):
    model: str = ""
    group_id: int | None = None
    person_id: int | None = None
    committee_id: int | None = None
    arrangements: str = ""
    start_date: dt.date | None = None


class LinkOut(Schema):
    id: int
    model: str
    group_id: int
    person_id: int | None
    committee_id: int | None
    arrangements: str
    start_date: dt.date
    end_date: dt.date | None


def _manager(request: HttpRequest) -> int:
    return trust_of(request, "commissioning.manage_pbc")


def _group(trust_id: int, pk: int) -> Organisation:
    return queries.pbc_groups(trust_id).select_related("trust").get(pk=pk)


@router.post("/pbc-groups/{group_id}/maturity", response={201: MaturityOut}, auth=WRITE_AUTH)
def record_pbc_maturity(request: HttpRequest, group_id: int, payload: MaturityIn) -> Any:
    """Record a group's maturity on a date; the newest is current (PBC-6). Governance lead."""
    group = found(_group, _manager(request), group_id)
    saved: MaturityAssessment = services.maturity_record(
        actor=request.user, group=group, **payload.model_dump()
    )
    return Status(201, saved)


@router.post("/pbc-groups/{group_id}/support", response={201: SupportOut}, auth=WRITE_AUTH)
def add_pbc_support(request: HttpRequest, group_id: int, payload: SupportIn) -> Any:
    """Record support for a group and how intensive it is (PBC-6, DH 5.4). Governance lead."""
    group = found(_group, _manager(request), group_id)
    saved: Support = services.support_add(actor=request.user, group=group, **payload.model_dump())
    return Status(201, saved)


@router.post("/pbc-support/{support_id}/end", response={200: SupportOut}, auth=WRITE_AUTH)
def end_pbc_support(request: HttpRequest, support_id: int, payload: EndIn) -> Any:
    """End support as the group matures (PBC-6); not before it started, not twice."""
    support = found(queries.support_in_trust, _manager(request), support_id)
    return services.support_end(actor=request.user, support=support, end_date=payload.end_date)


@router.post("/pbc-links", response={201: LinkOut}, auth=WRITE_AUTH)
def create_pbc_link(request: HttpRequest, payload: LinkIn) -> Any:
    """Link a group to the PEC in one of DH 5.5's four models (ORG-6): a lead commissioner or PEC
    member (`person_id`) or a committee of leads (`committee_id`). Governance lead."""
    trust_id = _manager(request)
    trust = Organisation.objects.get(pk=trust_id)
    # Found by id alone: the service says which are not of this trust, as it does for the page.
    group = Organisation.objects.filter(pk=payload.group_id or 0).first()
    person = Person.objects.filter(pk=payload.person_id or 0).first()
    committee = Committee.objects.filter(pk=payload.committee_id or 0).first()
    with fields_as({"group": "group_id", "person": "person_id", "committee": "committee_id"}):
        link: PbcLink = services.link_create(
            actor=request.user,
            trust=trust,
            model=payload.model,
            group=group,  # type: ignore[arg-type]  # None: the service names the field
            person=person,
            committee=committee,
            arrangements=payload.arrangements,
            start_date=payload.start_date,
        )
    return Status(201, link)


@router.post("/pbc-links/{link_id}/end", response={200: LinkOut}, auth=WRITE_AUTH)
def end_pbc_link(request: HttpRequest, link_id: int, payload: EndIn) -> Any:
    """End a group's link to the PEC (ORG-6); not before it started, not twice."""
    link = found(queries.link_in_trust, _manager(request), link_id)
    return services.link_end(actor=request.user, link=link, end_date=payload.end_date)
