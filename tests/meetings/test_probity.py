"""What cannot yet have happened is refused, decisions carry their meeting's date, the meeting's
state follows the record, and the committee's chair takes attendance (MTG-1 to MTG-3, COI-3,
COI-8)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from pecgov.errors import DomainError, NotPermitted
from pecgov.meetings import services as ms
from pecgov.meetings.conflicts import services as conflict_services
from pecgov.meetings.models import Attendance, Meeting, Vote
from pecgov.meetings.queries import item_row, meeting_day
from tests.factories import SYSTEM, World
from tests.meeting_factories import attend_all, make_item, make_meeting, pec_people

pytestmark = pytest.mark.django_db


def decide(item: Any, actor: Any = SYSTEM) -> Any:
    return ms.item_decide(
        actor=actor, item=item, outcome="approved", contribution="debated_agreed", reasons="Good value"
    )


def flagged(world: World, *, days: int = -1) -> tuple[Meeting, Any]:
    """A meeting (past by default) where screening flags the PEC chair on a decision item."""
    meeting = make_meeting(world.pec, days=days)
    item = make_item(meeting, kind="recommendation", affected=[world.practice])
    attend_all(meeting, pec_people(world))
    return meeting, item


# A flagged member's vote waits; an exclusion strikes a vote already cast (COI-3, COI-8) ---------


def test_a_flagged_members_vote_waits_until_their_conflict_is_handled(world: World) -> None:
    _, item = flagged(world)
    chair = world.people["pec_chair"]

    with pytest.raises(DomainError) as caught:
        ms.vote_record(actor=SYSTEM, item=item, person=chair, choice="for")

    assert "record how it is handled before recording their vote" in str(caught.value.messages)
    assert not Vote.objects.filter(item=item).exists()


def test_excluding_a_member_strikes_the_vote_they_cast(world: World) -> None:
    _, item = flagged(world)
    chair = world.people["pec_chair"]
    conflict_services.conflict_record(
        actor=SYSTEM, item=item, person=chair, handling="no_action", interest="Practice", reason="Retired"
    )
    vote = ms.vote_record(actor=SYSTEM, item=item, person=chair, choice="for")

    conflict_services.conflict_record(
        actor=SYSTEM, item=item, person=chair, handling="exclude_decision", interest="Practice"
    )

    vote.refresh_from_db()
    assert vote.is_struck
    assert "excluded from the decision because of a conflict of interest" in vote.struck_reason
    assert vote.history.count() == 2  # the vote and its striking, both kept


def test_the_statement_never_counts_an_excluded_members_vote(world: World, client_for: Any) -> None:
    _, item = flagged(world)
    chair = world.people["pec_chair"]
    conflict_services.conflict_record(
        actor=SYSTEM, item=item, person=chair, handling="no_action", interest="Practice", reason="Retired"
    )
    ms.vote_record(actor=SYSTEM, item=item, person=chair, choice="for")
    ms.vote_record(actor=SYSTEM, item=item, person=world.people["member"], choice="for")
    conflict_services.conflict_record(
        actor=SYSTEM, item=item, person=chair, handling="exclude_decision", interest="Practice"
    )

    html = client_for("member").get(reverse("conflicts:statement", args=[item.pk])).content.decode()

    assert "1 for, 0 against, 0 abstained." in html
    assert "Vote struck because" in html
    assert f"so did not vote: {chair.name}" not in html  # they voted, and the vote is shown struck


# The chair's own conflict (COI-8) ---------------------------------------------------------------


def test_no_one_rules_on_their_own_conflict(world: World) -> None:
    _, item = flagged(world)

    with pytest.raises(NotPermitted):
        conflict_services.conflict_record(
            actor=world.users["pec_chair"],
            item=item,
            person=world.people["pec_chair"],
            handling="exclude_decision",
            interest="Practice",
        )


def test_the_member_named_rules_on_the_chairs_conflict_and_chairs_the_item(world: World) -> None:
    _, item = flagged(world)
    chair, member = world.people["pec_chair"], world.people["member"]

    with pytest.raises(DomainError):
        conflict_services.conflict_record(
            actor=world.users["governance_lead"],
            item=item,
            person=chair,
            handling="exclude_decision",
            interest="x",
        )
    record = conflict_services.conflict_record(
        actor=world.users["governance_lead"],
        item=item,
        person=chair,
        handling="exclude_decision",
        interest="Practice",
        ruled_by=member,
        referred_to="Clinical reference group",
        referral_advice="Exclude from the decision",
        referred_on=dt.date(2007, 3, 1),
    )

    assert (record.ruled_by, record.referred_on) == (member, dt.date(2007, 3, 1))
    with pytest.raises(NotPermitted):
        decide(item, actor=world.users["pec_chair"])


def test_advice_sought_must_be_complete_and_not_in_the_future(world: World) -> None:
    _, item = flagged(world)
    base = {
        "actor": SYSTEM,
        "item": item,
        "person": world.people["pec_chair"],
        "handling": "exclude_decision",
    }

    with pytest.raises(DomainError) as no_advice:
        conflict_services.conflict_record(**base, interest="x", referred_to="Group")
    with pytest.raises(DomainError) as future:
        conflict_services.conflict_record(
            **base,
            interest="x",
            referred_to="Group",
            referral_advice="Exclude",
            referred_on=timezone.localdate() + dt.timedelta(days=3),
        )

    assert "Enter what they advised" in str(no_advice.value.messages)
    assert "today or in the past" in str(future.value.messages)


# What cannot yet have happened (MTG-2, MTG-3) ---------------------------------------------------


def test_attendance_votes_and_decisions_wait_for_the_meeting_to_start(world: World) -> None:
    meeting = make_meeting(world.pec, days=7)
    item = make_item(meeting)
    lead, member = world.users["governance_lead"], world.people["member"]

    for act, what in (
        (
            lambda: ms.attendance_set(actor=lead, meeting=meeting, person=member, status="present"),
            "attendance",
        ),
        (lambda: ms.vote_record(actor=lead, item=item, person=member, choice="for"), "votes"),
        (lambda: decide(item, actor=lead), "decisions"),
    ):
        with pytest.raises(DomainError) as caught:
            act()
        assert f"This meeting has not started yet: {what} can be recorded from" in str(caught.value.messages)
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_a_board_decision_cannot_be_dated_in_the_future(world: World) -> None:
    _, item = flagged(world)
    conflict_services.conflict_record(
        actor=SYSTEM, item=item, person=world.people["pec_chair"], handling="exclude_decision", interest="x"
    )
    decide(item)

    with pytest.raises(DomainError) as caught:
        ms.board_decision_record(
            actor=world.users["governance_lead"],
            item=item,
            decided_on=timezone.localdate() + dt.timedelta(days=1),
            outcome="accepted",
            conflicts_considered=True,
        )

    assert "today or in the past" in str(caught.value.messages)


@pytest.mark.parametrize("year", [1900, 9999])
def test_a_meeting_is_scheduled_within_a_sane_range(world: World, year: int) -> None:
    starts = timezone.make_aware(dt.datetime(year, 6, 1, 14, 0))

    with pytest.raises(DomainError) as caught:
        ms.meeting_create(actor=SYSTEM, committee=world.pec, starts_at=starts, location="Room 1")

    assert "The meeting must start between 1 January 1948 and" in str(caught.value.messages)


# A decision carries its meeting's date (MTG-3) --------------------------------------------------


def test_a_decision_is_dated_by_its_meeting(world: World, client_for: Any) -> None:
    meeting, item = flagged(world, days=-20)
    conflict_services.conflict_record(
        actor=SYSTEM, item=item, person=world.people["pec_chair"], handling="exclude_decision", interest="x"
    )
    decide(item)

    item.refresh_from_db()
    assert item.decided_on == meeting_day(meeting)
    html = client_for("member").get(reverse("conflicts:statement", args=[item.pk])).content.decode()
    assert f"{meeting_day(meeting):%-d %B %Y}" in html
    assert world.trust.name in html


# The meeting's state follows the record (MTG-1, MTG-2) ------------------------------------------


def test_a_past_meeting_is_held_everywhere(world: World, client_for: Any) -> None:
    meeting = make_meeting(world.pec, days=-5)
    client = client_for("member")

    listed = client.get(reverse("meetings:meeting_list") + "?when=past").content.decode()
    page = client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).content.decode()
    api = client.get(f"/api/meetings/{meeting.pk}").json()

    assert meeting.state == "held"
    assert ">Held<" in listed.replace("\n", "").replace("  ", "") or "Held" in listed
    assert "Scheduled" not in listed
    assert "Held" in page
    assert api["status"] == "held"


def test_before_attendance_quorum_says_so(world: World) -> None:
    meeting = make_meeting(world.pec, days=3)
    item = make_item(meeting)

    row = item_row(item)

    assert (row.attendance_recorded, row.quorum_label) == (False, "Attendance not yet recorded")


# The committee's chair takes attendance (MTG-2) -------------------------------------------------


def test_the_committees_chair_records_attendance(world: World, client_for: Any) -> None:
    meeting = make_meeting(world.pec, days=-1)

    record = ms.attendance_set(
        actor=world.users["pec_chair"], meeting=meeting, person=world.people["member"], status="present"
    )
    page = client_for("pec_chair").get(reverse("meetings:attendance", args=[meeting.pk]))

    assert record.status == "present"
    assert page.status_code == 200
    with pytest.raises(NotPermitted):
        ms.attendance_set(
            actor=world.users["member"], meeting=meeting, person=world.people["member"], status="absent"
        )
