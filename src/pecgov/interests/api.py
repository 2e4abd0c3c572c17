"""Declarations over the API (PUB-2, COI-1, PUB-1): the full register for the trust's users,
and the published register for anyone, with withheld details left out."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from pecgov.interests import queries
from pecgov.interests.models import Declaration
from pecgov.trust.enums import OrganisationKind
from pecgov.trust.models import Organisation
from pecgov.trust.roles import roles_of

router = Router(tags=["interests"])


class DeclarationOut(Schema):
    id: int
    person_id: int
    person: str
    category: str
    organisation_id: int | None
    organisation: str
    description: str
    start_date: dt.date
    end_date: dt.date | None
    withholding: str

    @staticmethod
    def resolve_person(obj: Declaration) -> str:
        return obj.person.name

    @staticmethod
    def resolve_organisation(obj: Declaration) -> str:
        return obj.related_name


class PublicDeclarationOut(Schema):
    id: int
    person: str
    category: str
    organisation: str
    description: str
    start_date: dt.date | None
    end_date: dt.date | None
    withheld: str


@router.get("/declarations", response=list[DeclarationOut])
@paginate(LimitOffsetPagination)
def list_declarations(request: HttpRequest, on: dt.date | None = None) -> Any:
    """The register as it stood on `on` (default today), for the trust's users (COI-1)."""
    roles = roles_of(request.user)
    if roles.trust_id is None or not request.user.has_perm("interests.view_register"):
        raise HttpError(403, "Your role does not allow this")
    return queries.register(roles.trust_id, on or timezone.localdate())


@router.get("/public/declarations", response=list[PublicDeclarationOut], auth=None)
@paginate(LimitOffsetPagination)
def list_public_declarations(request: HttpRequest, trust: str = "") -> Any:
    """The published register (PUB-1): no sign-in; withheld entries and details say so, with no detail."""
    trusts = Organisation.objects.filter(kind=OrganisationKind.TRUST)
    chosen = trusts.filter(ods_code=trust.strip().upper()).first() if trust else trusts.order_by("id").first()
    if chosen is None:
        raise HttpError(404, "No trust has that code")
    return PublicRows(queries.register(chosen.pk, timezone.localdate(), public=True))


class PublicRows:
    """The public register, paged in the database: only the requested page is read and
    turned into published fields (the count is one query)."""

    def __init__(self, declarations: Any) -> None:
        self.declarations = declarations

    def __len__(self) -> int:
        return int(self.declarations.count())

    def __getitem__(self, page: slice) -> list[dict[str, Any]]:
        rows = queries.public_entries(self.declarations[page])
        return [{**r, "start_date": r["from"], "end_date": r["to"]} for r in rows]
