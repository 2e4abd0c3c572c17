"""The daily job reminds those who have not answered an open survey (EFF-2, NOT-2): the same
service as the lead's button, as the system, at the pack's reminder interval."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pecgov.actors import SystemActor
from pecgov.notifications.jobs import daily_checks
from pecgov.surveys.models import Survey, SurveyStatus
from pecgov.surveys.services import survey_remind

REMINDER = SystemActor(name="the daily survey reminders")


def remind_all(sender: Any = None, *, day: dt.date, **_: Any) -> int:
    """Remind on every open survey whose closing day has not passed; returns how many emails."""
    sent = 0
    for survey in Survey.objects.filter(status=SurveyStatus.OPEN, closes_on__gte=day).select_related("trust"):
        sent += survey_remind(actor=REMINDER, survey=survey, day=day)
    return sent


def connect() -> None:
    daily_checks.connect(remind_all, dispatch_uid="surveys.remind_all")
