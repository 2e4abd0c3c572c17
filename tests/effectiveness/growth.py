"""More of the record for the measures' query-count tests (EFF-2): each step adds a member, a
held meeting with attendance, three decided items (one a recommendation the Board decided, one
with a conflict and a concern), its minutes, and a decided business case."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from pecgov.commissioning import services as cs
from pecgov.meetings import services as ms
from pecgov.meetings.conflicts import services as conflicts
from pecgov.meetings.models import Meeting
from pecgov.trust.enums import MembershipRole, OrganisationKind, Profession
from pecgov.trust.models import Organisation
from tests.commissioning_factories import make_commissioning, scrutinise, submit_case
from tests.factories import SYSTEM, World, make_org, make_person, seat
from tests.meeting_factories import attend_all, declare, make_item, pec_people

_days = itertools.count(5, 3)


def _meeting(world: World) -> Meeting:
    starts = timezone.now().replace(microsecond=0) - dt.timedelta(days=next(_days))
    return ms.meeting_create(actor=SYSTEM, committee=world.pec, starts_at=starts, location="Trust HQ")


def _riverside(world: World) -> Organisation:
    """The practice the member works at, with the PBC set-up, made the first time."""
    found = Organisation.objects.filter(trust=world.trust, name="Riverside Practice").first()
    if found is None:
        make_commissioning(world)
        found = make_org(world.trust, OrganisationKind.PRACTICE, "Riverside Practice")
        declare(world.people["member"], found, description="Practice nurse at Riverside")
    return found


def add_measured_meetings(world: World, n: int) -> None:
    riverside = _riverside(world)
    for _ in range(n):
        seat(
            make_person(world.trust, Profession.GP),
            world.pec,
            MembershipRole.CLINICAL,
            start=dt.date(2020, 4, 1),
        )
        meeting = _meeting(world)
        attend_all(meeting, pec_people(world))
        noted = make_item(meeting, kind="information")
        recommended = make_item(meeting, kind="recommendation", affected=[riverside])
        decided = make_item(meeting, kind="decision")
        conflicts.conflict_record(
            actor=SYSTEM,
            item=recommended,
            person=world.people["member"],
            handling="exclude_decision",
            interest="Works at Riverside",
        )
        conflicts.concern_raise(actor=world.users["executive_director"], item=recommended, text="Too lenient")
        ms.item_decide(actor=SYSTEM, item=noted, outcome="noted", contribution="noted_only", reasons="")
        for item, contribution in ((recommended, "debated_agreed"), (decided, "debated_changed")):
            outcome = "approved" if contribution == "debated_agreed" else "approved_with_changes"
            ms.item_decide(
                actor=SYSTEM,
                item=item,
                outcome=outcome,
                contribution=contribution,
                reasons="R",
                changes_made="C",
            )
        ms.board_decision_record(
            actor=SYSTEM,
            item=recommended,
            decided_on=timezone.localdate(),
            outcome="accepted",
            conflicts_considered=True,
        )
        ms.minutes_draft(actor=SYSTEM, meeting=meeting)
        case = submit_case(world, value=20_000, submitted_on=timezone.localdate() - dt.timedelta(days=30))
        scrutinise(case, world)
        cs.director_decide(actor=SYSTEM, case=case, outcome="approved", reasons="Good value")
