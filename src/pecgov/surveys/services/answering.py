"""Answering a survey from its link (EFF-2). No account is needed; one link, one response.

The response is saved with its group, its answers and the day, and nothing else: not the
recipient, not the user who may be signed in, not the time, not the address it came from. The
recipient's row is marked answered in the same transaction, so a repeat or a reused link finds
it answered and saves nothing.

The emailed link's token is exchanged the first time it is opened (`link_exchange`): the
recipient gets a fresh nonce, whose token the respondent's session keeps, and the emailed one
stops working. A web server or proxy logs the address it was asked for; the token in that line
opens nothing.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone

from pecgov.actors import SystemActor
from pecgov.audit.recording import save_tracked
from pecgov.errors import DomainError
from pecgov.servicekit import event
from pecgov.surveys.emails import nonce_of, token_for
from pecgov.surveys.models import Question, Recipient, Response, SurveyStatus
from pecgov.surveys.results import DONT_KNOW, LIKERT, SCALE

__all__ = ["LinkRefused", "link_check", "link_exchange", "response_submit", "token_for"]

# The ledger names no respondent: the answer is recorded as the system's.
RESPONDENT = SystemActor(name="a survey respondent")
TEXT_LIMIT = 2000
LIKERT_VALUES = {DONT_KNOW, *(point for point, _ in SCALE)}


class LinkRefused(DomainError):
    """A link that cannot be answered: `reason` is "invalid", "answered", "expired" or "closed"."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def link_check(token: str, *, for_update: bool = False) -> Recipient:
    """The recipient a link names, or LinkRefused saying plainly why it cannot be used."""
    nonce = nonce_of(token)
    rows = Recipient.objects.select_related("survey", "survey__trust")
    if for_update:
        rows = rows.select_for_update(of=("self",))
    recipient = rows.filter(nonce=nonce).first() if nonce else None
    if recipient is None:
        raise LinkRefused(
            "invalid", "This survey link is not valid. Check you copied the whole link from the email."
        )
    if recipient.answered:
        raise LinkRefused("answered", "This survey has already been answered with this link. Thank you.")
    survey, today = recipient.survey, timezone.localdate()
    if survey.status_on(today) == SurveyStatus.CLOSED:
        raise LinkRefused("closed", f"{survey.name} has closed: it no longer takes answers.")
    if survey.status != SurveyStatus.OPEN:
        raise LinkRefused("invalid", "This survey is not open yet.")
    if recipient.expires_on is not None and recipient.expires_on < today:
        raise LinkRefused("expired", "This survey link has expired. Ask your governance lead for a new one.")
    return recipient


def link_exchange(token: str) -> tuple[int, str]:
    """Open an emailed link (EFF-2): check it, give its recipient a fresh nonce and return the
    survey's id and the fresh token, for the respondent's session to keep. The emailed token
    stops working, so one read from a log opens nothing; the link still answers once."""
    with transaction.atomic():
        recipient = link_check(token, for_update=True)
        recipient.nonce = secrets.token_urlsafe(24)
        save_tracked(recipient, actor=RESPONDENT, update_fields=["nonce"], reason="Link opened")
        survey = recipient.survey
        event(RESPONDENT, "survey.link_open", recipient, survey.trust_id, f"A link to {survey.name} opened")
    return survey.pk, token_for(recipient)


def _clean(questions: list[Question], given: Mapping[str, object]) -> dict[str, int | str]:
    answers: dict[str, int | str] = {}
    errors: dict[str, str] = {}
    for question in questions:
        value = given.get(question.key)
        if question.kind == LIKERT:
            try:
                number = int(str(value))
            except ValueError:
                number = -1
            if number not in LIKERT_VALUES:
                errors[question.key] = f"Select how far you agree, or “Don't know”: {question.text}"
                continue
            answers[question.key] = number
        else:
            text = str(value or "").strip()
            if len(text) > TEXT_LIMIT:
                errors[question.key] = f"Your answer must be {TEXT_LIMIT} characters or fewer"
            elif text:
                answers[question.key] = text
    if errors:
        raise DomainError(errors)  # type: ignore[arg-type]
    return answers


def response_submit(*, token: str, answers: Mapping[str, object]) -> Response:
    """Save one anonymous response for the link's recipient and mark the link used. Likert
    questions need an answer (a point or "don't know"); free text may be left blank."""
    with transaction.atomic():
        recipient = link_check(token, for_update=True)
        survey = recipient.survey
        cleaned = _clean(list(survey.questions.order_by("position", "id")), answers)
        response = Response.objects.create(
            survey=survey, group=recipient.group, answered_on=timezone.localdate(), answers=cleaned
        )
        recipient.answered = True
        save_tracked(recipient, actor=RESPONDENT, update_fields=["answered"], reason="Answered")
        # The event names the recipient's row (now "answered"), never the response.
        event(RESPONDENT, "survey.answer", recipient, survey.trust_id, f"A response to {survey.name}")
    return response
