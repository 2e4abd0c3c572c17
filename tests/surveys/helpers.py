"""Building surveys for the survey tests (EFF-2)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from pecgov.actors import SYSTEM
from pecgov.notifications.models import OutboxMessage
from pecgov.surveys import services
from pecgov.surveys.models import Recipient, Survey
from pecgov.trust.models import Person
from tests.factories import World

PERIOD = (dt.date(2007, 4, 1), dt.date(2008, 3, 31))


def give_emails(world: World) -> None:
    """Every person on the world's records gets an email address (the factories give none)."""
    for person in Person.objects.filter(trust=world.trust):
        Person.objects.filter(pk=person.pk).update(email=f"person{person.pk}@example.org")


def draft(world: World, name: str = "PEC effectiveness 2007/08", actor: Any = SYSTEM) -> Survey:
    return services.survey_create(
        actor=actor, trust=world.trust, name=name, period_start=PERIOD[0], period_end=PERIOD[1]
    )


def opened(
    world: World, *, partners: int = 2, members: bool = True, name: str = "PEC effectiveness 2007/08"
) -> Survey:
    """An open survey asking the PEC's members (with emails) and `partners` practice partners."""
    survey = draft(world, name=name)
    if members:
        give_emails(world)
        services.recipients_add_members(actor=SYSTEM, survey=survey, group="pec")
    if partners:
        emails = "\n".join(f"partner{n}@practice.example.org" for n in range(partners))
        services.recipients_add_partners(actor=SYSTEM, survey=survey, group="practice", emails=emails)
    return services.survey_open(
        actor=SYSTEM, survey=survey, closes_on=timezone.localdate() + dt.timedelta(days=14)
    )


def token_of(recipient: Recipient) -> str:
    return services.token_for(recipient)


def link_in_outbox(email: str) -> str:
    """The survey link in the newest email to `email` (as a respondent would read it)."""
    message = OutboxMessage.objects.filter(to_email=email, kind="survey").order_by("-id").first()
    assert message is not None, f"no survey email to {email}"
    line = next(line for line in message.text.splitlines() if "/surveys/answer/" in line)
    return line[line.index("/surveys/answer/") :]


def open_link(client: Any, link: str) -> str:
    """Open an emailed link as a browser does (EFF-2): its token is exchanged for one the
    session keeps and the browser is sent on; returns the answer page's address."""
    response = client.get(link)
    assert response.status_code == 302, response.status_code
    return str(response["Location"])


def full_answers(survey: Survey, point: int = 4, text: str = "") -> dict[str, str]:
    answers: dict[str, str] = {}
    for q in survey.questions.all():
        answers[q.key] = str(point) if q.kind == "likert" else text
    return answers
