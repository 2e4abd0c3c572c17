"""One generated trust's meetings: agendas with the organisations each item affects, attendance,
conflicts screened and handled, decisions, minutes, actions and the Board's decisions on the
PEC's recommendations (MTG-1 to MTG-5, COI-2, COI-3).

The rules the services apply hold here too, checked by the same pure engines: every conflict
screening finds among those present is handled before an item is decided; a decision or
recommendation is decided only if it is quorate after the conflicted members step out; an
approved recommendation goes to the Board's next meeting; minutes are approved at the
committee's next meeting, and the latest stay a draft.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from pecgov.demo.generate import shape
from pecgov.demo.generate.interests import at
from pecgov.demo.generate.structure import World
from pecgov.demo.generate.writers import Writer
from pecgov.interests import screening
from pecgov.interests.enums import Handling
from pecgov.meetings.conflicts import services as conflict_services
from pecgov.meetings.enums import (
    AttendanceStatus,
    BoardOutcome,
    Contribution,
    ItemKind,
    MeetingStatus,
    MinutesStatus,
    Outcome,
)
from pecgov.meetings.models import (
    Action,
    AgendaItem,
    Attendance,
    BoardDecision,
    ItemConflict,
    Meeting,
    Minutes,
)
from pecgov.meetings.quorum import check_quorum
from pecgov.policy.services import effective_policy
from pecgov.trust.enums import LinkKind, MembershipRole, Profession
from pecgov.trust.models import Membership, Organisation, Person

# The day of the month each committee meets; the Area Commissioning Forums from the 12th, one a day.
DAY_OF_MONTH = {"board": 5, "pec": 10, "pbc_approvals": 24, "pbc_leads": 18, "reference_group": 20}
EXCLUDED = {Handling.EXCLUDE_DECISION, Handling.EXCLUDE_DEBATE}
REASONS = [
    "Meets the locality's priorities and reduces outpatient referrals; value for money shown.",
    "Good evidence of demand; fits the agreed pathway and the PBC plan.",
    "Affordable within the budget; supported by the clinical scrutiny.",
    "Improves access for patients in the most deprived wards.",
]
EVIDENCE = "Referral and activity data for two years; NICE guidance; a patient survey; costing from finance."


@dataclass
class Planned:
    """One meeting as generated, with what was decided at it."""

    key: str
    meeting: Meeting
    day: dt.date
    held: bool
    items: list[AgendaItem] = field(default_factory=list)
    affected: list[list[Organisation]] = field(default_factory=list)
    present: list[Person] = field(default_factory=list)
    attendance: list[Attendance] = field(default_factory=list)
    conflicts: list[ItemConflict] = field(default_factory=list)


def build(
    world: World, writer: Writer, interests: dict[int, tuple[screening.Interest, ...]]
) -> list[Planned]:
    plans = _schedule(world)
    writer.add(Meeting, [p.meeting for p in plans], noun="meetings")
    seats = _seats_by_committee(world)
    context = _Screening(world, interests)
    for plan in plans:
        _agenda(world, plan)
        if plan.held:
            _attend(world, plan, seats[plan.key])
            _decide(world, plan, seats[plan.key], context)
    items = [item for plan in plans for item in plan.items]
    item_history: list[Any] = []
    writer.add(AgendaItem, items, noun="agenda items", history_out=item_history)
    through = AgendaItem.affected.through
    links = [
        through(agendaitem_id=item.pk, organisation_id=org.pk)
        for plan in plans
        for item, affected in zip(plan.items, plan.affected, strict=True)
        for org in affected
    ]
    writer.add_plain(through, links, noun="affected organisations")
    writer.add_m2m_history(
        item_history, links, field="affected", owner="agendaitem_id", target="organisation_id"
    )
    writer.add(Attendance, [a for plan in plans for a in plan.attendance], noun="attendance records")
    writer.add(ItemConflict, [c for plan in plans for c in plan.conflicts], noun="item conflicts")
    _minutes_and_actions(world, writer, plans)
    return plans


def _schedule(world: World) -> list[Planned]:
    rng, on = world.rng, world.on
    plans = []
    for key, committee in world.committees.items():
        cadence_key = "acf" if key.startswith("acf") else key
        every, _ = shape.CADENCE[cadence_key]
        day_of_month = 12 + int(key[3:]) if key.startswith("acf") else DAY_OF_MONTH[key]
        where = (
            f"Boardroom, {world.place} House"
            if key in {"board", "pec"}
            else f"Meeting room 2, {world.place} House"
        )
        if committee.locality is not None:
            where = f"{committee.locality.name.removesuffix(' Locality')} Health Centre"
        for months in range(-shape.MONTHS_AHEAD, shape.MONTHS_PAST + 1):
            if months % every:
                continue
            day = shape.months_before(on, months, day_of_month)
            held = day < on
            status = MeetingStatus.SCHEDULED
            if held and rng.random() < 0.02:
                status, held = MeetingStatus.CANCELLED, False
            meeting = Meeting(committee=committee, starts_at=at(day, 14), location=where, status=status)
            plans.append(Planned(key, meeting, day, held))
    return plans


def _seats_by_committee(world: World) -> dict[str, list[Membership]]:
    by_id = {c.pk: key for key, c in world.committees.items()}
    seats: dict[str, list[Membership]] = {key: [] for key in world.committees}
    for membership in world.memberships:
        seats[by_id[membership.committee_id]].append(membership)
    return seats


def _current(seats: list[Membership], day: dt.date) -> list[Membership]:
    return [m for m in seats if m.start_date <= day and (m.end_date is None or m.end_date >= day)]


def _agenda(world: World, plan: Planned) -> None:
    rng = world.rng
    _, per_meeting = shape.CADENCE["acf" if plan.key.startswith("acf") else plan.key]
    routine = [shape.ROUTINE_ITEMS[0], *rng.sample(shape.ROUTINE_ITEMS[1:], 2)]
    rows: list[tuple[str, str, str, list[Organisation]]] = [(t, k, "", []) for t, k in routine]
    for _ in range(per_meeting + rng.randint(-1, 1) - len(routine)):
        rows.append(_substantive(world, plan))
    for number, (title, kind, description, affected) in enumerate(rows, start=1):
        plan.items.append(
            AgendaItem(meeting=plan.meeting, number=number, title=title, kind=kind, description=description)
        )
        plan.affected.append(affected)


def _groups_of(world: World, practice: Organisation, day: dt.date) -> list[Organisation]:
    """The practice's PBC groups that day, as a business case's affected organisations name them."""
    return [
        link.to_organisation
        for link in world.links
        if link.from_organisation is practice
        and link.kind == LinkKind.MEMBER_OF_PBC_GROUP
        and link.start_date <= day
        and (link.end_date is None or link.end_date >= day)
    ]


def _substantive(world: World, plan: Planned) -> tuple[str, str, str, list[Organisation]]:
    rng, key = world.rng, plan.key
    subject = shape.pick(rng, shape.SUBJECTS)
    roll = rng.random()
    if (key == "pbc_approvals" and roll < 0.7) or (key == "pec" and roll < 0.4):
        practice = shape.pick(rng, world.practices)
        value = (
            rng.randrange(60_000, 240_000, 500)
            if key == "pbc_approvals"
            else rng.randrange(260_000, 990_000, 1000)
        )
        kind = ItemKind.DECISION if key == "pbc_approvals" else ItemKind.RECOMMENDATION
        title = f"Business case: {subject} at {practice.name} (£{value:,} a year)"
        description = f"{practice.name} proposes a {subject} service for patients across its PBC group."
        return title, kind, description, [practice, *_groups_of(world, practice, plan.day)]
    if key in {"pec", "board"} and roll < 0.6:
        provider = shape.pick(rng, world.providers)
        title = f"Contract: {subject} with {provider.name}"
        return title, ItemKind.DECISION, f"Award or extend the {subject} contract.", [provider]
    if key.startswith("acf") and roll < 0.4:
        locality = int(key[3:])
        practices = [p for i, p in enumerate(world.practices) if i % shape.LOCALITIES == locality]
        practice = shape.pick(rng, practices)
        title = f"Locality plan: {subject} at {practice.name}"
        return title, ItemKind.DECISION, "", [practice]
    if key in {"pbc_leads", "reference_group"} and roll < 0.3:
        group = shape.pick(rng, world.groups)
        return f"{group.name}: {subject} redesign", ItemKind.DECISION, "", [group]
    kind = ItemKind.DISCUSSION if roll < 0.8 else ItemKind.INFORMATION
    return f"{subject[:1].upper()}{subject[1:]}: progress report", kind, "", []


def _attend(world: World, plan: Planned, seats: list[Membership]) -> None:
    rng = world.rng
    seen: list[Person] = []
    for membership in _current(seats, plan.day):
        person = membership.person
        if any(p is person for p in seen):
            continue
        seen.append(person)
        roll = rng.random()
        status = AttendanceStatus.PRESENT if roll < 0.88 else AttendanceStatus.APOLOGIES
        if roll > 0.97:
            status = AttendanceStatus.ABSENT
        plan.attendance.append(Attendance(meeting=plan.meeting, person=person, status=status))
        if status == AttendanceStatus.PRESENT:
            plan.present.append(person)


def screening_links(world: World) -> list[screening.Link]:
    """The trust's organisation links and parent relations, as `interests.queries.links_for`
    reads them."""
    links = [
        screening.Link(
            link.from_organisation.pk, link.to_organisation.pk, link.kind, link.start_date, link.end_date
        )
        for link in world.links
    ]
    return links + [screening.Link(o.pk, o.parent.pk, "parent") for o in world.orgs if o.parent is not None]


class _Screening:
    """The trust's screening inputs, as `interests.queries` would read them, built once."""

    def __init__(self, world: World, interests: dict[int, tuple[screening.Interest, ...]]) -> None:
        self.interests = interests
        self.links = screening_links(world)
        self.names = {o.pk: o.name for o in [world.trust, *world.orgs]}
        trust = world.trust
        policy = effective_policy(trust)
        percent, min_clinicians = policy["meetings.quorum_percent"], policy["meetings.quorum_min_clinicians"]
        assert isinstance(percent, int) and (min_clinicians is None or isinstance(min_clinicians, int))
        self.percent, self.min_clinicians = percent, min_clinicians
        self.financial_default = conflict_services.financial_default(trust)


def _decide(world: World, plan: Planned, seats: list[Membership], context: _Screening) -> None:
    rng = world.rng
    attendees = [screening.Attendee(p.pk, p.name, context.interests[p.pk]) for p in plan.present]
    voting = [m for m in _current(seats, plan.day) if m.role != MembershipRole.CO_OPTED]
    member_ids = {m.person.pk for m in voting}
    clinicians = {m.person.pk for m in voting if m.person.profession in Profession.clinical()}
    present = {p.pk for p in plan.present} & member_ids
    people = {p.pk: p for p in plan.present}
    starts = plan.meeting.starts_at
    agenda = list(zip(plan.items, plan.affected, strict=True))
    by_item = screening.screen_agenda(
        items={n: [o.pk for o in affected] for n, (_, affected) in enumerate(agenda)},
        attendees=attendees,
        links=context.links,
        on=plan.day,
        names=context.names,
    )
    for n, (item, _) in enumerate(agenda):
        excluded: set[int] = set()
        found = by_item[n]
        for person_id, conflicts in screening.by_person(found).items():
            financial = any(c.financial for c in conflicts)
            handling = conflict_services.proposed_handling(
                financial=financial, default_for_financial=context.financial_default
            )
            plan.conflicts.append(
                ItemConflict(
                    item=item,
                    person=people[person_id],
                    declaration_id=conflicts[0].declaration_id,
                    interest=conflicts[0].explanation,
                    handling=handling,
                    reason="A financial interest: answered questions, then left before the decision."
                    if handling != Handling.NO_ACTION
                    else "Not a financial interest in this item.",
                    recorded_at=starts + dt.timedelta(minutes=10 + item.number),
                )
            )
            if handling in EXCLUDED:
                excluded.add(person_id)
        if item.kind in {ItemKind.INFORMATION, ItemKind.DISCUSSION}:
            item.outcome, item.contribution = Outcome.NOTED, Contribution.NOTED_ONLY
        else:
            quorum = check_quorum(
                members=len(member_ids),
                present=present,
                excluded=excluded & member_ids,
                clinicians=clinicians,
                percent=context.percent,
                min_clinicians=context.min_clinicians,
            )
            if not quorum.quorate:
                continue  # not quorate once the conflicted stepped out: the item waits
            _outcome(rng.random(), item)
            item.reasons, item.evidence = shape.pick(rng, REASONS), EVIDENCE
        item.decided_at = starts + dt.timedelta(minutes=20 + 5 * item.number)


def _outcome(roll: float, item: AgendaItem) -> None:
    if roll < 0.6:
        item.outcome, item.contribution = Outcome.APPROVED, Contribution.DEBATED_AGREED
    elif roll < 0.8:
        item.outcome, item.contribution = Outcome.APPROVED_WITH_CHANGES, Contribution.DEBATED_CHANGED
        item.changes_made = "Extended to every practice in the locality; six-month review of uptake."
    elif roll < 0.9:
        item.outcome, item.contribution = Outcome.DEFERRED, Contribution.DEBATED_CHANGED
    else:
        item.outcome, item.contribution = Outcome.REJECTED, Contribution.DEBATED_REJECTED


def _minutes_and_actions(world: World, writer: Writer, plans: list[Planned]) -> None:
    rng, on = world.rng, world.on
    minutes: list[Minutes] = []
    actions: list[Action] = []
    decisions: list[BoardDecision] = []
    held_by_key: dict[str, list[Planned]] = {}
    for plan in plans:
        if plan.held:
            held_by_key.setdefault(plan.key, []).append(plan)
    boards = sorted(p.day for p in held_by_key.get("board", []))
    for key, held in held_by_key.items():
        held.sort(key=lambda p: p.day)
        for plan, later in zip(held, [*held[1:], None], strict=True):
            text = _minutes_text(plan)
            record = Minutes(meeting=plan.meeting, version=1, text=text)
            if later is not None:
                record.status = MinutesStatus.APPROVED
                record.approved_at_meeting, record.approved_on = later.meeting, later.day
            minutes.append(record)
            if key in {"pec", "board"} and plan.present:
                due = plan.day + dt.timedelta(days=rng.randint(20, 60))
                done = (
                    due - dt.timedelta(days=rng.randint(0, 15)) if due < on and rng.random() < 0.8 else None
                )
                actions.append(
                    Action(
                        meeting=plan.meeting,
                        description=shape.pick(rng, shape.ACTIONS),
                        owner=shape.pick(rng, plan.present),
                        due_date=due,
                        done_on=max(done, plan.day) if done else None,
                    )
                )
            if key == "pec":
                decisions += _board_decisions(rng, plan, boards)
    writer.add(Minutes, minutes, noun="minutes")
    writer.add(Action, actions, noun="actions")
    writer.add(BoardDecision, decisions, noun="Board decisions")


def _board_decisions(rng: Any, plan: Planned, boards: list[dt.date]) -> list[BoardDecision]:
    """The Board's next meeting decides each recommendation the PEC approved (MTG-3, COI-6)."""
    board_day = next((day for day in boards if day >= plan.day), None)
    if board_day is None:
        return []
    made = []
    for item in plan.items:
        if item.kind == ItemKind.RECOMMENDATION and item.outcome in {
            Outcome.APPROVED,
            Outcome.APPROVED_WITH_CHANGES,
        }:
            roll = rng.random()
            outcome = BoardOutcome.ACCEPTED if roll < 0.85 else BoardOutcome.ACCEPTED_WITH_CHANGES
            if roll > 0.95:
                outcome = BoardOutcome.REJECTED
            made.append(
                BoardDecision(
                    item=item,
                    decided_on=board_day,
                    outcome=outcome,
                    conflicts_considered=True,
                    note="The Board read the statement of conflicts with the recommendation.",
                )
            )
    return made


def _minutes_text(plan: Planned) -> str:
    """Draft minutes from the record, in the shape `meetings.queries.minutes_text` writes."""
    committee = plan.meeting.committee
    lines = [f"Minutes of the {committee.name}", f"{plan.day:%-d %B %Y}, 14:00, {plan.meeting.location}", ""]
    lines.append("Present: " + (", ".join(sorted(p.name for p in plan.present)) or "not recorded"))
    lines.append("")
    handled: dict[int, list[ItemConflict]] = {}
    for conflict in plan.conflicts:
        handled.setdefault(id(conflict.item), []).append(conflict)
    for item in plan.items:
        lines.append(f"{item.number}. {item.title} ({ItemKind(item.kind).label})")
        for conflict in sorted(handled.get(id(item), []), key=lambda c: c.person.name):
            lines.append(f"   Conflict: {conflict.interest} Handled: {Handling(conflict.handling).label}.")
        if item.outcome:
            lines.append(
                f"   Outcome: {Outcome(item.outcome).label} ({Contribution(item.contribution).label.lower()})."
            )
        else:
            lines.append("   Not decided.")
    return "\n".join(lines).strip() + "\n"
