"""Shared steps for the conflict pages' tests: the item's URLs and a decided recommendation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from pecgov.meetings import services as ms
from pecgov.meetings.conflicts import services as conflict_services
from pecgov.meetings.models import AgendaItem
from pecgov.meetings.queries import item_row
from pecgov.trust.models import Person
from tests.factories import SYSTEM


def url(name: str, item: AgendaItem, **extra: Any) -> str:
    return reverse(f"conflicts:{name}", kwargs={"pk": item.pk, **extra})


def explanation(item: AgendaItem, person_id: int) -> str:
    return " ".join(c.explanation for c in item_row(item).people[person_id])


def handle_all(item: AgendaItem, handling: str = "exclude_decision") -> None:
    """Record handling for everyone screening flags on the item."""
    for person_id, found in item_row(item).people.items():
        conflict_services.conflict_record(
            actor=SYSTEM,
            item=item,
            person=Person.objects.get(pk=person_id),
            handling=handling,
            interest=" ".join(c.explanation for c in found),
            reason="Not affected" if handling == "no_action" else "",
        )


def decide(item: AgendaItem, outcome: str = "approved") -> AgendaItem:
    handle_all(item)
    return ms.item_decide(
        actor=SYSTEM,
        item=item,
        outcome=outcome,
        contribution="debated_agreed",
        reasons="Value for money and better access for patients",
        evidence="Activity data for 2006/07",
    )


def board_date(item: AgendaItem, days: int = 0) -> dt.date:
    """The Board's decision date, `days` after the committee's meeting (never in the future for a
    person recording it: MTG-3)."""
    return timezone.localtime(item.meeting.starts_at).date() + dt.timedelta(days=days)


def date_post(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}
