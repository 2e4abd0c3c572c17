"""Surveys: the data (EFF-2).

Anonymity is in the shape of the rows. A `Recipient` (the token row) knows who was asked and
records only that they answered. A `Response` knows its group and its answers and nothing that
leads back: no token, no user, no time finer than the day, no IP, and a random primary key so
that the order of rows cannot be matched to the order in which recipients answered. Responses
keep no history rows (a history row would carry the exact time and the user).
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from pecgov.surveys.results import GROUPS, LIKERT, TEXT
from pecgov.trust.models import Organisation, Person


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class QuestionKind(models.TextChoices):
    LIKERT = LIKERT, "Agree or disagree (5 points and don't know)"
    TEXT = TEXT, "Free text"


GROUP_CHOICES = list(GROUPS)


class Survey(models.Model):
    """An effectiveness survey of a period, run by the governance lead (EFF-2; DH Annex C)."""

    trust = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)
    period_start = models.DateField("period from")
    period_end = models.DateField("period to")
    status = models.CharField(max_length=16, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT)
    minimum_group_size = models.PositiveSmallIntegerField(default=5)
    opened_on = models.DateField(null=True, blank=True)
    closes_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_end", "name"]
        indexes = [models.Index(fields=["trust", "status"])]

    def __str__(self) -> str:
        return self.name

    def status_on(self, day: dt.date) -> str:
        """The survey's state on a day, from the record (EFF-2): an open survey whose closing
        date has passed is closed, as its links are, whether or not the lead has closed it."""
        if self.status == SurveyStatus.OPEN and self.closes_on is not None and self.closes_on < day:
            return SurveyStatus.CLOSED
        return self.status

    @property
    def state(self) -> str:
        """The state today: what the pages, the API, the CSV and the annual report show."""
        return self.status_on(timezone.localdate())

    def get_state_display(self) -> str:
        return str(SurveyStatus(self.state).label)

    @property
    def ended_on(self) -> dt.date | None:
        """The day it closed: the day the lead closed it, else its closing date once passed."""
        if self.state != SurveyStatus.CLOSED:
            return None
        return self.closed_on or self.closes_on


class Question(models.Model):
    """One question, editable while the survey is a draft; `source` cites where it comes from."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    text = models.CharField("question", max_length=500)
    kind = models.CharField(max_length=16, choices=QuestionKind.choices, default=QuestionKind.LIKERT)
    source = models.CharField(max_length=200, blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        ordering = ["survey", "position", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def key(self) -> str:
        return f"q{self.pk}"


class Recipient(models.Model):
    """Someone asked to answer: a person on the trust's records or a partner's email address.
    Their link carries `nonce` signed with the site's secret (a copy of the database cannot make
    a working link); the link works once: `answered` is all this row says of their answer."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="recipients")
    group = models.CharField(max_length=32, choices=GROUP_CHOICES)
    email = models.EmailField()
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    nonce = models.CharField(max_length=64, unique=True)
    expires_on = models.DateField(null=True, blank=True)
    sent_on = models.DateField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)
    answered = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["survey", "group", "email"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "email"], name="surveys_recipient_once"),
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_group_display()})"


class Response(models.Model):
    """One anonymous response: the group and the answers (question key -> 0..5 or text)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    group = models.CharField(max_length=32, choices=GROUP_CHOICES)
    answered_on = models.DateField()
    answers = models.JSONField(default=dict)

    class Meta:
        ordering = ["survey", "group", "id"]

    def __str__(self) -> str:
        return f"A response to {self.survey_id}"
