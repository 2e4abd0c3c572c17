"""PBC groups over the API, read-only (PUB-2; PBC-6, ORG-6): each open group with its maturity,
the support it has now, its member practices, its links with the PEC and any taper warning, as
the PBC overview page shows them, with the page's permission ("commissioning.view_pbc")."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from pecgov.api.listing import trust_of
from pecgov.commissioning.pbc import queries

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
