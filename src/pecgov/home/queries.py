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
from pecgov.meetings.models import AgendaItem, Attendance, Meeting
from pecgov.meetings.queries import handled_conflicts, screened_people
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
    """An agenda item of a coming meeting with flagged people whose handling is not recorded."""

    meeting: Meeting
    item: AgendaItem
    names: tuple[str, ...]


def conflicts_awaiting_ruling(
    person_id: int, trust_id: int, now: dt.datetime | None = None
) -> list[AwaitingRuling]:
    """Conflicts waiting for this person's ruling on items of coming meetings (COI-2, COI-3):
    the chair rules on everyone flagged but themself; the vice-chair rules on the chair's own
    conflict (COI-8). A fixed number of queries whatever the number of meetings and items."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    seats = Membership.objects.filter(
        person_id=person_id, role__in=RULING_SEATS, committee__trust_id=trust_id, start_date__lte=today
    ).exclude(end_date__lt=today)
    ruling = dict(seats.values_list("committee_id", "role"))
    if not ruling:
        return []
    meetings = list(
        Meeting.objects.filter(committee_id__in=ruling, starts_at__gte=now)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("committee")
        .prefetch_related(
            Prefetch("items", AgendaItem.objects.order_by("number").prefetch_related("affected"))
        )
        .order_by("starts_at", "id")
    )
    if not meetings:
        return []
    memberships = list(
        Membership.objects.filter(committee_id__in=ruling)
        .exclude(end_date__lt=today)
        .select_related("person")
    )
    attendance = list(Attendance.objects.filter(meeting__in=meetings))
    handled = handled_conflicts(item.pk for meeting in meetings for item in meeting.items.all())
    screened = {meeting.pk: _screened(meeting, memberships, attendance) for meeting in meetings}
    attendees = iq.attendees_for(set().union(*screened.values()), today)
    links = iq.links_for(trust_id)
    names = iq.organisation_names(trust_id)
    waiting = []
    for meeting in meetings:
        day = timezone.localtime(meeting.starts_at).date()
        rules_on = _whose_conflicts(ruling[meeting.committee_id], person_id, memberships, meeting, day)
        present = [a for a in attendees if a.person_id in screened[meeting.pk]]
        by_item = screening.screen_agenda(
            items={item.pk: [o.pk for o in item.affected.all()] for item in meeting.items.all()},
            attendees=present,
            links=links,
            on=day,
            names=names,
        )
        for item in meeting.items.all():
            flagged = sorted(
                {
                    c.name
                    for c in by_item.get(item.pk, [])
                    if (item.pk, c.person_id) not in handled and rules_on(c.person_id)
                }
            )
            if flagged:
                waiting.append(AwaitingRuling(meeting, item, tuple(flagged)))
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


def _whose_conflicts(
    seat: str, person_id: int, memberships: list[Membership], meeting: Meeting, day: dt.date
) -> Callable[[int], bool]:
    """Whose conflicts this seat rules on: no one rules on their own (COI-8)."""
    chairs = {
        m.person_id
        for m in memberships
        if m.committee_id == meeting.committee_id and m.role == MembershipRole.CHAIR and _on(m, day)
    }
    if seat == MembershipRole.CHAIR:
        return lambda pid: pid != person_id
    return lambda pid: pid in chairs and pid != person_id
