"""The meeting view: the conflict matrix as declarations stood on the meeting date, quorum per
item, in a fixed number of queries (MTG-1, MTG-2, COI-2, COI-3)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pecgov.meetings.conflicts import services as conflict_services
from pecgov.meetings.models import Meeting
from pecgov.meetings.queries import item_quorum, meeting_day, meeting_view, unhandled_conflicts
from pecgov.policy.services import policy_override
from pecgov.trust.enums import MembershipRole, OrganisationKind, Profession
from tests.factories import SYSTEM, World, make_org, make_person, seat
from tests.meeting_factories import attend_all, conflicted_item, declare, make_item, make_meeting, pec_people


def test_meeting_view_flags_pec_chair_with_explanation(world: World) -> None:
    """The matrix flags the chair, whose practice the item affects, and says why (COI-2)."""
    meeting, item, chair = conflicted_item(world)

    [row] = meeting_view(world.trust.pk, meeting.pk).rows

    assert [(c.person_id, c.affected_id, c.explanation) for c in row.conflicts] == [
        (
            chair.pk,
            world.practice.pk,
            f"{chair.name} works at {world.practice.name}, which this item affects.",
        )
    ]
    assert row.unhandled == [chair.name]
    assert unhandled_conflicts(item) == [chair.name]


def test_meeting_view_handled_conflict_no_longer_pending(world: World) -> None:
    """Once the chair records the handling, the conflict is handled and the person steps out of quorum (COI-3, MTG-2)."""
    meeting, item, chair = conflicted_item(world)
    conflict_services.conflict_record(
        actor=SYSTEM, item=item, person=chair, handling="exclude_decision", interest="Works there"
    )

    [row] = meeting_view(world.trust.pk, meeting.pk).rows

    assert (row.unhandled, list(row.handled)) == ([], [chair.pk])
    assert row.quorum is not None
    assert (row.quorum.able, row.quorum.needed, row.quorum.quorate) == (5, 4, True)
    assert item_quorum(item) == row.quorum


@pytest.mark.parametrize(("percent", "needed"), [(0, 1), (66, 4), (75, 5)])
def test_meeting_view_quorum_follows_policy_override(world: World, percent: int, needed: int) -> None:
    """A trust's own quorum percentage, even 0%, sets the number needed (MTG-2, POL-1)."""
    policy_override(
        actor=SYSTEM,
        trust=world.trust,
        key="meetings.quorum_percent",
        value=percent,
        reason="Standing orders",
    )
    meeting = make_meeting(world.pec)
    make_item(meeting)

    [row] = meeting_view(world.trust.pk, meeting.pk).rows

    assert row.quorum is not None
    assert row.quorum.needed == needed


def test_meeting_view_uses_declarations_as_they_stood_on_the_meeting_date(world: World) -> None:
    """A past meeting shows interests in force that day, including ones since ended (COI-1, COI-2)."""
    meeting = make_meeting(world.pec, days=-30)
    day = meeting_day(meeting)
    group = make_org(world.trust, OrganisationKind.PBC_GROUP, "North PBC Group")
    make_item(meeting, affected=[group])
    since_ended, started_after, ended_before = (make_person(world.trust, Profession.GP) for _ in range(3))
    for person in (since_ended, started_after, ended_before):
        seat(person, world.pec, MembershipRole.CLINICAL)
    declare(since_ended, group, start=day - dt.timedelta(days=100), end=day + dt.timedelta(days=1))
    declare(started_after, group, start=day + dt.timedelta(days=1))
    declare(ended_before, group, start=day - dt.timedelta(days=100), end=day - dt.timedelta(days=1))
    attend_all(meeting, pec_people(world))

    [row] = meeting_view(world.trust.pk, meeting.pk).rows

    assert [c.person_id for c in row.conflicts] == [since_ended.pk]


def test_meeting_view_screens_only_those_present(world: World) -> None:
    """Once attendance is taken, only those present are screened (COI-2)."""
    meeting = make_meeting(world.pec)
    make_item(meeting, affected=[world.practice])
    chair = world.people["pec_chair"]
    attend_all(meeting, [p for p in pec_people(world) if p.pk != chair.pk])
    attend_all(meeting, [chair], status="apologies")

    view = meeting_view(world.trust.pk, meeting.pk)

    assert view.rows[0].conflicts == []
    assert chair.pk not in view.screened


def test_meeting_view_before_attendance_screens_every_member(world: World) -> None:
    """Before attendance is taken, every member is screened, so papers can flag conflicts ahead (COI-2)."""
    meeting = make_meeting(world.pec)
    make_item(meeting, affected=[world.practice])

    view = meeting_view(world.trust.pk, meeting.pk)

    assert [c.person_id for c in view.rows[0].conflicts] == [world.people["pec_chair"].pk]
    assert view.screened == sorted(p.pk for p in pec_people(world))


def test_meeting_view_other_trust_not_found(world: World, other_world: World) -> None:
    """A meeting of another trust is not found through this trust (X-1)."""
    meeting = make_meeting(other_world.pec)

    with pytest.raises(Meeting.DoesNotExist):
        meeting_view(world.trust.pk, meeting.pk)


# Query counts ------------------------------------------------------------------------------------


def _meeting(world: World, items: int, attendees: int) -> Meeting:
    """A meeting with `items` items (each affecting an organisation, half with a handled conflict)
    and `attendees` extra members, each a GP at a practice with a declaration."""
    meeting = make_meeting(world.pec)
    practices = [make_org(world.trust, OrganisationKind.PRACTICE) for _ in range(3)]
    people = pec_people(world)
    for n in range(attendees):
        person = make_person(world.trust, Profession.GP, organisation=practices[n % 3])
        seat(person, world.pec, MembershipRole.CLINICAL)
        declare(person, practices[(n + 1) % 3])
        people.append(person)
    attend_all(meeting, people)
    for n in range(items):
        item = make_item(meeting, affected=[practices[n % 3], world.practice])
        if n % 2:
            conflict_services.conflict_record(
                actor=SYSTEM,
                item=item,
                person=world.people["pec_chair"],
                handling="exclude_decision",
                interest="Works there",
            )
    return meeting


def _queries(world: World, meeting: Meeting) -> int:
    with CaptureQueriesContext(connection) as ctx:
        view = meeting_view(world.trust.pk, meeting.pk)
        # Everything a page reads from the view, so lazy loads would show up here.
        for row in view.rows:
            [o.name for o in row.item.affected.all()]
            [p.title for p in row.item.papers.all()]
            [(c.person.name, c.recorded_by) for c in row.handled.values()]
        [a.person.name for a in view.attendance]
        [m.person.name for m in view.members]
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("small", "large"), [((5, 5), (40, 5)), ((5, 5), (5, 15))], ids=["items", "attendees"]
)
def test_meeting_view_query_count_flat(
    world: World, other_world: World, small: tuple[int, int], large: tuple[int, int]
) -> None:
    """The meeting view makes the same number of queries for 5 or 40 items and 5 or 15 attendees (MTG-1)."""
    few = _queries(world, _meeting(world, *small))

    many = _queries(other_world, _meeting(other_world, *large))

    assert many == few
    assert (
        len(meeting_view(other_world.trust.pk, Meeting.objects.get(committee=other_world.pec).pk).rows)
        == large[0]
    )
