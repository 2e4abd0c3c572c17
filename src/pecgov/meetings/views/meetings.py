"""Meeting pages (MTG-1, MTG-6, MTG-7): the list, scheduling and editing, the meeting page and
its calendars. Thin views: parse, call a service, redirect or render."""

from __future__ import annotations

import io
from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from pecgov.meetings import ical, queries, services, signals
from pecgov.meetings.columns import MEETING_COLUMNS
from pecgov.meetings.enums import MeetingStatus, MinutesStatus
from pecgov.meetings.forms import MeetingEditForm, MeetingForm
from pecgov.meetings.kept import kept_reference
from pecgov.meetings.models import Meeting
from pecgov.meetings.packs import agenda_pack_for
from pecgov.meetings.views.common import SECTION, detail_url, item_url, meeting_form_page, meeting_or_404
from pecgov.trust.enums import CommitteeKind
from pecgov.trust.models import Committee, Organisation
from pecgov.trust.roles import roles_of
from pecgov.ui.kept import per_trust
from pecgov.ui.tabular import download, download_links, export_format
from pecgov.ui.viewkit import GET_POST, can, form_view, found, paginate, posted, trust_id_of, trust_view


@trust_view("meetings.view")
def meeting_list(request: HttpRequest) -> HttpResponse:
    trust_id = trust_id_of(request)
    when = "past" if request.GET.get("when") == "past" else "upcoming"
    committees = list(Committee.objects.filter(trust_id=trust_id).order_by("name"))
    wanted = request.GET.get("committee", "")
    committee = next((c for c in committees if str(c.pk) == wanted), None)
    meetings = queries.meetings(
        trust_id, committee_id=committee.pk if committee else None, upcoming=when == "upcoming"
    )
    if fmt := export_format(request):  # ADM-3: the same filter, as a file
        return download(MEETING_COLUMNS, meetings, fmt=fmt, name=f"{when}-meetings")
    page = paginate(request, meetings)
    return render(
        request,
        "meetings/meeting_list.jinja",
        {
            "title": "Past meetings" if when == "past" else "Upcoming meetings",
            "nav_section": SECTION,
            "page": page,
            "when": when,
            "committees": committees,
            "committee": committee,
            "deciding": queries.next_meetings(trust_id, [CommitteeKind.PEC, CommitteeKind.PBC_APPROVALS]),
            "waiting": _cases_waiting(request, trust_id),
            "can_manage": can(request, "meetings.manage"),
            "MeetingStatus": MeetingStatus,
            "downloads": download_links(request),
        },
    )


def _cases_waiting(request: HttpRequest, trust_id: int) -> list[Any]:
    """MTG-6: each pending case a committee decides, with the next meeting able to decide it."""
    if not can(request, "commissioning.view_pipeline"):
        return []
    return signals.waiting_for_decision(trust_id)


@GET_POST
@trust_view("meetings.manage")
def meeting_create(request: HttpRequest) -> HttpResponse:
    trust = Organisation.objects.get(pk=trust_id_of(request))
    initial = {"committee": request.GET.get("committee") or None}
    form = MeetingForm(posted(request), trust=trust, initial=initial)
    return form_view(
        request,
        form,
        save=lambda d: services.meeting_create(actor=request.user, **d),
        done=lambda meeting: f"Meeting scheduled: {meeting}.",
        then=lambda meeting: reverse("meetings:meeting_detail", args=[meeting.pk]),
        page=meeting_form_page,
        title="Schedule a meeting",
        submit_text="Schedule meeting",
        cancel=reverse("meetings:meeting_list"),
    )


def _meeting_view(trust_id: int, pk: int) -> queries.MeetingView:
    """The meeting, its agenda, attendance and conflict matrix, kept for the trust's data version:
    all of it is that trust's data, so a write in the trust reads it afresh (COI-2, MTG-2, X-3).
    Read only: the page draws it and changes nothing."""
    return per_trust(
        trust_id,
        f"meetings.view:{pk}",
        lambda: queries.meeting_view(trust_id, pk, reference=kept_reference),
    )


@trust_view("meetings.view")
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    view = found(_meeting_view, request, pk)
    return render(
        request,
        "meetings/meeting_detail.jinja",
        {
            "title": str(view.meeting),
            "nav_section": SECTION,
            "view": view,
            "meeting": view.meeting,
            "can_manage": can(request, "meetings.manage"),
            "can_record_attendance": request.user.has_perm("meetings.record_attendance", view.meeting),
            "person_id": roles_of(request.user).person_id,
            "item_url": item_url,
            "has_draft": any(m.status == MinutesStatus.DRAFT for m in view.minutes),
            "MinutesStatus": MinutesStatus,
            "pack": agenda_pack_for(view.meeting, public=False),  # PUB-2
        },
    )


@GET_POST
@trust_view("meetings.manage")
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    initial = MeetingEditForm.initial_for(meeting) | {
        "location": meeting.location,
        "public": meeting.public,
        "status": meeting.status,
    }
    form = MeetingEditForm(posted(request), initial=initial)
    return form_view(
        request,
        form,
        save=lambda d: services.meeting_update(actor=request.user, meeting=meeting, **d),
        done=lambda _: f"Meeting updated: {meeting}.",
        then=lambda _: reverse("meetings:meeting_detail", args=[pk]),
        page=meeting_form_page,
        title="Edit the meeting",
        caption=str(meeting),
        submit_text="Save changes",
        cancel=detail_url(pk),
    )


# Calendars (MTG-7) ------------------------------------------------------------------------


def _calendar_response(
    request: HttpRequest, meetings: list[Meeting], name: str, filename: str
) -> FileResponse:
    body = ical.calendar_bytes(
        meetings,
        name=name,
        link=lambda m: request.build_absolute_uri(reverse("meetings:meeting_detail", args=[m.pk])),
    )
    return FileResponse(
        io.BytesIO(body), as_attachment=True, filename=filename, content_type="text/calendar; charset=utf-8"
    )


@trust_view("meetings.view")  # type: ignore[arg-type]  # streams: not an HttpResponse subclass
def calendar(request: HttpRequest) -> FileResponse:
    trust = Organisation.objects.only("name").get(pk=trust_id_of(request))
    meetings = queries.calendar_meetings(trust_id_of(request))
    return _calendar_response(request, meetings, f"{trust.name} meetings", "meetings.ics")


@trust_view("meetings.view")  # type: ignore[arg-type]  # streams: not an HttpResponse subclass
def meeting_ics(request: HttpRequest, pk: int) -> FileResponse:
    meetings = queries.calendar_meetings(trust_id_of(request), pk)
    if not meetings:
        raise Http404
    return _calendar_response(request, meetings, str(meetings[0]), f"meeting-{pk}.ics")
