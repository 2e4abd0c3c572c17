"""MTG pages: meetings, agenda items, papers, attendance, minutes and actions (MTG-1, MTG-2, MTG-5 to MTG-7).

Thin views: parse, call a service, redirect or render. Everything is looked up
within the user's trust, so another trust's meeting answers 404, never 403.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from pecgov.meetings import ical, queries, services, signals
from pecgov.meetings.enums import AttendanceStatus, AttendeeKind, MeetingStatus, MinutesStatus
from pecgov.meetings.forms import (
    ActionForm,
    AttendanceForm,
    ItemForm,
    MeetingEditForm,
    MeetingForm,
    MinutesApproveForm,
    MinutesForm,
    PaperForm,
)
from pecgov.meetings.models import Attendance, Meeting, Paper
from pecgov.trust.enums import CommitteeKind
from pecgov.trust.models import Committee, Organisation, Person
from pecgov.trust.roles import roles_of
from pecgov.ui.viewkit import can, form_page, found, paginate, post_action, submit, trust_id_of, trust_view

GET_POST = require_http_methods(["GET", "POST"])
CHUNK_SIZE = 64 * 1024
SECTION = "meetings"


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    try:
        return Meeting.objects.select_related("committee__trust").get(
            pk=pk, committee__trust_id=trust_id_of(request)
        )
    except Meeting.DoesNotExist as error:
        raise Http404 from error


def item_url(pk: int) -> str:
    """The agenda item's page (conflicts and decision), owned by the conflicts area."""
    try:
        return reverse("conflicts:item_detail", kwargs={"pk": pk})
    except NoReverseMatch:
        return f"/items/{pk}/"


def _detail(meeting_pk: int, anchor: str = "") -> str:
    return reverse("meetings:meeting_detail", args=[meeting_pk]) + (f"#{anchor}" if anchor else "")


_form_page = partial(form_page, section=SECTION, template="meetings/form.jinja")


def _next_or(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


# Meetings -------------------------------------------------------------------------


@trust_view("meetings.view")
def meeting_list(request: HttpRequest) -> HttpResponse:
    trust_id = trust_id_of(request)
    when = "past" if request.GET.get("when") == "past" else "upcoming"
    committees = list(Committee.objects.filter(trust_id=trust_id).order_by("name"))
    wanted = request.GET.get("committee", "")
    committee = next((c for c in committees if str(c.pk) == wanted), None)
    page = paginate(
        request,
        queries.meetings(
            trust_id, committee_id=committee.pk if committee else None, upcoming=when == "upcoming"
        ),
    )
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
    form = MeetingForm(request.POST if request.method == "POST" else None, trust=trust, initial=initial)
    if request.method == "POST":
        meeting = submit(form, lambda d: services.meeting_create(actor=request.user, **d))
        if meeting:
            messages.success(request, f"Meeting scheduled: {meeting}.")
            return redirect("meetings:meeting_detail", meeting.pk)
    return _form_page(
        request,
        form,
        title="Schedule a meeting",
        submit_text="Schedule meeting",
        cancel=reverse("meetings:meeting_list"),
    )


@trust_view("meetings.view")
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    view = found(queries.meeting_view, request, pk)
    return render(
        request,
        "meetings/meeting_detail.jinja",
        {
            "title": str(view.meeting),
            "nav_section": SECTION,
            "view": view,
            "meeting": view.meeting,
            "can_manage": can(request, "meetings.manage"),
            "person_id": roles_of(request.user).person_id,
            "item_url": item_url,
            "has_draft": any(m.status == MinutesStatus.DRAFT for m in view.minutes),
            "MinutesStatus": MinutesStatus,
        },
    )


@GET_POST
@trust_view("meetings.manage")
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    initial = MeetingEditForm.initial_for(meeting) | {
        "location": meeting.location,
        "public": meeting.public,
        "status": meeting.status,
    }
    form = MeetingEditForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST":
        done = submit(form, lambda d: services.meeting_update(actor=request.user, meeting=meeting, **d))
        if done:
            messages.success(request, f"Meeting updated: {meeting}.")
            return redirect("meetings:meeting_detail", pk)
    return _form_page(
        request,
        form,
        title="Edit the meeting",
        caption=str(meeting),
        submit_text="Save changes",
        cancel=_detail(pk),
    )


# Agenda items and papers (MTG-1) -----------------------------------------------------


@GET_POST
@trust_view("meetings.manage")
def item_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = ItemForm(request.POST if request.method == "POST" else None, trust=meeting.committee.trust)
    if request.method == "POST":
        item = submit(
            form,
            lambda d: services.item_add(
                actor=request.user, meeting=meeting, **(d | {"affected": list(d["affected"])})
            ),
        )
        if item:
            messages.success(request, f"Item added: {item}.")
            return redirect(_detail(pk, "agenda"))
    return _form_page(
        request,
        form,
        title="Add an agenda item",
        caption=str(meeting),
        submit_text="Add item",
        cancel=_detail(pk, "agenda"),
    )


@GET_POST
@trust_view("meetings.manage")
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = found(queries.item_in_trust, request, pk)
    initial = {
        "title": item.title,
        "kind": item.kind,
        "description": item.description,
        "affected": [o.pk for o in item.affected.all()],
    }
    form = ItemForm(
        request.POST if request.method == "POST" else None,
        trust=item.meeting.committee.trust,
        initial=initial,
    )
    if request.method == "POST":
        done = submit(
            form,
            lambda d: services.item_update(
                actor=request.user,
                item=item,
                affected=list(d["affected"]),
                **{k: d[k] for k in ("title", "kind", "description") if d[k] != initial[k]},
            ),
        )
        if done:
            messages.success(request, f"Item updated: {item}.")
            return redirect(_detail(item.meeting_id, "agenda"))
    return _form_page(
        request,
        form,
        title=f"Edit item {item.number}",
        caption=str(item.meeting),
        submit_text="Save changes",
        cancel=_detail(item.meeting_id, "agenda"),
        intro="This item has been decided: its record can no longer be changed." if item.is_decided else "",
    )


@GET_POST
@trust_view("meetings.manage")
def paper_create(request: HttpRequest, pk: int) -> HttpResponse:
    item = found(queries.item_in_trust, request, pk)
    posted = request.method == "POST"
    form = PaperForm(request.POST if posted else None, request.FILES if posted else None)
    if posted:
        paper = submit(form, lambda d: services.paper_add(actor=request.user, item=item, **d))
        if paper:
            messages.success(request, f"Paper added to item {item.number}: {paper.title}.")
            return redirect(_detail(item.meeting_id, "agenda"))
    return _form_page(
        request,
        form,
        title=f"Add a paper to item {item.number}",
        caption=f"{item.meeting}: {item.title}",
        submit_text="Upload paper",
        cancel=_detail(item.meeting_id, "agenda"),
    )


def _chunks(paper: Paper) -> Iterator[bytes]:
    # Opened only when the body is sent, and closed however the sending ends.
    with paper.file.open("rb") as handle:
        yield from iter(lambda: handle.read(CHUNK_SIZE), b"")


@trust_view("meetings.view")  # type: ignore[arg-type]  # streams: not an HttpResponse subclass
def paper_download(request: HttpRequest, pk: int) -> FileResponse:
    paper = found(queries.paper_in_trust, request, pk)
    if not paper.file.storage.exists(paper.file.name):
        raise Http404
    suffix = Path(paper.file.name).suffix.lower()
    # The type comes from the extension the policy allowed, not from what the browser claimed.
    content_type = mimetypes.guess_type(f"paper{suffix}")[0] or "application/octet-stream"
    response = FileResponse(_chunks(paper), content_type=content_type)
    response["Content-Length"] = str(paper.file.size)
    response["Content-Disposition"] = str(content_disposition_header(True, f"{paper.title}{suffix}"))
    return response


# Attendance (MTG-2) ---------------------------------------------------------------------


@GET_POST
@trust_view("meetings.manage")
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    records = {a.person_id: a for a in Attendance.objects.filter(meeting=meeting).select_related("person")}
    members = [m.person for m in queries.attendance_people(meeting)]
    member_ids = {p.pk for p in members}
    people: list[tuple[Person, str]] = [(p, AttendeeKind.MEMBER) for p in members]
    people += [
        (a.person, a.kind)
        for a in sorted(records.values(), key=lambda a: a.person.name)
        if a.person_id not in member_ids
    ]
    initial = {AttendanceForm.key(p): records[p.pk].status for p, _ in people if p.pk in records}
    form = AttendanceForm(
        request.POST if request.method == "POST" else None,
        trust=meeting.committee.trust,
        people=people,
        initial=initial,
    )

    def save(data: dict[str, Any]) -> bool:
        for person, kind in people:
            status = data.get(AttendanceForm.key(person))
            record = records.get(person.pk)
            if status and (record is None or record.status != status):
                services.attendance_set(
                    actor=request.user, meeting=meeting, person=person, status=status, kind=kind
                )
        if data.get("person"):
            services.attendance_set(
                actor=request.user,
                meeting=meeting,
                person=data["person"],
                status=AttendanceStatus.PRESENT,
                kind=AttendeeKind.IN_ATTENDANCE,
            )
        return True

    if request.method == "POST" and submit(form, save):
        messages.success(request, "Attendance saved.")
        return redirect(_detail(pk, "attendance"))
    return _form_page(
        request,
        form,
        title="Record attendance",
        caption=str(meeting),
        submit_text="Save attendance",
        cancel=_detail(pk, "attendance"),
        intro="Quorum is checked for each item from the members recorded as present.",
        template="meetings/attendance.jinja",
        people=people,
    )


# Minutes (MTG-5) ------------------------------------------------------------------------


@require_POST
@trust_view("meetings.manage")
def minutes_draft(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    minutes = post_action(request, lambda: services.minutes_draft(actor=request.user, meeting=meeting))
    if minutes is None:
        return redirect(_detail(pk, "minutes"))
    messages.success(
        request, f"Draft minutes made from the record (version {minutes.version}). Check and edit them."
    )
    return redirect("meetings:minutes_edit", minutes.pk)


@trust_view("meetings.view")
def minutes_detail(request: HttpRequest, pk: int) -> HttpResponse:
    minutes = found(queries.minutes_in_trust, request, pk)
    paragraphs = [p.splitlines() for p in minutes.text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return render(
        request,
        "meetings/minutes_detail.jinja",
        {
            "title": f"Minutes, version {minutes.version}",
            "nav_section": SECTION,
            "minutes": minutes,
            "meeting": minutes.meeting,
            "paragraphs": paragraphs,
            "is_draft": minutes.status == MinutesStatus.DRAFT,
            "can_manage": can(request, "meetings.manage"),
        },
    )


@GET_POST
@trust_view("meetings.manage")
def minutes_edit(request: HttpRequest, pk: int) -> HttpResponse:
    minutes = found(queries.minutes_in_trust, request, pk)
    initial = {"text": minutes.text, "correction_note": minutes.correction_note}
    form = MinutesForm(request.POST if request.method == "POST" else None, initial=initial)
    if minutes.version == 1 and not minutes.correction_note:
        form.fields.pop("correction_note")
    if request.method == "POST":
        done = submit(form, lambda d: services.minutes_edit(actor=request.user, minutes=minutes, **d))
        if done:
            messages.success(request, f"Minutes saved (version {minutes.version}, draft).")
            return redirect("meetings:minutes_detail", minutes.pk)
    locked = minutes.status == MinutesStatus.APPROVED
    return _form_page(
        request,
        form,
        title=f"Edit the minutes, version {minutes.version}",
        caption=str(minutes.meeting),
        submit_text="Save minutes",
        cancel=reverse("meetings:minutes_detail", args=[minutes.pk]),
        intro="These minutes are approved and locked. Make a correction instead." if locked else "",
    )


@GET_POST
@trust_view("meetings.manage")
def minutes_approve(request: HttpRequest, pk: int) -> HttpResponse:
    minutes = found(queries.minutes_in_trust, request, pk)
    form = MinutesApproveForm(request.POST if request.method == "POST" else None, meeting=minutes.meeting)
    if request.method == "POST":
        done = submit(form, lambda d: services.minutes_approve(actor=request.user, minutes=minutes, **d))
        if done:
            messages.success(request, f"Minutes approved and locked (version {minutes.version}).")
            return redirect("meetings:minutes_detail", minutes.pk)
    intro = "Minutes are approved at a later meeting of the same committee."
    if not form.fields["at_meeting"].queryset.exists():  # type: ignore[attr-defined]
        intro += " No later meeting is scheduled yet: schedule it first."
    return _form_page(
        request,
        form,
        title=f"Approve the minutes, version {minutes.version}",
        caption=str(minutes.meeting),
        submit_text="Approve and lock",
        cancel=reverse("meetings:minutes_detail", args=[minutes.pk]),
        intro=intro,
    )


@GET_POST
@trust_view("meetings.manage")
def minutes_correct(request: HttpRequest, pk: int) -> HttpResponse:
    minutes = found(queries.minutes_in_trust, request, pk)
    form = MinutesForm(request.POST if request.method == "POST" else None, initial={"text": minutes.text})
    form.fields["text"].label = "Corrected minutes"
    if request.method == "POST":
        corrected = submit(form, lambda d: services.minutes_correct(actor=request.user, minutes=minutes, **d))
        if corrected:
            messages.success(request, f"Correction saved as version {corrected.version}, a draft to approve.")
            return redirect("meetings:minutes_detail", corrected.pk)
    return _form_page(
        request,
        form,
        title=f"Correct the minutes, version {minutes.version}",
        caption=str(minutes.meeting),
        submit_text="Save correction",
        cancel=reverse("meetings:minutes_detail", args=[minutes.pk]),
        intro="The approved version stays as it is. The correction is a new version, shown with its reason, "
        "and is approved at a later meeting.",
    )


# Actions (MTG-5) ------------------------------------------------------------------------


@GET_POST
@trust_view("meetings.manage")
def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = ActionForm(request.POST if request.method == "POST" else None, meeting=meeting)
    if request.method == "POST":
        action = submit(form, lambda d: services.action_add(actor=request.user, meeting=meeting, **d))
        if action:
            messages.success(request, f"Action added for {action.owner.name}.")
            return redirect(_detail(pk, "actions"))
    return _form_page(
        request,
        form,
        title="Add an action",
        caption=str(meeting),
        submit_text="Add action",
        cancel=_detail(pk, "actions"),
    )


@require_POST
@trust_view("meetings.view")
def action_complete(request: HttpRequest, pk: int) -> HttpResponse:
    """The action's owner or the governance lead marks it done (the service checks which)."""
    action = found(queries.action_in_trust, request, pk)
    back = _next_or(request, _detail(action.meeting_id, "actions"))
    done = post_action(request, lambda: services.action_complete(actor=request.user, action=action))
    if done:
        messages.success(request, f"Action marked as done: {done}.")
    return redirect(back)


# Calendars (MTG-7) ------------------------------------------------------------------------


def _calendar_response(
    request: HttpRequest, meetings: list[Meeting], name: str, filename: str
) -> HttpResponse:
    body = ical.calendar_bytes(
        meetings,
        name=name,
        link=lambda m: request.build_absolute_uri(reverse("meetings:meeting_detail", args=[m.pk])),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@trust_view("meetings.view")
def calendar(request: HttpRequest) -> HttpResponse:
    trust = Organisation.objects.only("name").get(pk=trust_id_of(request))
    meetings = queries.calendar_meetings(trust_id_of(request))
    return _calendar_response(request, meetings, f"{trust.name} meetings", "meetings.ics")


@trust_view("meetings.view")
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meetings = queries.calendar_meetings(trust_id_of(request), pk)
    if not meetings:
        raise Http404
    return _calendar_response(request, meetings, str(meetings[0]), f"meeting-{pk}.ics")
