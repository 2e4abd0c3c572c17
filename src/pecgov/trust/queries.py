"""Reads the ORG pages and API share, each in a fixed number of queries (X-1, ORG-1 to ORG-5)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from django.db import models
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.text import capfirst

from pecgov.trust.enums import CommitteeKind, MembershipRole, Profession
from pecgov.trust.models import Committee, Membership, Organisation, OrganisationLink, Person


def current_q(on: dt.date, prefix: str = "") -> Q:
    """Current by dates, never by a flag: started on or before `on`, not ended before it."""
    return Q(**{f"{prefix}start_date__lte": on}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": on})
    )


def lapsed_co_option_q(on: dt.date) -> Q:
    """A co-opted seat whose end date has passed but which was never ended (no reason recorded):
    not counted, and to be ended or extended (DH 6.2). `Membership.is_lapsed_co_option` is the
    same test on one row."""
    return Q(role=MembershipRole.CO_OPTED, end_date__lt=on, end_reason="")


def _organisations_found(trust_id: int, kind: str, search: str) -> QuerySet[Organisation]:
    qs = Organisation.objects.filter(trust_id=trust_id)
    if kind:
        qs = qs.filter(kind=kind)
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(ods_code__iexact=search))
    return qs


def organisations(trust_id: int, *, kind: str = "", search: str = "") -> QuerySet[Organisation]:
    """The organisations page's list: each with its parent."""
    return _organisations_found(trust_id, kind, search).select_related("parent").order_by("name", "id")


def organisations_values(
    trust_id: int, fields: list[str], *, kind: str = "", search: str = ""
) -> QuerySet[Organisation, dict[str, Any]]:
    """The same organisations as `organisations`, as plain values of `fields` (the API's list)."""
    found = _organisations_found(trust_id, kind, search).order_by("name", "id")
    return cast("QuerySet[Organisation, dict[str, Any]]", found.values(*fields))


def organisation_detail(trust_id: int, pk: int) -> Organisation:
    today = timezone.localdate()
    return (
        Organisation.objects.filter(trust_id=trust_id)
        .select_related("parent")
        .prefetch_related(
            Prefetch(
                "links_out",
                OrganisationLink.objects.select_related("to_organisation").order_by("-start_date"),
            ),
            Prefetch(
                "links_in",
                OrganisationLink.objects.select_related("from_organisation")
                .filter(current_q(today))
                .order_by("from_organisation__name"),
            ),
            Prefetch("staff", Person.objects.order_by("name")),
            Prefetch("children", Organisation.objects.order_by("name")),
        )
        .get(pk=pk)
    )


def _people_found(trust_id: int, profession: str, search: str) -> QuerySet[Person]:
    """The trust's people, of one profession or matching a name or registration number."""
    qs = Person.objects.filter(trust_id=trust_id)
    if profession:
        qs = qs.filter(profession=profession)
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(registration_number__iexact=search))
    return qs


def people(trust_id: int, *, profession: str = "", search: str = "") -> QuerySet[Person]:
    """The people page's list: each with their organisation and how many seats they hold today."""
    today = timezone.localdate()
    return (
        _people_found(trust_id, profession, search)
        .select_related("organisation")
        .annotate(current_seats=Count("memberships", filter=current_q(today, "memberships__")))
        .order_by("name", "id")
    )


def people_values(
    trust_id: int, fields: list[str], *, profession: str = "", search: str = ""
) -> QuerySet[Person, dict[str, Any]]:
    """The same people as `people`, as plain values of `fields` (the API's list: X-3, no
    instances, no organisation or seat count it does not show)."""
    found = _people_found(trust_id, profession, search).order_by("name", "id")
    return cast("QuerySet[Person, dict[str, Any]]", found.values(*fields))


def person_detail(trust_id: int, pk: int) -> Person:
    return (
        Person.objects.filter(trust_id=trust_id)
        .select_related("organisation", "user")
        .prefetch_related(
            Prefetch(
                "memberships",
                Membership.objects.select_related("committee").order_by("-start_date"),
            )
        )
        .get(pk=pk)
    )


def committees(trust_id: int) -> QuerySet[Committee]:
    today = timezone.localdate()
    return (
        Committee.objects.filter(trust_id=trust_id)
        .select_related("parent", "locality")
        .annotate(member_count=Count("memberships", filter=current_q(today, "memberships__")))
        .order_by("kind", "name")
    )


@dataclass(frozen=True)
class AccountabilityLine:
    """ORG-5: who is accountable to whom, derived from today's roles (DH 5.2; Alliance)."""

    person: Person
    role: str
    accountable_to: Person | None
    to_role: str
    basis: str


@dataclass
class CommitteeView:
    committee: Committee
    current: list[Membership]
    past: list[Membership]
    future: list[Membership]
    accountability: list[AccountabilityLine]
    lapsed: list[Membership]  # co-options past their end date that were never ended


def committee_detail(trust_id: int, pk: int, on: dt.date | None = None) -> CommitteeView:
    on = on or timezone.localdate()
    committee = Committee.objects.filter(trust_id=trust_id).select_related("parent", "locality").get(pk=pk)
    seats = list(
        Membership.objects.filter(committee=committee)
        .select_related("person")
        .order_by("person__name", "-start_date")
    )
    current = [m for m in seats if m.is_current(on)]
    past = [m for m in seats if m.end_date is not None and m.end_date < on]
    future = [m for m in seats if m.start_date > on]
    role_order = {role: i for i, role in enumerate(MembershipRole.values)}
    current.sort(key=lambda m: (role_order.get(m.role, 99), m.person.name))
    past.sort(key=lambda m: m.end_date or on, reverse=True)
    lapsed = [m for m in past if m.is_lapsed_co_option(on)]
    return CommitteeView(
        committee, current, past, future, accountability_lines(committee, current, on), lapsed
    )


def accountability_lines(
    committee: Committee, current: list[Membership], on: dt.date
) -> list[AccountabilityLine]:
    """PEC chair to the PCT chair; clinical members to the PEC chair (DH 5.2; Alliance "Accountability")."""
    if committee.kind != CommitteeKind.PEC:
        return []
    chair = next((m.person for m in current if m.role == MembershipRole.CHAIR), None)
    pct_chair_seat = (
        Membership.objects.filter(
            committee__trust_id=committee.trust_id,
            committee__kind=CommitteeKind.BOARD,
            role=MembershipRole.CHAIR,
        )
        .filter(current_q(on))
        .select_related("person")
        .first()
    )
    pct_chair = pct_chair_seat.person if pct_chair_seat else None
    lines: list[AccountabilityLine] = []
    if chair is not None:
        lines.append(AccountabilityLine(chair, "PEC chair", pct_chair, "PCT chair", "DH 5.2"))
    for m in current:
        if m.role in {MembershipRole.CLINICAL, MembershipRole.VICE_CHAIR} or (
            m.role not in {MembershipRole.CHAIR, MembershipRole.CO_OPTED}
            and m.person.profession in Profession.clinical()
        ):
            if chair is not None and m.person_id == chair.pk:
                continue
            lines.append(
                AccountabilityLine(
                    m.person,
                    m.get_role_display(),
                    chair,
                    "PEC chair",
                    'DH 5.2; Alliance "Accountability"',
                )
            )
    return lines


def ending_on(view: CommitteeView, day: dt.date) -> list[Membership]:
    """The current members whose last day is `day`: they count today and not tomorrow (ORG-4)."""
    return [m for m in view.current if m.end_date == day]


def seat_counts(committee_id: int, on: dt.date) -> tuple[int, int]:
    """How many seats the committee has on `on`: members, and co-opted members apart (1 query)."""
    counts = Membership.objects.filter(current_q(on), committee_id=committee_id).aggregate(
        co_opted=Count("pk", filter=Q(role=MembershipRole.CO_OPTED)), seats=Count("pk")
    )
    return counts["seats"] - counts["co_opted"], counts["co_opted"]


def membership_detail(trust_id: int, pk: int) -> Membership:
    return Membership.objects.select_related("person", "committee").get(pk=pk, committee__trust_id=trust_id)


# History (X-2) ---------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class HistoryEntry:
    when: dt.datetime
    who: str
    action: str
    reason: str
    changes: list[Change]
    subject: str = ""


_ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}


def history_entries(records: list[Any], model: type[models.Model], subject: Any = None) -> list[HistoryEntry]:
    """Turn simple-history rows (oldest first) into readable entries, newest first.

    Foreign keys are shown by name, fetched in one query per related model.
    """
    fields = [f for f in model._meta.concrete_fields if f.name not in {"id"}]
    fk_ids: dict[type[models.Model], set[Any]] = {}
    for field in fields:
        if field.is_relation and field.related_model is not None:
            ids = {getattr(r, field.attname) for r in records} - {None}
            if ids:
                fk_ids.setdefault(field.related_model, set()).update(ids)  # type: ignore[arg-type]
    labels: dict[tuple[type[models.Model], Any], str] = {}
    for related, ids in fk_ids.items():
        for obj in related._default_manager.filter(pk__in=ids):
            labels[(related, obj.pk)] = str(obj)

    def show(field: models.Field, record: Any) -> Any:  # type: ignore[type-arg]
        value = getattr(record, field.attname)
        if value is None:
            return None
        if field.is_relation and field.related_model is not None:
            return labels.get((field.related_model, value), f"#{value}")  # type: ignore[arg-type]
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value.strftime("%-d %B %Y")
        return value

    entries: list[HistoryEntry] = []
    previous = None
    for record in records:
        changes: list[Change] = []
        if previous is not None:
            for field in fields:
                old, new = show(field, previous), show(field, record)
                if old != new:
                    changes.append(Change(capfirst(str(field.verbose_name)), old, new))
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=(user.get_full_name() or user.get_username()) if user else "System",
                action=_ACTIONS.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=changes,
                subject=str(subject if subject is not None else record),
            )
        )
        previous = record
    entries.reverse()
    return entries


def object_history(instance: models.Model) -> list[HistoryEntry]:
    records = list(instance.history.select_related("history_user").order_by("history_date", "history_id"))  # type: ignore[attr-defined]
    return history_entries(records, type(instance))


def people_named(ids: str) -> str:
    """People given as a version's stored ids ("12|40", pecgov.ui.versions.normalise) as a page
    names them: "Dr Ann Lee, Tom Brown", or "nobody" (X-5: a refused edit says who, not ids)."""
    pks = [int(part) for part in ids.split("|") if part.isdigit()]
    if not pks:
        return "nobody"
    names = dict(Person.objects.filter(pk__in=pks).values_list("pk", "name"))
    return ", ".join(sorted(names.get(pk, f"a removed person (#{pk})") for pk in pks))
