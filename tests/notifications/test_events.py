"""Each event tells exactly the people who must act, once (NOT-1)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from pecgov.meetings import services as ms
from pecgov.notifications import jobs
from pecgov.notifications.enums import Kind
from pecgov.notifications.events import flags_for_meeting
from pecgov.notifications.models import Notification, OutboxMessage
from tests.appointment_factories import apply, make_campaign
from tests.factories import SYSTEM, World, make_trust
from tests.meeting_factories import conflicted_item, declare, make_item, make_meeting
from tests.notifications.helpers import names, paper, told

pytestmark = pytest.mark.django_db

PEC_USERS = ("pec_chair", "member", "executive_director")  # the world's PEC members with accounts
OTHERS = ("pct_chair", "chief_executive", "governance_lead", "practice_lead", "applicant")


@pytest.fixture
def world() -> World:
    w = make_trust()
    for key, user in w.users.items():
        user.email = f"{key}@example.org"
        user.save(update_fields=["email"])
    return w


def test_papers_tell_the_committee_and_no_one_else(world: World) -> None:
    item = make_item(make_meeting(world.pec), title="Confidential: provider arm restructure")
    ms.paper_add(actor=SYSTEM, item=item, title="Options appraisal", upload=paper())
    assert set(told(Kind.PAPERS)) == names(world, *PEC_USERS)
    assert all(count == 1 for count in told(Kind.PAPERS).values())
    assert not any(world.users[k].notifications.exists() for k in OTHERS)


def test_papers_email_carries_no_confidential_detail(
    world: World, django_capture_on_commit_callbacks
) -> None:
    item = make_item(make_meeting(world.pec), title="Confidential: provider arm restructure")
    with django_capture_on_commit_callbacks(execute=True):
        ms.paper_add(actor=SYSTEM, item=item, title="Options appraisal", upload=paper())
    assert len(mail.outbox) == 0  # papers default to the daily digest
    Notification.objects.update(delivery="now")
    message = OutboxMessage.objects.first()
    assert message is None
    notification = Notification.objects.filter(kind=Kind.PAPERS).first()
    assert notification is not None and "Options appraisal" in notification.body  # in the app only


def test_flagged_member_and_chair_told_once_when_papers_are_out(
    world: World, django_capture_on_commit_callbacks
) -> None:
    declare(world.people["pec_chair"], world.practice, description="GP partner at the practice")
    _meeting, item, _chair = conflicted_item(world)
    with django_capture_on_commit_callbacks(execute=True):
        ms.paper_add(actor=SYSTEM, item=item, title="Business case", upload=paper())
    assert told(Kind.FLAGGED) == {world.users["pec_chair"].username: 1}
    assert told(Kind.CONFLICTS_AWAITING) == {world.users["pec_chair"].username: 1}
    flagged_email = [m for m in mail.outbox if "flagged" in m.subject]
    assert len(flagged_email) == 1
    assert "GP partner at the practice" not in flagged_email[0].body  # the interest stays in the app
    assert "/items/" in flagged_email[0].body and "preferences" in flagged_email[0].body


def test_repeated_screening_tells_no_one_twice(world: World) -> None:
    declare(world.people["pec_chair"], world.practice)
    meeting, _item, _chair = conflicted_item(world)
    first = flags_for_meeting(meeting)
    again = flags_for_meeting(meeting)
    assert (first, again) == (2, 0)


def test_past_meetings_are_not_screened_for_notice(world: World) -> None:
    declare(world.people["pec_chair"], world.practice)
    meeting = make_meeting(world.pec, days=-3)
    make_item(meeting, affected=[world.practice])
    assert flags_for_meeting(meeting) == 0


def test_action_assigned_tells_its_owner(world: World) -> None:
    meeting = make_meeting(world.pec)
    ms.action_add(
        actor=SYSTEM,
        meeting=meeting,
        description="Draft the locality plan",
        owner=world.people["member"],
        due_date=timezone.localdate() + dt.timedelta(days=20),
    )
    assert told(Kind.ACTION_ASSIGNED) == {world.users["member"].username: 1}


def test_daily_actions_due_then_overdue_each_once(world: World) -> None:
    meeting = make_meeting(world.pec)
    today = timezone.localdate()
    ms.action_add(
        actor=SYSTEM, meeting=meeting, description="Report back", owner=world.people["member"], due_date=today
    )
    assert jobs.actions(today) == 1
    assert jobs.actions(today) == 0  # the same day's job again
    assert jobs.actions(today + dt.timedelta(days=1)) == 1  # now overdue
    assert told(Kind.ACTION_DUE) == told(Kind.ACTION_OVERDUE) == {world.users["member"].username: 1}


def test_daily_declarations_overdue_tell_members_once(world: World) -> None:
    today = timezone.localdate()
    seated = (*PEC_USERS, "pct_chair", "chief_executive")  # every committee member declares (COI-1)
    first = jobs.declarations(today)
    assert first == len(seated)  # nobody in the world has declared yet
    assert jobs.declarations(today) == 0
    assert set(told(Kind.DECLARATIONS_OVERDUE)) == names(world, *seated)


def test_draft_minutes_tell_the_committee(world: World) -> None:
    meeting = make_meeting(world.pec, days=-1)
    ms.minutes_draft(actor=SYSTEM, meeting=meeting)
    assert set(told(Kind.MINUTES_READY)) == names(world, *PEC_USERS)


def test_application_received_tells_the_applicant_only(world: World) -> None:
    campaign = make_campaign(world)
    application = apply(campaign, user=world.users["applicant"])
    assert told(Kind.APPLICATION) == {world.users["applicant"].username: 1}
    note = Notification.objects.get(kind=Kind.APPLICATION)
    assert note.url.endswith("/applications/") and application.status == "submitted"


def test_lead_reminders_go_through_the_outbox(world: World, django_capture_on_commit_callbacks) -> None:
    from django.test import Client
    from django.urls import reverse

    for person in world.people.values():
        person.email = person.email or f"{person.pk}@example.org"
        person.save(update_fields=["email"])
    client = Client()
    client.force_login(world.users["governance_lead"])
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(reverse("interests:overdue"))
    assert answer.status_code == 302
    queued = OutboxMessage.objects.filter(kind=Kind.DECLARATIONS_DUE)
    assert queued.count() == 5  # every seated member with an address; none sent inside the request
    assert {m.to_email for m in queued} == {p.email for k, p in world.people.items() if k != "member"} | {
        world.people["member"].email
    }
    assert sum(1 for m in mail.outbox if "declarations" in m.subject.lower()) == 5
