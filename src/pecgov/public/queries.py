"""Reads for the public site and open data (PUB-1, PUB-2, X-1): only what is published, in a
fixed number of queries.

What the public never sees is decided here, once, for the pages, the CSVs, the Popolo JSON and
the calendar feeds alike: meetings not held in public, items taken in private (and their papers,
votes and conflicts), papers before their publication day, draft minutes, and the details of a
declaration the register withholds. Derived states (Scheduled, Held, Cancelled; outcome labels)
come from the models and queries the signed-in pages use.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.text import slugify

from pecgov.commissioning import register as case_register
from pecgov.delegation.models import LeadArea
from pecgov.interests.enums import Withholding
from pecgov.meetings import queries as mq
from pecgov.meetings.enums import NOT_TO_BOARD, MinutesStatus
from pecgov.meetings.models import (
    AgendaItem,
    AgendaPack,
    Attendance,
    BoardDecision,
    ItemConflict,
    Meeting,
    Minutes,
    Paper,
    Vote,
)
from pecgov.policy.services import effective_policy
from pecgov.trust import queries as tq
from pecgov.trust.enums import OrganisationKind
from pecgov.trust.models import Committee, Membership, Organisation

WITHHELD_INTEREST = "An interest whose details the register withholds"


def trusts() -> list[Organisation]:
    return list(Organisation.objects.filter(kind=OrganisationKind.TRUST).order_by("name", "id"))


def trust_key(trust: Organisation) -> str:
    """The trust's part of a public URL: its ODS code, else a slug of its name."""
    return trust.ods_code.lower() if trust.ods_code else slugify(trust.name)


def trust_by_key(key: str) -> Organisation:
    """The trust named by ODS code (any case) or by the slug of its name; DoesNotExist if none."""
    key = key.strip()[:200]
    found = Organisation.objects.filter(kind=OrganisationKind.TRUST, ods_code__iexact=key).first()
    if found is None:
        found = next((t for t in trusts() if slugify(t.name) == key.lower()), None)
    if found is None:
        raise Organisation.DoesNotExist(key)
    return found


def papers_days(trust: Organisation) -> int:
    value = effective_policy(trust)["public.papers_days_before"]
    assert isinstance(value, int)
    return value


def cache_seconds(trust: Organisation | None) -> int:
    if trust is None:
        return 0
    value = effective_policy(trust)["public.cache_seconds"]
    assert isinstance(value, int)
    return value


def published_on(meeting: Meeting, days: int) -> dt.date:
    """The day a public meeting's agenda and public papers appear (PUB-1)."""
    return mq.papers_published_on(meeting, days)


def has_public_pack(meeting_id: int) -> bool:
    """PUB-2: a public agenda pack has been built for the meeting (shown once papers are out)."""
    return AgendaPack.objects.filter(meeting_id=meeting_id, public=True).exists()


def is_published(meeting: Meeting, days: int, today: dt.date | None = None) -> bool:
    return (today or timezone.localdate()) >= published_on(meeting, days)


# Committees and their members -------------------------------------------------------------


def committees(trust_id: int) -> list[Committee]:
    return list(tq.committees(trust_id))


@dataclass
class Seat:
    """A membership as the public sees it, with the person's current lead areas."""

    membership: Membership
    lead_areas: list[str] = field(default_factory=list)


@dataclass
class CommitteeMembers:
    committee: Committee
    current: list[Seat]
    past: list[Seat]


def committee_members(trust_id: int, pk: int, on: dt.date | None = None) -> CommitteeMembers:
    """Current and past members (never future ones) with lead areas: three queries."""
    on = on or timezone.localdate()
    view = tq.committee_detail(trust_id, pk, on)
    leads = lead_areas_by_person({m.person_id for m in view.current}, on)
    return CommitteeMembers(
        view.committee,
        [Seat(m, leads.get(m.person_id, [])) for m in view.current],
        [Seat(m) for m in view.past],
    )


def lead_areas_by_person(people: set[int], on: dt.date | None = None) -> dict[int, list[str]]:
    """Each person's current lead areas (TOR-3): one query."""
    leads: dict[int, list[str]] = {}
    rows = LeadArea.objects.filter(tq.current_q(on or timezone.localdate()), person_id__in=people)
    for lead in rows.order_by("area", "id"):
        leads.setdefault(lead.person_id, []).append(lead.area)
    return leads


def public_seats(trust_id: int, on: dt.date | None = None) -> list[Membership]:
    """Every current or past seat on the trust's committees (the public membership record)."""
    on = on or timezone.localdate()
    return list(
        Membership.objects.filter(committee__trust_id=trust_id, start_date__lte=on)
        .select_related("person", "committee")
        .order_by("committee__name", "person__name", "start_date", "id")
    )


# Meetings --------------------------------------------------------------------------------


def meetings(trust_id: int, *, committee_id: int | None = None) -> QuerySet[Meeting]:
    """The trust's meetings held in public, newest first; never a private one."""
    return mq.meetings(trust_id, committee_id=committee_id).filter(public=True).order_by("-starts_at", "-id")


def meeting(trust_id: int, pk: int) -> Meeting:
    return Meeting.objects.select_related("committee", "committee__trust").get(
        pk=pk, committee__trust_id=trust_id, public=True
    )


@dataclass
class PublicItem:
    """An agenda item the public may see, or a placeholder for one taken in private."""

    number: int
    item: AgendaItem | None  # None: taken in private, nothing else is shown
    papers: list[Paper] = field(default_factory=list)
    conflicts: list[ItemConflict] = field(default_factory=list)
    votes: list[Vote] = field(default_factory=list)


@dataclass
class MeetingPage:
    meeting: Meeting
    published: bool
    published_on: dt.date
    items: list[PublicItem]
    attendance: list[Attendance]
    minutes: Minutes | None


def _item_prefetch() -> list[Any]:
    return [
        Prefetch("papers", Paper.objects.order_by("id")),
        Prefetch(
            "conflicts",
            ItemConflict.objects.select_related("person", "declaration", "ruled_by").order_by("person__name"),
        ),
        Prefetch("votes", Vote.objects.select_related("person").order_by("person__name")),
        "affected",
    ]


def public_item(item: AgendaItem) -> PublicItem:
    if item.confidential:
        return PublicItem(item.number, None)
    return PublicItem(
        item.number, item, list(item.papers.all()), list(item.conflicts.all()), list(item.votes.all())
    )


def meeting_page(trust_id: int, pk: int, today: dt.date | None = None) -> MeetingPage:
    """A public meeting: its agenda once published (items in private as placeholders),
    attendance once held, the latest approved minutes (never a draft). Eight queries."""
    m = meeting(trust_id, pk)
    days = papers_days(m.committee.trust)
    published = is_published(m, days, today)
    items: list[PublicItem] = []
    if published:
        rows = AgendaItem.objects.filter(meeting=m).prefetch_related(*_item_prefetch()).order_by("number")
        items = [public_item(item) for item in rows]
    attendance = list(Attendance.objects.filter(meeting=m).select_related("person").order_by("person__name"))
    return MeetingPage(m, published, published_on(m, days), items, attendance, approved_minutes(m))


def approved_minutes(m: Meeting) -> Minutes | None:
    return mq.latest_approved_minutes(m)


def paper(trust_id: int, pk: int, today: dt.date | None = None) -> Paper:
    """A paper the public may download: a public meeting's, not taken in private, published."""
    found = Paper.objects.select_related("item__meeting__committee__trust").get(
        pk=pk,
        item__meeting__committee__trust_id=trust_id,
        item__meeting__public=True,
        item__confidential=False,
    )
    m = found.item.meeting
    if not is_published(m, papers_days(m.committee.trust), today):
        raise Paper.DoesNotExist(pk)
    return found


def public_interest(conflict: ItemConflict) -> str:
    """Where a conflict lay, unless the register withholds the declaration's details (PUB-1)."""
    return WITHHELD_INTEREST if withheld(conflict) else conflict.interest


def withheld(conflict: ItemConflict) -> bool:
    declaration = conflict.declaration
    return declaration is not None and declaration.withholding != Withholding.NONE


def public_reason(conflict: ItemConflict) -> str:
    """The chair's reason for the handling, unless it concerns a withheld declaration."""
    return "" if withheld(conflict) else conflict.reason


# Decisions and statements -----------------------------------------------------------------


def decided_items(trust_id: int, *, kind: str = "") -> QuerySet[AgendaItem]:
    """Every decided item of a public meeting that was not taken in private, newest first."""
    qs = (
        AgendaItem.objects.filter(
            meeting__committee__trust_id=trust_id, meeting__public=True, confidential=False
        )
        .exclude(outcome="")
        .select_related("meeting__committee")
        .prefetch_related(*_item_prefetch())
        .order_by("-meeting__starts_at", "number", "id")
    )
    return qs.filter(kind=kind) if kind else qs


def decided_cases(trust_id: int) -> list[case_register.DecisionRow]:
    """Decided business cases, leaving out any whose item was taken in private or whose
    meeting was not public."""
    rows = case_register.decisions(trust_id)
    return [
        r
        for r in rows
        if r.case.agenda_item is None
        or (not r.case.agenda_item.confidential and r.case.agenda_item.meeting.public)
    ]


def statement_items(trust_id: int) -> QuerySet[AgendaItem]:
    """Recommendations to the Board from public meetings, not taken in private, decided."""
    return (
        decided_items(trust_id, kind="recommendation")
        .exclude(outcome__in=NOT_TO_BOARD)
        .select_related("board_decision")
    )


def statement_item(trust_id: int, pk: int) -> AgendaItem:
    item = statement_items(trust_id).filter(pk=pk).first()
    if item is None or not item.went_to_board:
        raise AgendaItem.DoesNotExist(pk)
    return item


def board_decision(item: AgendaItem) -> BoardDecision | None:
    try:
        return item.board_decision
    except BoardDecision.DoesNotExist:
        return None


def approved_minutes_map(meeting_ids: list[int]) -> dict[int, Minutes]:
    """The latest approved minutes of each meeting: one query."""
    found: dict[int, Minutes] = {}
    for m in Minutes.objects.filter(meeting_id__in=meeting_ids, status=MinutesStatus.APPROVED).order_by(
        "meeting_id", "-version"
    ):
        found.setdefault(m.meeting_id, m)
    return found


def minutes_secrets(m: Meeting) -> list[tuple[str, str]]:
    """What the approved minutes of `m` may mention that the public may not read, each with
    what the public page says instead (PUB-1, X-1): four queries."""
    return minutes_secrets_map([m.pk])[m.pk]


def minutes_secrets_map(meeting_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    """`minutes_secrets` of many meetings in the same four queries (the search index's rebuild)."""
    found: dict[int, list[tuple[str, str]]] = {pk: [] for pk in meeting_ids}
    items = AgendaItem.objects.filter(meeting_id__in=meeting_ids).prefetch_related(
        "papers", "actions", Prefetch("conflicts", ItemConflict.objects.select_related("declaration"))
    )
    for item in items:
        secrets = found[item.meeting_id]
        if item.confidential:
            secrets.append((item.title, "An item was taken in private"))
            texts = [
                item.description,
                item.reasons,
                item.evidence,
                item.changes_made,
                item.confidential_reason,
            ]
            texts += [p.title for p in item.papers.all()] + [a.description for a in item.actions.all()]
            texts += [c.interest for c in item.conflicts.all()] + [c.reason for c in item.conflicts.all()]
            secrets.extend((text, "[withheld]") for text in texts)
        else:
            for c in item.conflicts.all():
                if withheld(c):
                    secrets += [(c.interest, WITHHELD_INTEREST), (c.reason, "[withheld]")]
    return found
