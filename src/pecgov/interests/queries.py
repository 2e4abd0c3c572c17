"""Reads for the register and for screening, each in a fixed number of queries (COI-1, COI-2, PUB-1)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from pecgov.interests import screening
from pecgov.interests.enums import Withholding
from pecgov.interests.models import Declaration, InterestReturn
from pecgov.trust.models import Membership, Organisation, OrganisationLink, Person
from pecgov.trust.queries import current_q


def in_force_q(on: dt.date, prefix: str = "") -> Q:
    return current_q(on, prefix)


def has_ended(declaration: Declaration, on: dt.date) -> bool:
    """The interest ended before `on` (COI-1): the one test the pages and services share."""
    return declaration.end_date is not None and declaration.end_date < on


def in_force(declaration: Declaration, on: dt.date) -> bool:
    """The interest applies on `on`: begun and not ended (COI-1)."""
    return declaration.start_date <= on and not has_ended(declaration, on)


def register(trust_id: int, on: dt.date | None = None, *, public: bool = False) -> QuerySet[Declaration]:
    """The register as it stood on `on` (COI-1). The public register lists people holding a
    committee seat that day; `public_entries` then blanks what is withheld (PUB-1)."""
    on = on or timezone.localdate()
    qs = (
        Declaration.objects.filter(in_force_q(on), person__trust_id=trust_id)
        .select_related("person", "organisation")
        .order_by("person__name", "category", "id")
    )
    if public:
        seated = Membership.objects.filter(current_q(on), committee__trust_id=trust_id).values("person_id")
        qs = qs.filter(person_id__in=seated)
    return qs


def _public_entry(
    withholding: str,
    person: str,
    category: str,
    organisation: str,
    description: str,
    start: dt.date | None,
    end: dt.date | None,
    pk: int,
) -> dict[str, Any]:
    """One entry as the public may see it: a withheld entry or its withheld details say so and
    show nothing of what was withheld (PUB-1)."""
    if withholding == Withholding.ENTRY:
        category, organisation, description, start, end = "", "", "", None, None
        withheld = "Entry withheld"
    elif withholding == Withholding.DETAILS:
        organisation, description, withheld = "", "", "Details withheld"
    else:
        withheld = ""
    return {
        "person": person,
        "category": category,
        "organisation": organisation,
        "description": description,
        "from": start,
        "to": end,
        "withheld": withheld,
        "id": pk,
    }


def public_entries(declarations: QuerySet[Declaration]) -> list[dict[str, Any]]:
    """What the public may see of each entry: withheld details and entries say so, with no detail.
    One query of plain values, not model instances (a page of the API lists 100: X-3)."""
    return [entry for _, entry in _public_values(declarations)]


# The fields `_public_values` reads, in the order it unpacks them.
_PUBLIC_FIELDS = ("person_id", "person__name", "category", "organisation__name", "organisation_name")
_PUBLIC_MORE = ("withholding", "description", "start_date", "end_date", "pk")


def _public_values(declarations: QuerySet[Declaration]) -> list[tuple[int, dict[str, Any]]]:
    """Each entry's person and what the public may see of it, in the queryset's order."""
    labels = _category_labels()
    found = []
    for row in declarations.values_list(*_PUBLIC_FIELDS, *_PUBLIC_MORE):
        person_id, person, category, org_name, named, withholding, description, start, end, pk = row
        organisation = org_name if org_name is not None else named  # Declaration.related_name
        entry = _public_entry(
            withholding, person, labels.get(category, category), organisation, description, start, end, pk
        )
        found.append((person_id, entry))
    return found


@dataclass(frozen=True)
class Overdue:
    person: Person
    last_return: dt.datetime | None


def overdue(trust_id: int, months: int, on: dt.date | None = None) -> list[Overdue]:
    """Current committee members who have not declared or confirmed within the policy period (COI-1)."""
    on = on or timezone.localdate()
    since = timezone.make_aware(dt.datetime.combine(on - dt.timedelta(days=round(months * 30.44)), dt.time()))
    seated = Membership.objects.filter(current_q(on), committee__trust_id=trust_id).values("person_id")
    people = (
        Person.objects.filter(pk__in=seated)
        .annotate(
            last_declared=Max("declarations__declared_at"), last_returned=Max("interest_returns__made_at")
        )
        .order_by("name")
    )
    result = []
    for p in people:
        last = max((t for t in (p.last_declared, p.last_returned) if t is not None), default=None)
        if last is None or last < since:
            result.append(Overdue(p, last))
    return result


def last_returns(person: Person) -> list[InterestReturn]:
    return list(InterestReturn.objects.filter(person=person).order_by("-made_at")[:5])


# Screening inputs (COI-2) ------------------------------------------------------


def attendees_for(person_ids: Iterable[int], on: dt.date) -> list[screening.Attendee]:
    """Each person's declarations (with dates; the engine checks them) and their own employer:
    two queries of plain values (a meeting screens dozens of people: X-3)."""
    ids = set(person_ids)
    declared: dict[int, list[screening.Interest]] = {pk: [] for pk in ids}
    for person_id, organisation_id, category, description, start, end, pk in (
        Declaration.objects.filter(person_id__in=ids)
        .order_by("id")
        .values_list(
            "person_id", "organisation_id", "category", "description", "start_date", "end_date", "pk"
        )
    ):
        declared[person_id].append(screening.Interest(organisation_id, category, description, start, end, pk))
    attendees = []
    for pk, name, organisation_id in (
        Person.objects.filter(pk__in=ids).order_by("name").values_list("pk", "name", "organisation_id")
    ):
        interests = declared[pk]
        if organisation_id is not None:
            interests.append(
                screening.Interest(
                    organisation_id,
                    screening.EMPLOYMENT,
                    "their practice or employer",
                    dt.date.min,
                    None,
                    None,
                )
            )
        attendees.append(screening.Attendee(pk, name, tuple(interests)))
    return attendees


def links_for(trust_id: int) -> list[screening.Link]:
    """Every organisation link and parent relation in the trust: two queries."""
    links = [
        screening.Link(a, b, kind, start, end)
        for a, b, kind, start, end in OrganisationLink.objects.filter(
            from_organisation__trust_id=trust_id
        ).values_list("from_organisation_id", "to_organisation_id", "kind", "start_date", "end_date")
    ]
    links.extend(
        screening.Link(child, parent, "parent")
        for child, parent in Organisation.objects.filter(trust_id=trust_id, parent__isnull=False).values_list(
            "id", "parent_id"
        )
    )
    return links


def organisation_names(trust_id: int) -> dict[int, str]:
    return dict(Organisation.objects.filter(trust_id=trust_id).values_list("id", "name"))


# Register pages (COI-1, PUB-1) --------------------------------------------------


def declarations_of(person_id: int) -> list[Declaration]:
    """Every declaration one person has made, newest first, in one query."""
    return list(
        Declaration.objects.filter(person_id=person_id)
        .select_related("organisation", "withheld_by")
        .order_by("-start_date", "-id")
    )


@dataclass(frozen=True)
class Seated:
    """A person holding a committee seat, as the public register lists them: plain values."""

    pk: int
    name: str
    seats: str  # "Role, Committee; ...", by committee name then role


def seated(trust_id: int, on: dt.date | None = None) -> list[Seated]:
    """People holding a committee seat on `on`, by name then id, each with their seats: one
    query of plain values, no model instances (PUB-1; a national trust seats hundreds: X-3)."""
    on = on or timezone.localdate()
    roles = _role_labels()
    people: dict[int, tuple[str, list[str]]] = {}
    for person_id, name, role, committee in (
        Membership.objects.filter(current_q(on), committee__trust_id=trust_id)
        .order_by("person__name", "person_id", "committee__name", "role")
        .values_list("person_id", "person__name", "role", "committee__name")
    ):
        held = people.setdefault(person_id, (name, []))[1]
        held.append(f"{roles.get(role, role)}, {committee}")
    return [Seated(pk, name, "; ".join(held)) for pk, (name, held) in people.items()]


def public_entries_of(
    trust_id: int, people: Iterable[Seated], on: dt.date | None = None
) -> dict[int, list[dict[str, Any]]]:
    """What the public may see of each seated person's entries in force on `on`, by kind then
    as declared: one query of plain values (PUB-1)."""
    on = on or timezone.localdate()
    by_person: dict[int, list[dict[str, Any]]] = {p.pk: [] for p in people}
    found = Declaration.objects.filter(
        in_force_q(on), person__trust_id=trust_id, person_id__in=list(by_person)
    )
    for person_id, entry in _public_values(found.order_by("person_id", "category", "id")):
        by_person[person_id].append(entry)
    return by_person


def _role_labels() -> dict[str, str]:
    """Each seat's role label, as `get_role_display` shows it."""
    return {str(k): str(v) for k, v in Membership._meta.get_field("role").flatchoices}


def _category_labels() -> dict[str, str]:
    """Each category's label, as `get_category_display` shows it."""
    return {str(k): str(v) for k, v in Declaration._meta.get_field("category").flatchoices}
