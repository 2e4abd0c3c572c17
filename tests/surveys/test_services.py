"""The survey services (EFF-2): each write checks who acts and the survey's state, records an
audit event, and bad input changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from pecgov.actors import SYSTEM
from pecgov.audit.models import AuditEvent
from pecgov.errors import DomainError, NotPermitted
from pecgov.notifications.jobs import run_daily
from pecgov.notifications.models import OutboxMessage
from pecgov.surveys import services
from pecgov.surveys.models import Question, Recipient, Response, SurveyStatus
from pecgov.surveys.questions import DEFAULT_QUESTIONS
from pecgov.surveys.services.answering import LinkRefused
from tests.factories import World
from tests.surveys.helpers import draft, full_answers, give_emails, opened, token_of

pytestmark = pytest.mark.django_db


def test_create_copies_default_questions_and_pack_minimum(world: World) -> None:
    """EFF-2 (DH 2.2, 3.2): a new survey has the default questions and the pack's minimum (5)."""
    survey = draft(world, actor=world.users["governance_lead"])
    assert [q.text for q in survey.questions.all()] == [q.text for q in DEFAULT_QUESTIONS]
    assert survey.minimum_group_size == 5
    assert AuditEvent.objects.filter(action="survey.create").count() == 1


def test_create_refused_for_a_member_and_changes_nothing(world: World) -> None:
    """X-1: only the lead runs surveys."""
    with pytest.raises(NotPermitted):
        draft(world, actor=world.users["member"])
    assert Question.objects.count() == 0


def test_create_refuses_a_period_ending_before_it_starts(world: World) -> None:
    with pytest.raises(DomainError) as error:
        services.survey_create(
            actor=SYSTEM,
            trust=world.trust,
            name="X",
            period_start=dt.date(2008, 1, 1),
            period_end=dt.date(2007, 1, 1),
        )
    assert error.value.errors == {"period_end": ["The period must end on or after the day it starts"]}


def test_questions_edited_while_draft_only(world: World) -> None:
    """EFF-2: add, reword and remove questions before the survey opens; not after."""
    survey = draft(world)
    added = services.question_add(actor=SYSTEM, survey=survey, text="Meetings start on time.", kind="likert")
    services.question_update(
        actor=SYSTEM, question=added, text="Meetings start and end on time.", kind="likert"
    )
    services.question_remove(actor=SYSTEM, question=survey.questions.all()[0])
    assert survey.questions.count() == len(DEFAULT_QUESTIONS)
    assert survey.questions.order_by("-position")[0].text == "Meetings start and end on time."
    services.recipients_add_partners(actor=SYSTEM, survey=survey, group="pbc", emails="a@example.org")
    services.survey_open(actor=SYSTEM, survey=survey, closes_on=timezone.localdate() + dt.timedelta(days=7))
    with pytest.raises(DomainError, match="only while it is a draft"):
        services.question_add(actor=SYSTEM, survey=survey, text="Late", kind="text")


def test_partners_one_bad_address_adds_none(world: World) -> None:
    """X-4: a bad line is named and nothing is added."""
    survey = draft(world)
    with pytest.raises(DomainError) as error:
        services.recipients_add_partners(
            actor=SYSTEM, survey=survey, group="practice", emails="ok@example.org\nnot-an-email"
        )
    assert error.value.errors["emails"][0].startswith("Line 2, “not-an-email”, is not an email address")
    assert Recipient.objects.count() == 0


def test_members_and_board_added_once(world: World) -> None:
    """EFF-2: the PEC's and the Board's current members with an email, each address once."""
    give_emails(world)
    survey = draft(world)
    pec = services.recipients_add_members(actor=SYSTEM, survey=survey, group="pec")
    again = services.recipients_add_members(actor=SYSTEM, survey=survey, group="pec")
    board = services.recipients_add_members(actor=SYSTEM, survey=survey, group="board")
    assert (len(pec), again) == (world.pec.memberships.count(), [])
    # the PEC chair and the executive director sit on both: asked once, as PEC members
    assert len(board) == world.board.memberships.count() - 2


def test_open_emails_each_recipient_a_link(world: World) -> None:
    """EFF-2, NOT-2: opening queues one email a recipient through the outbox, with the link."""
    survey = opened(world, partners=2)
    count = Recipient.objects.filter(survey=survey).count()
    messages = OutboxMessage.objects.filter(kind="survey")
    assert messages.count() == count
    assert all("/surveys/answer/" in m.text for m in messages)
    assert survey.status == SurveyStatus.OPEN


def test_open_refused_without_recipients(world: World) -> None:
    survey = draft(world)
    with pytest.raises(DomainError, match="Choose who to ask"):
        services.survey_open(
            actor=SYSTEM, survey=survey, closes_on=timezone.localdate() + dt.timedelta(days=7)
        )
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.DRAFT


def test_answer_once_then_refused(world: World) -> None:
    """EFF-2: one link, one response; the reused link is refused as answered."""
    survey = opened(world, partners=1, members=False)
    recipient = Recipient.objects.get(survey=survey)
    services.response_submit(token=token_of(recipient), answers=full_answers(survey))
    with pytest.raises(LinkRefused) as error:
        services.response_submit(token=token_of(recipient), answers=full_answers(survey))
    assert error.value.reason == "answered"
    assert Response.objects.count() == 1


def test_answer_missing_likert_saves_nothing(world: World) -> None:
    """X-4: a Likert question left unanswered is named; nothing saved, the link still works."""
    survey = opened(world, partners=1, members=False)
    recipient = Recipient.objects.get(survey=survey)
    answers = full_answers(survey)
    first = survey.questions.all()[0]
    answers.pop(first.key)
    with pytest.raises(DomainError) as error:
        services.response_submit(token=token_of(recipient), answers=answers)
    assert list(error.value.errors) == [first.key]
    recipient.refresh_from_db()
    assert (recipient.answered, Response.objects.count()) == (False, 0)


def test_expired_and_forged_links_refused(world: World) -> None:
    survey = opened(world, partners=1, members=False)
    recipient = Recipient.objects.get(survey=survey)
    Recipient.objects.filter(pk=recipient.pk).update(expires_on=timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(LinkRefused) as expired:
        services.link_check(token_of(recipient))
    with pytest.raises(LinkRefused) as forged:
        services.link_check(recipient.nonce + ":forged")
    assert (expired.value.reason, forged.value.reason) == ("expired", "invalid")


def test_closed_survey_refuses_answers(world: World) -> None:
    survey = opened(world, partners=1, members=False)
    services.survey_close(actor=SYSTEM, survey=survey)
    recipient = Recipient.objects.get(survey=survey)
    with pytest.raises(LinkRefused) as error:
        services.response_submit(token=token_of(recipient), answers=full_answers(survey))
    assert error.value.reason == "closed"


def test_remind_only_those_not_answered_and_due(world: World) -> None:
    """EFF-2: reminders go to those who have not answered, at the pack's interval (7 days)."""
    survey = opened(world, partners=2, members=False)
    first, second = Recipient.objects.filter(survey=survey).order_by("email")
    services.response_submit(token=token_of(first), answers=full_answers(survey))
    today = timezone.localdate()
    assert services.survey_remind(actor=SYSTEM, survey=survey, day=today) == 0  # just sent
    assert services.survey_remind(actor=SYSTEM, survey=survey, day=today + dt.timedelta(days=7)) == 1
    reminders = OutboxMessage.objects.filter(kind="survey", subject__startswith="Reminder")
    assert list(reminders.values_list("to_email", flat=True)) == [second.email]


def test_daily_job_sends_due_reminders(world: World) -> None:
    """EFF-2, NOT-2: the daily checks remind through the same service."""
    opened(world, partners=2, members=False)
    run_daily(timezone.localdate() + dt.timedelta(days=7))
    assert OutboxMessage.objects.filter(kind="survey", subject__startswith="Reminder").count() == 2
