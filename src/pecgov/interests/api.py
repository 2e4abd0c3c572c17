"""Declarations over the API (PUB-2, COI-1, PUB-1): the full register for the trust's users,
and the published register for anyone, with withheld details left out; declaring, changing or
ending a declaration (with ETag and If-Match, X-5), what the public register shows, and returns,
each through the page's service with the page's permission."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from pecgov.actors import may
from pecgov.api import versions
from pecgov.api.auth import WRITE_AUTH
from pecgov.api.listing import Order, Paged, fields_as, found, trust_of
from pecgov.errors import DomainError
from pecgov.interests import queries, services
from pecgov.interests.forms import PublicationForm
from pecgov.interests.models import Declaration, InterestReturn
from pecgov.trust.models import Organisation, Person
from pecgov.trust.roles import roles_of
from pecgov.trust.trustlist import trusts

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


# PUB-2: the list's own order (person, then category) unless `ordering` is sent.
DECLARATION_ORDER = Order(
    {
        "person": "person__name",
        "category": "category",
        "organisation": "organisation__name",
        "start_date": "start_date",
        "end_date": "end_date",
    },
    None,
    "person, then category",
)


@router.get("/declarations", response=list[DeclarationOut])
@paginate(Paged, order=DECLARATION_ORDER)
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
    every, code = trusts(), trust.strip().upper()
    chosen = every.by_code.get(code) if trust else next(iter(every.by_id), None)
    if chosen is None or (trust and chosen.ods_code != code):
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


class DeclarationIn(Schema):
    """An interest (COI-1). Left-out fields get the form's messages from the service."""

    person_id: int | None = None
    category: str = ""
    description: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    organisation_id: int | None = None
    organisation_name: str = ""


class ReturnOut(Schema):
    id: int
    person_id: int
    person: str
    kind: str
    made_at: dt.datetime

    @staticmethod
    def resolve_person(obj: InterestReturn) -> str:
        return obj.person.name


class ReturnIn(Schema):
    person_id: int | None = None
    kind: str = ""


def _person(trust_id: int, person_id: int | None) -> Person:
    person = Person.objects.filter(pk=person_id, trust_id=trust_id).first() if person_id is not None else None
    if person is None:
        raise DomainError({"person_id": "Select a person in this trust"})
    return person


def _declaration(trust_id: int, pk: int) -> Declaration:
    return Declaration.objects.select_related("person", "organisation").get(pk=pk, person__trust_id=trust_id)


@router.get("/declarations/{declaration_id}", response=DeclarationOut, openapi_extra=versions.ETAG_DOC)
def get_declaration(request: HttpRequest, declaration_id: int, response: HttpResponse) -> Any:
    """One entry of the register (COI-1), for the trust's users as the register page shows it;
    the ETag is for If-Match on a change (X-5)."""
    declaration = found(_declaration, trust_of(request, "interests.view_register"), declaration_id)
    versions.tag(response, DECLARATION_EDITS.values(declaration))
    return declaration


@router.post("/declarations", response={201: DeclarationOut}, auth=WRITE_AUTH)
def create_declaration(request: HttpRequest, payload: DeclarationIn) -> Any:
    """Declare an interest (COI-1): for yourself, or, as the governance lead, for anyone in the
    trust (403 otherwise). A broken rule is 422 with each field's message and saves nothing."""
    trust_id = trust_of(request, "interests.view_register")
    person = _person(trust_id, payload.person_id)
    organisation = None
    if payload.organisation_id is not None:
        organisation = Organisation.objects.filter(pk=payload.organisation_id, trust_id=trust_id).first()
        if organisation is None:
            raise DomainError({"organisation_id": "Select an organisation of this trust"})
    made = services.declaration_create(
        actor=request.user,
        person=person,
        category=payload.category,
        description=payload.description,
        start_date=payload.start_date,
        end_date=payload.end_date,
        organisation=organisation,
        organisation_name=payload.organisation_name,
    )
    return Status(201, _declaration(trust_id, made.pk))


@router.get("/returns", response=list[ReturnOut])
@paginate(Paged)
def list_returns(request: HttpRequest, person: int | None = None) -> Any:
    """Nil returns and confirmations (COI-1), newest first; `person` narrows to one person."""
    returns = InterestReturn.objects.filter(person__trust_id=trust_of(request, "interests.view_register"))
    if person is not None:
        returns = returns.filter(person_id=person)
    return returns.select_related("person").order_by("-made_at", "-id")


@router.post("/returns", response={201: ReturnOut}, auth=WRITE_AUTH)
def create_return(request: HttpRequest, payload: ReturnIn) -> Any:
    """Make a nil return, or confirm the entries are up to date (COI-1): for yourself, or as the
    governance lead for anyone in the trust."""
    trust_id = trust_of(request, "interests.view_register")
    made = services.interest_return_make(
        actor=request.user, person=_person(trust_id, payload.person_id), kind=payload.kind
    )
    return Status(201, made)


# Changing, ending and publishing a declaration (COI-1, PUB-1, X-5) ---------------------------

IF_MATCH = versions.IF_MATCH_HEADER
LABELS = {
    "category": "category",
    "organisation_id": "organisation",
    "organisation_name": "organisation's name",
    "description": "description",
    "start_date": "start date",
    "end_date": "end date",
}


# What a change sets, read from the declaration's attributes of the same names.
DECLARATION_EDITS: versions.Editable[Declaration] = versions.Editable.named(LABELS)


class DeclarationEditIn(Schema):
    """Only the fields sent are changed; an end date ends the interest."""

    category: str = ""
    organisation_id: int | None = None
    organisation_name: str = ""
    description: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None


class PublicationIn(Schema):
    withholding: str = ""  # "published", "details" or "entry"
    reason: str = ""


@router.patch(
    "/declarations/{declaration_id}",
    response={200: DeclarationOut},
    auth=WRITE_AUTH,
    openapi_extra=versions.ETAG_DOC,
)
def edit_declaration(
    request: HttpRequest,
    declaration_id: int,
    payload: DeclarationEditIn,
    response: HttpResponse,
    if_match: str = IF_MATCH,
) -> Any:
    """Change or end a declaration (COI-1): your own, or, as the governance lead, anyone's (403
    otherwise). A change dates the declaration anew. With If-Match, a change made since your
    read is 412 with what changed, and nothing is saved (X-5)."""
    trust_id = trust_of(request, "interests.view_register")
    declaration = found(_declaration, trust_id, declaration_id)
    if not may(request.user, "interests.declare_for", declaration.person):
        raise HttpError(403, services.OWN_ONLY)
    changes = payload.model_dump(exclude_unset=True)
    if "organisation_id" in changes:
        wanted = changes.pop("organisation_id")
        organisation = Organisation.objects.filter(pk=wanted, trust_id=trust_id).first() if wanted else None
        if wanted and organisation is None:
            raise DomainError({"organisation_id": "Select an organisation of this trust"})
        changes["organisation"] = organisation
    with transaction.atomic():
        locked = Declaration.objects.select_for_update().select_related("person").get(pk=declaration.pk)
        versions.check(if_match, DECLARATION_EDITS.values(locked), LABELS)
        with fields_as({"organisation": "organisation_id"}):
            services.declaration_update(actor=request.user, declaration=locked, **changes)
    saved = _declaration(trust_id, declaration.pk)
    versions.tag(response, DECLARATION_EDITS.values(saved))
    return saved


@router.post("/declarations/{declaration_id}/publication", response={200: DeclarationOut}, auth=WRITE_AUTH)
def publish_declaration(request: HttpRequest, declaration_id: int, payload: PublicationIn) -> Any:
    """What the public register shows of an entry (PUB-1): published in full, details withheld
    or the entry withheld, with a reason when withheld. Governance lead only."""
    trust_id = trust_of(request, "interests.manage")
    declaration = found(_declaration, trust_id, declaration_id)
    form = PublicationForm(payload.model_dump())  # the page's own parse ("published" is "")
    if not form.is_valid():
        raise DomainError({k: [str(m) for m in v] for k, v in form.errors.items()})
    services.declaration_withhold(actor=request.user, declaration=declaration, **form.cleaned_data)
    return _declaration(trust_id, declaration.pk)
