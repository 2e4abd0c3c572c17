"""Calendar feeds (PUB-2, MTG-7): each committee's public meetings for anyone, and a private
feed per user at a secret, revocable address with their own meetings and actions' due dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from icalendar import Calendar, Event

from pecgov.errors import DomainError
from pecgov.meetings import ical
from pecgov.meetings.models import Action, AgendaItem, Meeting
from pecgov.public import queries, services
from pecgov.public.common import public_view
from pecgov.public.models import CalendarFeed
from pecgov.trust.models import Committee, Membership, Organisation, Person
from pecgov.ui.viewkit import post_action

# How far back the private feed reaches: a calendar app needs the recent past, not every year.
PRIVATE_FEED_DAYS_BACK = 366


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", ical.PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _ics(calendar: Calendar, filename: str) -> HttpResponse:
    response = HttpResponse(bytes(calendar.to_ical()), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def public_event(meeting: Meeting, link: str, days: int, stamp: dt.datetime) -> Event:
    """The meeting as the public page shows it: the agenda once published, without items
    taken in private (their place is said, not their title)."""
    event = ical.meeting_event(meeting, link=link, stamp=stamp)
    del event["description"]
    if not queries.is_published(meeting, days):
        text = f"The agenda will be published on {queries.published_on(meeting, days):%-d %B %Y}."
    else:
        lines = [
            f"{i.number}. An item was taken in private" if i.confidential else f"{i.number}. {i.title}"
            for i in meeting.items.all()
        ]
        text = "Agenda:\n" + "\n".join(lines) if lines else "No agenda items yet."
    event.add("description", f"{text}\n\nMeeting page: {link}")
    return event


@public_view
def committee_calendar(request: HttpRequest, trust: Organisation, pk: int) -> HttpResponse:
    committee = Committee.objects.filter(trust=trust, pk=pk).first()
    if committee is None:
        raise Http404
    meetings = queries.meetings(trust.pk, committee_id=pk).prefetch_related(
        Prefetch("items", AgendaItem.objects.order_by("number"))
    )
    days = queries.papers_days(trust)
    key = queries.trust_key(trust)
    calendar = _calendar(f"{committee.name}, {trust.name}")
    stamp = dt.datetime.now(dt.UTC)
    for m in meetings.order_by("starts_at", "id"):
        link = request.build_absolute_uri(reverse("public:meeting", kwargs={"trust": key, "pk": m.pk}))
        calendar.add_component(public_event(m, link, days, stamp))
    return _ics(calendar, f"{key}-committee-{pk}.ics")


def _my_meetings(person: Person, since: dt.datetime) -> list[Meeting]:
    """Meetings of the committees the person sat on, on the meeting's day: two queries."""
    seats = list(Membership.objects.filter(person=person))
    meetings = (
        Meeting.objects.filter(committee_id__in={s.committee_id for s in seats}, starts_at__gte=since)
        .select_related("committee")
        .prefetch_related(Prefetch("items", AgendaItem.objects.order_by("number")))
        .order_by("starts_at", "id")
    )
    return [
        m
        for m in meetings
        if any(
            s.committee_id == m.committee_id and s.is_current(timezone.localtime(m.starts_at).date())
            for s in seats
        )
    ]


def action_event(action: Action, link: str, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", f"action-{action.pk}@pec-governance")
    event.add("dtstamp", stamp.replace(microsecond=0))
    event.add("dtstart", action.due_date)
    event.add("dtend", action.due_date + dt.timedelta(days=1))
    event.add("summary", f"Action due: {action.description[:80]}")
    event.add("description", f"{action.description}\n\nFrom: {action.meeting}\n{link}")
    event.add("url", link)
    return event


@require_GET
def private_feed(request: HttpRequest, key: str) -> HttpResponse:
    """The secret address: the user's meetings and open actions (PUB-2). Unknown or revoked: 404."""
    feed = services.feed_for(key)
    person = getattr(feed.user, "person", None) if feed is not None else None
    if feed is None:
        raise Http404
    calendar = _calendar("My PEC meetings and actions")
    stamp = dt.datetime.now(dt.UTC)
    if person is not None:
        since = timezone.now() - dt.timedelta(days=PRIVATE_FEED_DAYS_BACK)
        for m in _my_meetings(person, since):
            link = request.build_absolute_uri(reverse("meetings:meeting_detail", kwargs={"pk": m.pk}))
            calendar.add_component(ical.meeting_event(m, link=link, stamp=stamp))
        actions = Action.objects.filter(owner=person, done_on__isnull=True).select_related(
            "meeting__committee"
        )
        for a in actions.order_by("due_date", "id"):
            link = request.build_absolute_uri(reverse("meetings:meeting_detail", kwargs={"pk": a.meeting_id}))
            calendar.add_component(action_event(a, link, stamp))
    response = _ics(calendar, "my-calendar.ics")
    response["Cache-Control"] = "private, no-store"
    return response


def _feed_page(request: HttpRequest, *, new_url: str = "") -> HttpResponse:
    feeds = list(CalendarFeed.objects.filter(user=request.user).order_by("-created_at", "-id")[:20])
    context: dict[str, Any] = {
        "title": "Your calendar feed",
        "nav_section": "account",
        "feeds": feeds,
        "active": next((f for f in feeds if f.is_active), None),
        "new_url": new_url,
    }
    return render(request, "public/feed.jinja", context)


@require_GET
@login_required
def feed_page(request: HttpRequest) -> HttpResponse:
    return _feed_page(request)


@require_POST
@login_required
def feed_create(request: HttpRequest) -> HttpResponse:
    """Make a new secret address and show it once; an earlier address stops working."""
    try:
        _feed, key = services.feed_create(actor=request.user, user=request.user)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("public:feed")
    url = request.build_absolute_uri(reverse("public:private_feed", kwargs={"key": key}))
    return _feed_page(request, new_url=url)


@require_POST
@login_required
def feed_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    feed = CalendarFeed.objects.filter(pk=pk, user=request.user).first()
    if feed is None:
        raise Http404
    if post_action(request, lambda: services.feed_revoke(actor=request.user, feed=feed)) is not None:
        messages.success(request, "The calendar address was revoked: calendar apps can no longer read it.")
    return redirect("public:feed")
