"""Reads for meeting pages, the conflict matrix, quorum and minutes, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from pecgov.actors import Actor, may
from pecgov.interests import queries as iq
from pecgov.interests import screening
from pecgov.meetings.enums import AttendanceStatus, AttendeeKind, MeetingStatus, MinutesStatus
from pecgov.meetings.models import (
    Action,
    AgendaItem,
    Attendance,
    BoardDecision,
    ConflictConcern,
    ItemConflict,
    Meeting,
    Minutes,
    Paper,
)
from pecgov.meetings.quorum import QuorumResult, check_quorum
from pecgov.policy.services import EffectivePolicy, effective_policy
from pecgov.trust.enums import MembershipRole, Profession
from pecgov.trust.models import Committee, Membership, Organisation
from pecgov.trust.queries import current_q


def meetings(
    trust_id: int, *, committee_id: int | None = None, upcoming: bool | None = None
) -> QuerySet[Meeting]:
    qs = (
        Meeting.objects.filter(committee__trust_id=trust_id)
        .select_related("committee")
        .annotate(item_count=Count("items"))
    )
    if committee_id:
        qs = qs.filter(committee_id=committee_id)
    now = timezone.now()
    if upcoming is True:
        qs = qs.filter(starts_at__gte=now).order_by("starts_at", "id")
    elif upcoming is False:
        qs = qs.filter(starts_at__lt=now).order_by("-starts_at", "id")
    return qs


def meeting_day(meeting: Meeting) -> dt.date:
    return timezone.localtime(meeting.starts_at).date()


def papers_published_on(meeting: Meeting, days: int | None = None) -> dt.date:
    """PUB-1: the day a public meeting's agenda, public papers and public agenda pack appear, the
    pack's number of days (`public.papers_days_before`) before the meeting. A caller listing many
    meetings of one trust reads the number once and passes it. The one place this date is worked
    out: the public pages, the feeds and the public pack all ask here."""
    if days is None:
        found = effective_policy(meeting.committee.trust)["public.papers_days_before"]
        assert isinstance(found, int)
        days = found
    return meeting_day(meeting) - dt.timedelta(days=days)


def voting_members(meeting: Meeting) -> list[Membership]:
    """The committee's members on the meeting date, not counting co-opted members."""
    return list(
        Membership.objects.filter(current_q(meeting_day(meeting)), committee_id=meeting.committee_id)
        .exclude(role=MembershipRole.CO_OPTED)
        .select_related("person")
    )


def screened_people(meeting: Meeting, attendance: list[Attendance], members: list[Membership]) -> set[int]:
    """Who is screened: those recorded as present, or before attendance is taken, every member."""
    present = {a.person_id for a in attendance if a.status == AttendanceStatus.PRESENT}
    if attendance:
        return present
    return {m.person_id for m in members}


@dataclass
class ItemRow:
    item: AgendaItem
    conflicts: list[screening.Conflict]
    handled: dict[int, ItemConflict]
    quorum: QuorumResult | None
    attendance_recorded: bool = True

    @property
    def quorum_label(self) -> str:
        """What the pages show for quorum (MTG-2): before attendance is taken there is nothing to
        count, so not a red "Not quorate"."""
        if self.quorum is None:
            return "Not needed"
        if not self.attendance_recorded:
            return "Attendance not yet recorded"
        return "Quorate" if self.quorum.quorate else "Not quorate"

    @property
    def unhandled(self) -> list[str]:
        return sorted({c.name for c in self.conflicts if c.person_id not in self.handled})

    @property
    def people(self) -> dict[int, list[screening.Conflict]]:
        return screening.by_person(self.conflicts)


@dataclass
class MeetingView:
    meeting: Meeting
    rows: list[ItemRow]
    attendance: list[Attendance]
    members: list[Membership]
    minutes: list[Minutes]
    actions: list[Action]
    names: dict[int, str] = field(default_factory=dict)
    screened: list[int] = field(default_factory=list)


def _quorum(
    meeting: Meeting,
    members: list[Membership],
    attendance: list[Attendance],
    excluded: set[int],
    percent: int,
    min_clinicians: int | None,
) -> QuorumResult:
    member_ids = {m.person_id for m in members}
    present = {
        a.person_id
        for a in attendance
        if a.status == AttendanceStatus.PRESENT
        and a.kind == AttendeeKind.MEMBER
        and a.person_id in member_ids
    }
    clinicians = {m.person_id for m in members if m.person.profession in Profession.clinical()}
    return check_quorum(
        members=len(member_ids),
        present=present,
        excluded=excluded & member_ids,
        clinicians=clinicians,
        percent=percent,
        min_clinicians=min_clinicians,
    )


@dataclass(frozen=True)
class TrustReference:
    """What every meeting page of a trust reads alike (COI-2): the organisation links and names
    the screening uses and the effective policy (quorum). Read only, so the web layer may keep it
    for the trust's data version."""

    links: list[screening.Link]
    names: dict[int, str]
    policy: EffectivePolicy


def trust_reference(trust: Organisation) -> TrustReference:
    """The trust's reference data: five queries."""
    return TrustReference(iq.links_for(trust.pk), iq.organisation_names(trust.pk), effective_policy(trust))


def meeting_view(
    trust_id: int, pk: int, reference: Callable[[Organisation], TrustReference] = trust_reference
) -> MeetingView:
    """The meeting with its agenda, attendance and conflict matrix: a fixed number of queries
    whatever the number of items and attendees. `reference` reads the trust's reference data (a
    view may pass one that keeps it per data version)."""
    meeting = Meeting.objects.select_related("committee", "committee__trust").get(
        pk=pk, committee__trust_id=trust_id
    )
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .prefetch_related("affected", Prefetch("papers", Paper.objects.order_by("id")))
        .order_by("number")
    )
    attendance = list(
        Attendance.objects.filter(meeting=meeting).select_related("person").order_by("person__name")
    )
    members = voting_members(meeting)
    day = meeting_day(meeting)
    people = screened_people(meeting, attendance, members)
    attendees = iq.attendees_for(people, day)
    ref = reference(meeting.committee.trust)
    links, names, policy = ref.links, ref.names, ref.policy
    handled = handled_conflicts(i.pk for i in items)
    # The pack always supplies the percentage, and a trust may set it to 0: no `or` default.
    percent = policy["meetings.quorum_percent"]
    min_clin = policy["meetings.quorum_min_clinicians"]
    assert isinstance(percent, int) and (min_clin is None or isinstance(min_clin, int))
    by_item = screening.screen_agenda(
        items={item.pk: [o.pk for o in item.affected.all()] for item in items},
        attendees=attendees,
        links=links,
        on=day,
        names=names,
    )
    rows = []
    for item in items:
        conflicts = by_item[item.pk]
        item_handled = {pid: c for (iid, pid), c in handled.items() if iid == item.pk}
        excluded = {pid for pid, c in item_handled.items() if c.excluded_from_decision}
        quorum = None
        if item.takes_votes:
            quorum = _quorum(
                meeting,
                members,
                attendance,
                excluded,
                percent,
                min_clin,
            )
        rows.append(ItemRow(item, conflicts, item_handled, quorum, bool(attendance)))
    minutes = list(
        Minutes.objects.filter(meeting=meeting).select_related("approved_at_meeting").order_by("-version")
    )
    actions = list(
        Action.objects.filter(meeting=meeting).select_related("owner", "item").order_by("due_date", "id")
    )
    return MeetingView(meeting, rows, attendance, members, minutes, actions, names, sorted(people))


def item_row(item: AgendaItem) -> ItemRow:
    view = meeting_view(item.meeting.committee.trust_id, item.meeting_id)
    return next(row for row in view.rows if row.item.pk == item.pk)


def item_quorum(item: AgendaItem) -> QuorumResult:
    row = item_row(item)
    if row.quorum is None:
        return QuorumResult(True, 0, 0, 0, None, "No quorum needed for this kind of item.")
    return row.quorum


def unhandled_conflicts(item: AgendaItem) -> list[str]:
    return item_row(item).unhandled


def concerns(item: AgendaItem) -> list[ConflictConcern]:
    return list(ConflictConcern.objects.filter(item=item).select_related("raised_by").order_by("raised_at"))


def minutes_text(meeting: Meeting) -> str:
    """Draft minutes from the record (MTG-5): attendance, each item, conflicts and how they were handled."""
    view = meeting_view(meeting.committee.trust_id, meeting.pk)
    lines = [
        f"Minutes of the {meeting.committee.name}",
        f"{timezone.localtime(meeting.starts_at):%-d %B %Y, %H:%M}, {meeting.location}",
        "",
    ]
    present = [a.person.name for a in view.attendance if a.status == AttendanceStatus.PRESENT]
    apologies = [a.person.name for a in view.attendance if a.status == AttendanceStatus.APOLOGIES]
    lines.append("Present: " + (", ".join(present) or "not recorded"))
    if apologies:
        lines.append("Apologies: " + ", ".join(apologies))
    lines.append("")
    for row in view.rows:
        item = row.item
        lines.append(f"{item.number}. {item.title} ({item.get_kind_display()})")
        for conflict in sorted(row.handled.values(), key=lambda c: c.person.name):
            lines.append(
                f"   Conflict: {conflict.interest} Handled: {conflict.get_handling_display()}."
                + (f" {conflict.reason}" if conflict.reason else "")
            )
        if item.outcome:
            lines.append(
                f"   Outcome: {item.get_outcome_display()} ({item.get_contribution_display().lower()})."
            )
            if item.reasons:
                lines.append(f"   Reasons: {item.reasons}")
            if item.changes_made:
                lines.append(f"   Changes made: {item.changes_made}")
            if item.evidence:
                lines.append(f"   Evidence relied on: {item.evidence}")
        else:
            lines.append("   Not decided.")
        lines.append("")
    if view.actions:
        lines.append("Actions:")
        lines.extend(
            f" - {a.description} (owner: {a.owner.name}; due {a.due_date:%-d %B %Y})" for a in view.actions
        )
    return "\n".join(lines).strip() + "\n"


def my_actions(person_id: int) -> list[Action]:
    return list(
        Action.objects.filter(owner_id=person_id, done_on__isnull=True)
        .select_related("meeting", "meeting__committee")
        .order_by("due_date")[:20]
    )


def latest_approved_minutes(meeting: Meeting) -> Minutes | None:
    return Minutes.objects.filter(meeting=meeting, status=MinutesStatus.APPROVED).order_by("-version").first()


# Reads for the meeting pages (MTG-1, MTG-2, MTG-5 to MTG-7) ------------------------


def attendance_people(meeting: Meeting) -> list[Membership]:
    """Everyone holding a seat on the committee on the meeting date, co-opted members included,
    one membership per person, by name: the rows of the attendance form."""
    seen: set[int] = set()
    rows = []
    for membership in (
        Membership.objects.filter(current_q(meeting_day(meeting)), committee_id=meeting.committee_id)
        .select_related("person")
        .order_by("person__name", "id")
    ):
        if membership.person_id not in seen:
            seen.add(membership.person_id)
            rows.append(membership)
    return rows


def next_meetings(trust_id: int, kinds: list[str]) -> list[Committee]:
    """Committees of these kinds with `next_at` and `next_pk`: their next scheduled meeting (MTG-6)."""
    upcoming = Meeting.objects.filter(
        committee_id=OuterRef("pk"), starts_at__gte=timezone.now(), status=MeetingStatus.SCHEDULED
    ).order_by("starts_at", "id")
    return list(
        Committee.objects.filter(trust_id=trust_id, kind__in=kinds)
        .annotate(
            next_at=Subquery(upcoming.values("starts_at")[:1]),
            next_pk=Subquery(upcoming.values("pk")[:1]),
        )
        .order_by("kind", "name")
    )


def calendar_meetings(trust_id: int, pk: int | None = None) -> list[Meeting]:
    """Meetings for the iCalendar export (MTG-7), with their agenda titles: two queries."""
    qs = Meeting.objects.filter(committee__trust_id=trust_id).select_related("committee")
    if pk is not None:
        qs = qs.filter(pk=pk)
    return list(
        qs.prefetch_related(Prefetch("items", AgendaItem.objects.order_by("number"))).order_by(
            "starts_at", "id"
        )
    )


def paper_in_trust(trust_id: int, pk: int) -> Paper:
    return Paper.objects.select_related("item__meeting__committee").get(
        pk=pk, item__meeting__committee__trust_id=trust_id
    )


def item_in_trust(trust_id: int, pk: int) -> AgendaItem:
    return AgendaItem.objects.select_related("meeting__committee__trust").get(
        pk=pk, meeting__committee__trust_id=trust_id
    )


def minutes_in_trust(trust_id: int, pk: int) -> Minutes:
    return Minutes.objects.select_related("meeting__committee__trust", "approved_at_meeting").get(
        pk=pk, meeting__committee__trust_id=trust_id
    )


def action_in_trust(trust_id: int, pk: int) -> Action:
    return Action.objects.select_related("meeting__committee", "owner").get(
        pk=pk, meeting__committee__trust_id=trust_id
    )


def handled_conflicts(item_ids: Iterable[int]) -> dict[tuple[int, int], ItemConflict]:
    return {
        (c.item_id, c.person_id): c
        for c in ItemConflict.objects.filter(item_id__in=list(item_ids)).select_related(
            "recorded_by", "declaration", "person"
        )
    }


# What may be done with an item now (COI-3, COI-4, COI-5, MTG-3) --------------------------------


def has_started(meeting: Meeting, now: dt.datetime | None = None) -> bool:
    """The meeting's start has come: only then can attendance, votes and decisions be recorded
    (MTG-2, MTG-3)."""
    return meeting.starts_at <= (now or timezone.now())


def allowed_actions(item: AgendaItem, actor: Actor) -> frozenset[str]:
    """What `actor` may do with `item` now, from the same permissions and states the services
    check: "record_conflict", "vote", "decide", "board_decision", "send_statement", "concern".
    Pages show an action only when it is here."""
    meeting = item.meeting
    actions: set[str] = set()
    if may(actor, "meetings.chair", meeting) and not item.is_decided:
        actions.add("record_conflict")
        if has_started(meeting):
            actions.add("decide")
            if item.takes_votes:
                actions.add("vote")
    if may(actor, "trust.manage", meeting) and item.went_to_board:
        actions.add("send_statement")
        if not BoardDecision.objects.filter(item=item).exists():
            actions.add("board_decision")
    if may(actor, "meetings.raise_concern", meeting):
        actions.add("concern")
    return frozenset(actions)
