"""Reads for the home page: the trust at a glance and each person's waiting work, each in a
fixed number of queries however many rows there are."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from pecgov.commissioning.enums import CaseStatus
from pecgov.commissioning.queries import CaseRow, pipeline
from pecgov.interests import queries as iq
from pecgov.interests import screening
from pecgov.meetings.enums import MeetingStatus
from pecgov.meetings.models import AgendaItem, Attendance, ItemConflict, Meeting
from pecgov.meetings.queries import TrustReference, screened_people
from pecgov.policy.engine import Finding, Status, worst
from pecgov.policy.services import effective_policy
from pecgov.trust import signals
from pecgov.trust.enums import CommitteeKind, MembershipRole
from pecgov.trust.models import Committee, Membership, Organisation, Person

# The seats that rule on conflicts at a committee's meetings (COI-3, COI-8).
RULING_SEATS = (MembershipRole.CHAIR, MembershipRole.VICE_CHAIR)


@dataclass(frozen=True)
class PecStatus:
    """One PEC's findings as its committee page shows them (POL-2, POL-3, POL-4)."""

    committee: Committee
    findings: list[Finding]
    worst: Status


def committee_status(committee: Committee, answers: dict[str, Any] | None = None) -> PecStatus:
    """Every finding the committee page shows (composition, function coverage once the trust keeps
    a catalogue, and whatever else an app answers), so both pages name the same worst status."""
    answers = signals.findings_for(committee) if answers is None else answers
    findings = [
        finding
        for key, value in answers.items()
        if key.endswith("findings") and isinstance(value, list)
        for finding in value
        if isinstance(finding, Finding)
    ]
    return PecStatus(committee, findings, worst(findings))


def _trust_with_counts(trust_id: int) -> Organisation:
    """The trust with its numbers of people and committees, in one query."""

    def count(model: type[Person] | type[Committee]) -> Coalesce:
        rows = model.objects.filter(trust_id=OuterRef("pk")).order_by().values("trust_id")
        return Coalesce(Subquery(rows.annotate(n=Count("id")).values("n")), 0)

    return Organisation.objects.annotate(n_people=count(Person), n_committees=count(Committee)).get(
        pk=trust_id
    )


def dashboard(trust_id: int) -> dict[str, Any]:
    """The trust at a glance (ORG-1, POL-2): the trust and its counts, the PEC's findings and the
    policy they were judged under (read once, by the findings)."""
    trust = _trust_with_counts(trust_id)
    counts = dict(
        Organisation.objects.filter(trust_id=trust_id)
        .values_list("kind")
        .annotate(n=Count("id"))
        .values_list("kind", "n")
    )
    pecs = list(Committee.objects.filter(trust_id=trust_id, kind=CommitteeKind.PEC))
    statuses = []
    policy = None
    # A trust has one PEC: the loop is bounded by committees of that kind.
    for pec in pecs:
        pec.trust = trust
        answers = signals.findings_for(pec)
        policy = policy or answers.get("policy")
        statuses.append(committee_status(pec, answers))
    return {
        "trust": trust,
        "policy": policy or effective_policy(trust),
        "org_counts": counts,
        "people_count": trust.n_people,  # type: ignore[attr-defined]
        "committee_count": trust.n_committees,  # type: ignore[attr-defined]
        "pec_status": statuses,
    }


def cases_with_director(trust_id: int) -> list[CaseRow]:
    """Business cases waiting for an executive director's decision (PBC-2, TOR-2): two queries."""
    return pipeline(trust_id, status=CaseStatus.WITH_DIRECTOR)


@dataclass(frozen=True)
class AwaitingRuling:
    """An agenda item of a coming meeting with flagged people whose handling is not recorded:
    plain values (what the home page shows), so the trust's part may be kept and shared."""

    meeting_id: int
    committee_name: str
    starts_at: dt.datetime
    item_id: int
    item_number: int
    item_title: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class ScreenedItem:
    """An agenda item with the people flagged on it whose handling is not recorded yet."""

    pk: int
    number: int
    title: str
    # (person id, name) of each conflict not yet handled, in a fixed order.
    flagged: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class ScreenedMeeting:
    """A coming, not cancelled meeting and what a ruling seat needs to filter it (COI-3, COI-8)."""

    pk: int
    committee_id: int
    committee_name: str
    starts_at: dt.datetime
    chairs: frozenset[int]  # the committee's chairs on the meeting day
    items: tuple[ScreenedItem, ...]


@dataclass(frozen=True)
class RulingScreen:
    """What is the same for every ruling seat of a trust on one day: the ruling seats current that
    day, as (person id, committee id, role), and every meeting from the start of the day of their
    committees with its unhandled conflicts. Plain, frozen values: kept per trust data version."""

    day: dt.date
    seats: tuple[tuple[int, int, str], ...]
    meetings: tuple[ScreenedMeeting, ...]


def ruling_screen(
    trust_id: int, today: dt.date, reference: Callable[[Organisation], TrustReference] | None = None
) -> RulingScreen:
    """The trust's part of `conflicts_awaiting_ruling` (COI-2, COI-3): for every coming meeting of
    a committee with someone in a ruling seat today, each item's screened conflicts not handled.
    Meetings are taken from the start of `today`: the reader drops those started since (the value
    is kept for the day). A fixed number of queries whatever the number of meetings and items;
    `reference` reads the trust's links and names (a view may pass one that keeps them)."""
    seats = tuple(
        Membership.objects.filter(role__in=RULING_SEATS, committee__trust_id=trust_id, start_date__lte=today)
        .exclude(end_date__lt=today)
        .order_by("id")
        .values_list("person_id", "committee_id", "role")
    )
    if not seats:
        return RulingScreen(today, (), ())
    committees = {committee_id for _, committee_id, _ in seats}
    start_of_day = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    meetings = list(
        Meeting.objects.filter(committee_id__in=committees, starts_at__gte=start_of_day)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("committee__trust")
        .prefetch_related(
            Prefetch("items", AgendaItem.objects.order_by("number").prefetch_related("affected"))
        )
        .order_by("starts_at", "id")
    )
    if not meetings:
        return RulingScreen(today, seats, ())
    memberships = list(Membership.objects.filter(committee_id__in=committees).exclude(end_date__lt=today))
    attendance = list(Attendance.objects.filter(meeting__in=meetings))
    handled = set(
        ItemConflict.objects.filter(
            item_id__in=[item.pk for meeting in meetings for item in meeting.items.all()]
        ).values_list("item_id", "person_id")
    )
    screened = {meeting.pk: _screened(meeting, memberships, attendance) for meeting in meetings}
    attendees = iq.attendees_for(set().union(*screened.values()), today)
    if reference is None:
        links, names = iq.links_for(trust_id), iq.organisation_names(trust_id)
    else:
        ref = reference(meetings[0].committee.trust)
        links, names = ref.links, ref.names
    kept = []
    for meeting in meetings:
        day = timezone.localtime(meeting.starts_at).date()
        present = [a for a in attendees if a.person_id in screened[meeting.pk]]
        by_item = screening.screen_agenda(
            items={item.pk: [o.pk for o in item.affected.all()] for item in meeting.items.all()},
            attendees=present,
            links=links,
            on=day,
            names=names,
        )
        items = []
        for item in meeting.items.all():
            flagged = sorted(
                {
                    (c.person_id, c.name)
                    for c in by_item.get(item.pk, [])
                    if (item.pk, c.person_id) not in handled
                }
            )
            if flagged:
                items.append(ScreenedItem(item.pk, item.number, item.title, tuple(flagged)))
        if items:
            kept.append(
                ScreenedMeeting(
                    meeting.pk,
                    meeting.committee_id,
                    meeting.committee.name,
                    meeting.starts_at,
                    _chairs(memberships, meeting.committee_id, day),
                    tuple(items),
                )
            )
    return RulingScreen(today, seats, tuple(kept))


def conflicts_awaiting_ruling(
    person_id: int,
    trust_id: int,
    now: dt.datetime | None = None,
    screen: Callable[[int, dt.date], RulingScreen] = ruling_screen,
) -> list[AwaitingRuling]:
    """Conflicts waiting for this person's ruling on items of coming meetings (COI-2, COI-3):
    the chair rules on everyone flagged but themself; the vice-chair rules on the chair's own
    conflict (COI-8). The trust's part (`screen(trust_id, today)`, which a view may keep per data
    version and day) is filtered for the person here, without a query: their seats current today
    and the meetings not started by `now`."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    kept = screen(trust_id, today)
    ruling = {committee_id: role for pid, committee_id, role in kept.seats if pid == person_id}
    if not ruling:
        return []
    waiting = []
    for meeting in kept.meetings:
        if meeting.committee_id not in ruling or meeting.starts_at < now:
            continue  # not this person's committee, or started since the value was kept
        rules_on = _whose_conflicts(ruling[meeting.committee_id], person_id, meeting.chairs)
        for item in meeting.items:
            flagged = sorted({name for pid, name in item.flagged if rules_on(pid)})
            if flagged:
                waiting.append(
                    AwaitingRuling(
                        meeting.pk,
                        meeting.committee_name,
                        meeting.starts_at,
                        item.pk,
                        item.number,
                        item.title,
                        tuple(flagged),
                    )
                )
    return waiting


def _on(membership: Membership, day: dt.date) -> bool:
    return membership.start_date <= day and (membership.end_date is None or membership.end_date >= day)


def _screened(meeting: Meeting, memberships: list[Membership], attendance: list[Attendance]) -> set[int]:
    """Who is screened at the meeting: as the meeting page does (meetings.queries.screened_people)."""
    day = timezone.localtime(meeting.starts_at).date()
    members = [
        m
        for m in memberships
        if m.committee_id == meeting.committee_id and m.role != MembershipRole.CO_OPTED and _on(m, day)
    ]
    return screened_people(meeting, [a for a in attendance if a.meeting_id == meeting.pk], members)


def _chairs(memberships: list[Membership], committee_id: int, day: dt.date) -> frozenset[int]:
    return frozenset(
        m.person_id
        for m in memberships
        if m.committee_id == committee_id and m.role == MembershipRole.CHAIR and _on(m, day)
    )


def _whose_conflicts(seat: str, person_id: int, chairs: frozenset[int]) -> Callable[[int], bool]:
    """Whose conflicts this seat rules on: no one rules on their own (COI-8)."""
    if seat == MembershipRole.CHAIR:
        return lambda pid: pid != person_id
    return lambda pid: pid in chairs and pid != person_id
