"""A small year of the record built by hand through the services, for the measures tests
(EFF-2): the financial year 2023/24, four meetings held and one cancelled, ten items, three
recommendations to the Board, two conflicts and a concern, minutes, and three business cases.
Every expected number is worked out in `tests/effectiveness/test_measures_table.py`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from pecgov.commissioning import services as cs
from pecgov.meetings import services as ms
from pecgov.meetings.conflicts import services as conflicts
from pecgov.meetings.models import AgendaItem, Meeting
from pecgov.trust import services as ts
from pecgov.trust.enums import MembershipRole, OrganisationKind, Profession
from pecgov.trust.models import Organisation, Person
from tests.commissioning_factories import make_commissioning, scrutinise, submit_case
from tests.factories import SYSTEM, World, make_org, make_person, seat
from tests.meeting_factories import attend_all, declare, make_item, pec_people

START = dt.date(2023, 4, 1)
END = dt.date(2024, 3, 31)
LONDON = ZoneInfo("Europe/London")


@dataclass
class Year:
    world: World
    meetings: dict[str, Meeting]
    items: dict[str, AgendaItem]
    newcomer: Person


def _meeting(world: World, day: dt.date) -> Meeting:
    starts = dt.datetime.combine(day, dt.time(10), tzinfo=LONDON)
    return ms.meeting_create(actor=SYSTEM, committee=world.pec, starts_at=starts, location="Trust HQ")


def _decide(item: AgendaItem, outcome: str, contribution: str, changes: str = "") -> None:
    ms.item_decide(
        actor=SYSTEM,
        item=item,
        outcome=outcome,
        contribution=contribution,
        reasons="Reasons given",
        changes_made=changes,
    )


def _meetings(world: World) -> dict[str, Meeting]:
    days = {
        "before": dt.date(2023, 3, 15),
        "m1": dt.date(2023, 5, 10),
        "m2": dt.date(2023, 6, 20),
        "m3": dt.date(2023, 10, 12),
        "cancelled": dt.date(2023, 12, 5),
        "m4": dt.date(2024, 2, 14),
        "after": dt.date(2024, 4, 10),
    }
    found = {key: _meeting(world, day) for key, day in days.items()}
    ms.meeting_update(actor=SYSTEM, meeting=found["cancelled"], status="cancelled")
    return found


def _attendance(world: World, m: dict[str, Meeting], newcomer: Person) -> None:
    originals = [p for p in pec_people(world) if p != newcomer]
    member, director = world.people["member"], world.people["executive_director"]
    attend_all(m["m1"], [p for p in originals if p != member])
    attend_all(m["m1"], [member], status="apologies")
    attend_all(m["m2"], originals)
    attend_all(m["m3"], [p for p in originals if p != director] + [newcomer])
    attend_all(m["m3"], [director], status="absent")
    attend_all(m["m4"], [*originals, newcomer])


def _items(world: World, m: dict[str, Meeting], riverside: Organisation) -> dict[str, AgendaItem]:
    kinds = {
        "i1": ("m1", "information"), "i2": ("m1", "discussion"), "i3": ("m1", "decision"),
        "i4": ("m2", "decision"), "i5": ("m2", "information"),
        "i6": ("m3", "recommendation"), "i7": ("m3", "decision"), "i8": ("m3", "decision"),
        "i9": ("m4", "recommendation"), "i10": ("m4", "recommendation"),
    }  # fmt: skip
    affected = {"i6": [riverside], "i9": [riverside]}
    return {
        key: make_item(m[meeting], kind=kind, title=f"Item {key}", affected=affected.get(key))
        for key, (meeting, kind) in kinds.items()
    }


def _conflicts(world: World, items: dict[str, AgendaItem]) -> None:
    member = world.people["member"]
    for key, handling, reason in (("i6", "exclude_decision", ""), ("i9", "no_action", "Employment ended")):
        conflicts.conflict_record(
            actor=SYSTEM,
            item=items[key],
            person=member,
            handling=handling,
            interest="Works at Riverside",
            reason=reason,
        )
    conflicts.concern_raise(
        actor=world.users["executive_director"], item=items["i6"], text="Should have left the room"
    )


def _decisions(items: dict[str, AgendaItem]) -> None:
    _decide(items["i1"], "noted", "noted_only")
    _decide(items["i2"], "noted", "noted_only")
    _decide(items["i3"], "approved", "debated_agreed")
    _decide(items["i4"], "approved_with_changes", "debated_changed", "Smaller pilot")
    _decide(items["i5"], "noted", "noted_only")
    _decide(items["i6"], "approved", "debated_agreed")
    _decide(items["i7"], "rejected", "debated_rejected")
    _decide(items["i9"], "approved_with_changes", "debated_changed", "Two sites, not three")
    _decide(items["i10"], "approved", "debated_agreed")
    for key, day, outcome in (
        ("i6", dt.date(2023, 11, 1), "accepted"),
        ("i10", dt.date(2024, 2, 24), "rejected"),
    ):
        ms.board_decision_record(
            actor=SYSTEM, item=items[key], decided_on=day, outcome=outcome, conflicts_considered=True
        )


def _minutes(m: dict[str, Meeting]) -> None:
    for meeting, at in (("m1", "m2"), ("m2", "m3"), ("m4", "after")):
        draft = ms.minutes_draft(actor=SYSTEM, meeting=m[meeting])
        ms.minutes_approve(actor=SYSTEM, minutes=draft, at_meeting=m[at])
    ms.minutes_draft(actor=SYSTEM, meeting=m["m3"])  # drafted, never approved


def _cases(world: World) -> None:
    make_commissioning(world)
    for submitted, decided in (
        (dt.date(2023, 6, 1), dt.date(2023, 6, 21)),  # 20 days, within 42
        (dt.date(2023, 8, 1), dt.date(2023, 9, 30)),  # 60 days, late
        (dt.date(2024, 1, 10), dt.date(2024, 1, 20)),  # 10 days, within
        (dt.date(2023, 1, 5), dt.date(2023, 2, 1)),  # decided before the period
    ):
        case = submit_case(world, value=20_000, submitted_on=submitted)
        scrutinise(case, world)
        cs.director_decide(
            actor=SYSTEM, case=case, outcome="approved", reasons="Good value", decided_on=decided
        )


def _chair_leaves_the_board(world: World) -> None:
    """From 1 February 2024 the PEC's chair no longer sits on the Board: the PEC is not
    constituted lawfully (DH: the chair sits on the PCT Board) for the period's last 60 days."""
    board_seat = world.board.memberships.get(person=world.people["pec_chair"])
    ts.membership_end(
        actor=SYSTEM, membership=board_seat, end_date=dt.date(2024, 1, 31), end_reason="stood_down"
    )


def build_year(world: World) -> Year:
    newcomer = make_person(world.trust, Profession.NURSE, name="Nadia Newcomer")
    seat(newcomer, world.pec, MembershipRole.CLINICAL, start=dt.date(2023, 10, 1))
    riverside = make_org(world.trust, OrganisationKind.PRACTICE, "Riverside Practice")
    declare(world.people["member"], riverside, description="Practice nurse at Riverside")
    meetings = _meetings(world)
    _attendance(world, meetings, newcomer)
    items = _items(world, meetings, riverside)
    _conflicts(world, items)
    _decisions(items)
    _minutes(meetings)
    _cases(world)
    _chair_leaves_the_board(world)
    return Year(world, meetings, items, newcomer)
