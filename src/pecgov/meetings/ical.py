"""Meetings as iCalendar (MTG-7): one VEVENT per meeting, times in UTC, a UID that never changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from icalendar import Calendar, Event

from pecgov.meetings.enums import MeetingStatus
from pecgov.meetings.models import Meeting

PRODID = "-//PEC Governance//Meetings//EN"
# The record holds only a start time; calendars need an end to block out the time.
ASSUMED_LENGTH = dt.timedelta(hours=2)


def meeting_uid(meeting: Meeting) -> str:
    """Stable for the life of the meeting, so a re-imported feed updates events instead of duplicating."""
    return f"meeting-{meeting.pk}@pec-governance"


def meeting_event(meeting: Meeting, *, link: str = "", stamp: dt.datetime | None = None) -> Event:
    start = meeting.starts_at.astimezone(dt.UTC)
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", (stamp or dt.datetime.now(dt.UTC)).replace(microsecond=0))
    event.add("dtstart", start)
    event.add("dtend", start + ASSUMED_LENGTH)
    event.add("summary", meeting.committee.name)
    event.add("location", meeting.location)
    event.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
    agenda = [f"{item.number}. {item.title}" for item in meeting.items.all()]
    description = "Agenda:\n" + "\n".join(agenda) if agenda else "No agenda items yet."
    if link:
        event.add("url", link)
        description += f"\n\nMeeting page: {link}"
    event.add("description", description)
    return event


def calendar_bytes(
    meetings: Iterable[Meeting], *, name: str, link: Callable[[Meeting], str] | None = None
) -> bytes:
    """The calendar as bytes. `meetings` should have committee and items fetched (see queries)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    stamp = dt.datetime.now(dt.UTC)
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, link=link(meeting) if link else "", stamp=stamp))
    return bytes(calendar.to_ical())
