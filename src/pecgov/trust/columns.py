"""The columns of the ORG lists as files (ADM-2, ADM-3): what the organisations, people and
committees lists download, and what `pecgov.imports` reads back, so a round trip is exact.

An organisation is named in another file by its ODS code, or by its name when it has none; a
person by their email, or by their name when they have none; a committee by its name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db.models import Prefetch

from pecgov.trust.enums import CommitteeKind, MembershipRole, OrganisationKind, Profession, ProviderKind
from pecgov.trust.models import Committee, Membership, Organisation, Person
from pecgov.trust.postcodes import normalise_postcode
from pecgov.ui.tabular import CellError, Column, choice, date_or_none, yes_no


def organisation_ref(org: Organisation | None) -> str:
    """How files name an organisation: its ODS code, or its name when it has none."""
    if org is None:
        return ""
    return org.ods_code or org.name


def person_ref(person: Person | None) -> str:
    """How files name a person: their email, or their name when they have none."""
    if person is None:
        return ""
    return person.email or person.name


def postcode(value: object) -> str:
    """A postcode cell, written the one way (ORG-1); a cell that is not a UK postcode's shape is
    a problem on its line."""
    try:
        return normalise_postcode(value)
    except ValueError as error:
        raise CellError(str(error)) from None


ORGANISATION_COLUMNS = (
    Column("ods_code", lambda o: o.ods_code),
    Column("name", lambda o: o.name, required=True),
    Column("kind", lambda o: o.kind, choice(OrganisationKind), required=True),
    Column("provider_kind", lambda o: o.provider_kind, choice(ProviderKind, blank=True)),
    Column("parent", lambda o: organisation_ref(o.parent)),
    Column("closed_on", lambda o: o.closed_on, date_or_none),
    Column("address", lambda o: o.address),
    Column("postcode", lambda o: o.postcode, postcode),
    Column("open_date", lambda o: o.open_date, date_or_none),
)

PERSON_COLUMNS = (
    Column("email", lambda p: p.email),
    Column("name", lambda p: p.name, required=True),
    Column("profession", lambda p: p.profession, choice(Profession), required=True),
    Column("job_title", lambda p: p.job_title),
    Column("registration_body", lambda p: p.registration_body),
    Column("registration_number", lambda p: p.registration_number),
    Column("practising", lambda p: p.practising, yes_no),
    Column("has_caseload", lambda p: p.has_caseload, yes_no),
    Column("organisation", lambda p: organisation_ref(p.organisation)),
)


@dataclass(frozen=True)
class Seat:
    """One line of the committees file: a committee and one of its memberships (or none)."""

    committee: Committee
    membership: Membership | None


def _seat(attribute: str) -> Callable[[Seat], object]:
    def read(seat: Seat) -> object:
        return getattr(seat.membership, attribute) if seat.membership is not None else None

    return read


COMMITTEE_COLUMNS = (
    Column("committee", lambda s: s.committee.name, required=True),
    Column("kind", lambda s: s.committee.kind, choice(CommitteeKind), required=True),
    Column("parent", lambda s: s.committee.parent.name if s.committee.parent else ""),
    Column("purpose", lambda s: s.committee.purpose),
    Column("person", lambda s: person_ref(s.membership.person) if s.membership else ""),
    Column("role", _seat("role"), choice(MembershipRole, blank=True)),
    Column("start_date", _seat("start_date"), date_or_none),
    Column("end_date", _seat("end_date"), date_or_none),
    Column("co_opted_scope", _seat("co_opted_scope")),
)


def committee_seats(trust_id: int) -> Iterator[Seat]:
    """Every committee of the trust with each of its memberships, past and current, in three
    queries; a committee with no members is one line on its own."""
    committees = (
        Committee.objects.filter(trust_id=trust_id)
        .select_related("parent")
        .prefetch_related(
            Prefetch(
                "memberships",
                Membership.objects.select_related("person").order_by("start_date", "person__name", "id"),
            )
        )
        .order_by("name", "id")
    )
    for committee in committees:
        memberships = list(committee.memberships.all())
        if not memberships:
            yield Seat(committee, None)
        for membership in memberships:
            yield Seat(committee, membership)
