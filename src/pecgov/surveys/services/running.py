"""The governance lead runs a survey (EFF-2): create it with the default questions, edit the
questions and choose who is asked while it is a draft, open it (each recipient is emailed a
link through the outbox), remind those who have not answered, close it. Each write is one
transaction with history and one audit event."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from pecgov.actors import Actor
from pecgov.audit.recording import save_tracked
from pecgov.errors import DomainError
from pecgov.policy.services import effective_policy
from pecgov.servicekit import event, require_lead
from pecgov.surveys.emails import queue_link
from pecgov.surveys.models import Question, QuestionKind, Recipient, Survey, SurveyStatus
from pecgov.surveys.questions import DEFAULT_QUESTIONS
from pecgov.surveys.results import GROUP_LABELS, PARTNER_GROUPS
from pecgov.trust.enums import CommitteeKind
from pecgov.trust.models import Organisation, Person
from pecgov.trust.queries import current_q

MEMBER_GROUPS = {"pec": CommitteeKind.PEC, "board": CommitteeKind.BOARD}
MAX_QUESTIONS = 40


def pack_number(trust: Organisation, key: str) -> int:
    """A whole-number parameter of the trust's policy pack (surveys.*: local defaults)."""
    value = effective_policy(trust)[key]
    return value if isinstance(value, int) else int(str(value))


def _draft(survey: Survey, what: str) -> None:
    if survey.status != SurveyStatus.DRAFT:
        raise DomainError(
            f"{survey.name} is {survey.get_status_display().lower()}: {what} only while it is a draft."
        )


def survey_create(
    *, actor: Actor, trust: Organisation, name: str, period_start: dt.date, period_end: dt.date
) -> Survey:
    """A draft survey of a period with the default questions (DH 2.2, 3.2) and the trust's
    minimum group size from its policy pack."""
    require_lead(actor, trust.pk)
    name = (name or "").strip()
    if not name:
        raise DomainError({"name": "Enter the survey's name"})
    if period_end < period_start:
        raise DomainError({"period_end": "The period must end on or after the day it starts"})
    minimum = pack_number(trust, "surveys.minimum_group_size")
    with transaction.atomic():
        survey = save_tracked(
            Survey(
                trust=trust,
                name=name,
                period_start=period_start,
                period_end=period_end,
                minimum_group_size=minimum,
            ),
            actor=actor,
            reason="Created",
        )
        rows = [
            save_tracked(
                Question(survey=survey, position=n, text=q.text, kind=q.kind, source=q.source),
                actor=actor,
                reason="Default question",
            )
            for n, q in enumerate(DEFAULT_QUESTIONS, start=1)
        ]
        event(actor, "survey.create", [survey, *rows], trust.pk, f"Survey created: {name}")
    return survey


def _question_fields(text: str, kind: str) -> tuple[str, str]:
    text = (text or "").strip()
    if not text:
        raise DomainError({"text": "Enter the question"})
    if len(text) > 500:
        raise DomainError({"text": "The question must be 500 characters or fewer"})
    if kind not in QuestionKind.values:
        raise DomainError({"kind": "Select the kind of answer"})
    return text, kind


def question_add(*, actor: Actor, survey: Survey, text: str, kind: str, source: str = "") -> Question:
    require_lead(actor, survey.trust_id)
    _draft(survey, "questions can be added")
    text, kind = _question_fields(text, kind)
    with transaction.atomic():
        existing = list(
            Question.objects.select_for_update().filter(survey=survey).values_list("position", flat=True)
        )
        if len(existing) >= MAX_QUESTIONS:
            raise DomainError(f"A survey can have at most {MAX_QUESTIONS} questions.")
        question = save_tracked(
            Question(
                survey=survey,
                position=max(existing, default=0) + 1,
                text=text,
                kind=kind,
                source=source.strip(),
            ),
            actor=actor,
            reason="Added",
        )
        event(actor, "survey.question_add", question, survey.trust_id, f"Question added to {survey.name}")
    return question


def question_update(*, actor: Actor, question: Question, text: str, kind: str) -> Question:
    survey = question.survey
    require_lead(actor, survey.trust_id)
    _draft(survey, "questions can be changed")
    text, kind = _question_fields(text, kind)
    with transaction.atomic():
        question.text, question.kind = text, kind
        save_tracked(question, actor=actor, update_fields=["text", "kind"], reason="Reworded")
        event(
            actor, "survey.question_update", question, survey.trust_id, f"Question changed in {survey.name}"
        )
    return question


def question_remove(*, actor: Actor, question: Question) -> Survey:
    survey = question.survey
    require_lead(actor, survey.trust_id)
    _draft(survey, "questions can be removed")
    with transaction.atomic():
        text = question.text
        question.delete()  # simple-history keeps a "deleted" history row, named by the event
        event(
            actor,
            "survey.question_remove",
            survey,
            survey.trust_id,
            f"Question removed from {survey.name}: {text[:80]}",
        )
    return survey


def _add(
    actor: Actor, survey: Survey, group: str, people: Iterable[tuple[str, Person | None]]
) -> list[Recipient]:
    taken = set(Recipient.objects.filter(survey=survey).values_list("email", flat=True))
    added: list[Recipient] = []
    for email, person in people:
        if email in taken:
            continue
        taken.add(email)
        row = Recipient(
            survey=survey, group=group, email=email, person=person, nonce=secrets.token_urlsafe(24)
        )
        added.append(save_tracked(row, actor=actor, reason="Asked"))
    return added


def recipients_add_members(*, actor: Actor, survey: Survey, group: str) -> list[Recipient]:
    """Ask everyone with a current membership of the trust's PEC ("pec") or Board ("board") who
    has an email address on their record. Those already asked are left as they are."""
    require_lead(actor, survey.trust_id)
    _draft(survey, "people can be added")
    if group not in MEMBER_GROUPS:
        raise DomainError({"group": "Select PEC members or Board members"})
    today = timezone.localdate()
    people = (
        Person.objects.filter(
            trust_id=survey.trust_id,
            memberships__committee__kind=MEMBER_GROUPS[group],
            memberships__committee__trust_id=survey.trust_id,
        )
        .filter(current_q(today, "memberships__"))
        .exclude(email="")
        .distinct()
        .order_by("name")
    )
    found = [(p.email.strip().lower(), p) for p in people]
    if not found:
        raise DomainError(
            {"group": f"No current {GROUP_LABELS[group]} have an email address on their record."}
        )
    with transaction.atomic():
        added = _add(actor, survey, group, found)
        if added:
            summary = f"{len(added)} {GROUP_LABELS[group]} asked in {survey.name}"
            event(actor, "survey.recipients_add", added, survey.trust_id, summary, group=group)
    return added


def _emails(text: str) -> list[str]:
    found: list[str] = []
    for n, line in enumerate((text or "").replace(",", "\n").splitlines(), start=1):
        email = line.strip().lower()
        if not email:
            continue
        try:
            validate_email(email)
        except ValidationError as error:
            raise DomainError(
                {"emails": f"Line {n}, “{line.strip()[:80]}”, is not an email address, like name@example.org"}
            ) from error
        found.append(email)
    if not found:
        raise DomainError({"emails": "Enter at least one email address, one a line"})
    return found


def recipients_add_partners(*, actor: Actor, survey: Survey, group: str, emails: str) -> list[Recipient]:
    """Ask partners by email address (one a line) in a partner group; they need no account.
    One bad address refuses the lot, naming its line."""
    require_lead(actor, survey.trust_id)
    _draft(survey, "people can be added")
    if group not in PARTNER_GROUPS:
        raise DomainError({"group": "Select the partners' group"})
    found = [(e, None) for e in _emails(emails)]
    with transaction.atomic():
        added = _add(actor, survey, group, found)
        if added:
            summary = f"{len(added)} from {GROUP_LABELS[group]} asked in {survey.name}"
            event(actor, "survey.recipients_add", added, survey.trust_id, summary, group=group)
    return added


def recipient_remove(*, actor: Actor, recipient: Recipient) -> Survey:
    survey = recipient.survey
    require_lead(actor, survey.trust_id)
    _draft(survey, "people can be removed")
    with transaction.atomic():
        email = recipient.email
        recipient.delete()
        event(
            actor,
            "survey.recipient_remove",
            survey,
            survey.trust_id,
            f"{email} no longer asked in {survey.name}",
        )
    return survey


def survey_open(*, actor: Actor, survey: Survey, closes_on: dt.date) -> Survey:
    """Open the survey: each recipient is emailed their link (through the outbox, once the
    transaction commits); links work until the earlier of the pack's link lifetime and the
    closing day."""
    require_lead(actor, survey.trust_id)
    _draft(survey, "a survey can be opened")
    today = timezone.localdate()
    if closes_on <= today:
        raise DomainError({"closes_on": "The closing date must be in the future"})
    if not survey.questions.exists():
        raise DomainError("Add at least one question before opening the survey.")
    recipients = list(Recipient.objects.filter(survey=survey).select_related("survey__trust"))
    if not recipients:
        raise DomainError("Choose who to ask before opening the survey.")
    days = pack_number(survey.trust, "surveys.token_days")
    expires = min(today + dt.timedelta(days=days), closes_on)
    with transaction.atomic():
        survey.status, survey.opened_on, survey.closes_on = SurveyStatus.OPEN, today, closes_on
        save_tracked(survey, actor=actor, update_fields=["status", "opened_on", "closes_on"], reason="Opened")
        for recipient in recipients:
            recipient.expires_on, recipient.sent_on = expires, today
            save_tracked(recipient, actor=actor, update_fields=["expires_on", "sent_on"], reason="Sent")
            queue_link(recipient, reminder=False)
        summary = f"Survey opened: {survey.name}, sent to {len(recipients)}"
        event(actor, "survey.open", [survey, *recipients], survey.trust_id, summary)
    return survey


def survey_remind(*, actor: Actor, survey: Survey, day: dt.date | None = None) -> int:
    """Remind those who have not answered and were not sent or reminded within the pack's
    reminder interval; returns how many were reminded."""
    require_lead(actor, survey.trust_id)
    today = day or timezone.localdate()
    if survey.status_on(today) != SurveyStatus.OPEN:
        raise DomainError(f"{survey.name} is not open: there is no one to remind.")
    interval = dt.timedelta(days=pack_number(survey.trust, "surveys.reminder_days"))
    due: list[Recipient] = []
    with transaction.atomic():
        for recipient in Recipient.objects.select_for_update().filter(survey=survey, answered=False):
            last = recipient.reminded_on or recipient.sent_on
            if last is not None and last + interval > today:
                continue
            if recipient.expires_on is not None and recipient.expires_on < today:
                continue
            recipient.reminded_on = today
            save_tracked(recipient, actor=actor, update_fields=["reminded_on"], reason="Reminded")
            queue_link(recipient, reminder=True)
            due.append(recipient)
        if due:
            event(
                actor, "survey.remind", due, survey.trust_id, f"{len(due)} reminded to answer {survey.name}"
            )
    return len(due)


def survey_close(*, actor: Actor, survey: Survey) -> Survey:
    require_lead(actor, survey.trust_id)
    if survey.state == SurveyStatus.CLOSED and survey.status == SurveyStatus.OPEN:
        raise DomainError(f"{survey.name} closed on {survey.closes_on:%-d %B %Y}, its closing date.")
    if survey.status != SurveyStatus.OPEN:
        raise DomainError(f"{survey.name} is not open, so it cannot be closed.")
    with transaction.atomic():
        survey.status, survey.closed_on = SurveyStatus.CLOSED, timezone.localdate()
        save_tracked(survey, actor=actor, update_fields=["status", "closed_on"], reason="Closed")
        event(actor, "survey.close", survey, survey.trust_id, f"Survey closed: {survey.name}")
    return survey
