"""Meetings export to calendars (MTG-7): a feed of the trust's meetings and one file per meeting."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from icalendar import Calendar

from pecgov.meetings import ical
from pecgov.meetings import services as ms
from tests.factories import SYSTEM, World
from tests.meeting_factories import make_item, make_meeting


def events(response: Any) -> list[Any]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return list(Calendar.from_ical(b"".join(response.streaming_content)).walk("VEVENT"))


def test_feed_has_one_event_per_meeting_of_the_trust(
    world: World, other_world: World, client_for: Any
) -> None:
    mine = [make_meeting(world.pec, days=d) for d in (-30, 7, 35)]
    make_meeting(other_world.pec)

    found = events(client_for("member").get(reverse("meetings:calendar")))

    assert sorted(str(e["UID"]) for e in found) == sorted(ical.meeting_uid(m) for m in mine)


def test_feed_times_are_utc_and_uids_are_stable(world: World, client_for: Any) -> None:
    meeting = make_meeting(world.pec, location="Room 4, Civic Centre")
    make_item(meeting, title="Prescribing budget")
    client = client_for("member")

    first = events(client.get(reverse("meetings:calendar")))[0]
    again = events(client.get(reverse("meetings:calendar")))[0]

    start = first.decoded("DTSTART")
    assert start == meeting.starts_at
    assert start.utcoffset() == dt.timedelta(0)
    assert first.to_ical().decode().count("DTSTART:") == 1  # a UTC time, written with Z, no TZID
    assert first.decoded("DTEND") - start == ical.ASSUMED_LENGTH
    assert (str(first["UID"]), str(again["UID"])) == (ical.meeting_uid(meeting),) * 2
    assert str(first["SUMMARY"]) == world.pec.name
    assert str(first["LOCATION"]) == "Room 4, Civic Centre"
    assert "1. Prescribing budget" in str(first["DESCRIPTION"])
    assert str(first["URL"]).endswith(reverse("meetings:meeting_detail", args=[meeting.pk]))


def test_cancelled_meeting_is_marked_cancelled(world: World, client_for: Any) -> None:
    meeting = make_meeting(world.pec)
    ms.meeting_update(actor=SYSTEM, meeting=meeting, status="cancelled")

    (event,) = events(client_for("member").get(reverse("meetings:calendar")))

    assert str(event["STATUS"]) == "CANCELLED"


def test_one_meetings_file_has_just_that_meeting(world: World, client_for: Any) -> None:
    meeting = make_meeting(world.pec)
    make_meeting(world.pec, days=14)

    response = client_for("member").get(reverse("meetings:meeting_ics", args=[meeting.pk]))

    (event,) = events(response)
    assert str(event["UID"]) == ical.meeting_uid(meeting)
    assert response["Content-Disposition"] == f'attachment; filename="meeting-{meeting.pk}.ics"'


def test_another_trusts_meeting_file_is_not_found(world: World, other_world: World, lead_client: Any) -> None:
    meeting = make_meeting(other_world.pec)

    assert lead_client.get(reverse("meetings:meeting_ics", args=[meeting.pk])).status_code == 404


def test_feed_needs_sign_in_and_a_trust(world: World, client_for: Any) -> None:
    url = reverse("meetings:calendar")

    assert client_for("anonymous").get(url).status_code == 302
    assert client_for("applicant").get(url).status_code == 403


def test_empty_feed_is_still_a_calendar(world: World, client_for: Any) -> None:
    response = client_for("member").get(reverse("meetings:calendar"))

    calendar = Calendar.from_ical(b"".join(response.streaming_content))
    assert (list(calendar.walk("VEVENT")), str(calendar["VERSION"])) == ([], "2.0")
