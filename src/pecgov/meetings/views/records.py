"""Attendance, minutes and actions (MTG-2, MTG-5). Thin views: parse, call a service, redirect
or render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from pecgov.errors import DomainError
from pecgov.meetings import queries, services
from pecgov.meetings.enums import AttendanceStatus, AttendeeKind, MinutesStatus
from pecgov.meetings.forms import ActionForm, AttendanceForm, MinutesApproveForm, MinutesForm
from pecgov.meetings.models import Attendance
from pecgov.meetings.views.common import SECTION, detail_url, meeting_form_page, meeting_or_404, next_or
from pecgov.trust.models import Person
from pecgov.ui.viewkit import GET_POST, can, form_view, found, post_action, posted, trust_view


@GET_POST
@trust_view("meetings.view")
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """Who attended (MTG-2): the governance lead, or the committee's own chair."""
    meeting = meeting_or_404(request, pk)
    if not request.user.has_perm("meetings.record_attendance", meeting):
        raise PermissionDenied
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
        posted(request),
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

    return form_view(
        request,
        form,
        save=save,
        done=lambda _: "Attendance saved.",
        then=lambda _: detail_url(pk, "attendance"),
        page=meeting_form_page,
        title="Record attendance",
        caption=str(meeting),
        submit_text="Save attendance",
        cancel=detail_url(pk, "attendance"),
        intro="Quorum is checked for each item from the members recorded as present.",
        template="meetings/attendance.jinja",
        people=people,
    )


# Minutes (MTG-5) ------------------------------------------------------------------------


@require_POST
@trust_view("meetings.manage")
def minutes_draft(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    minutes = post_action(request, lambda: services.minutes_draft(actor=request.user, meeting=meeting))
    if minutes is None:
        return redirect(detail_url(pk, "minutes"))
    messages.success(
        request, f"Draft minutes made from the record (version {minutes.version}). Check and edit them."
    )
    return redirect("meetings:minutes_edit", minutes.pk)


def _minutes_page(
    request: HttpRequest, minutes: Any, *, locked_errors: list[dict[str, str]], status: int
) -> HttpResponse:
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
            "locked_errors": locked_errors,
        },
        status=status,
    )


@trust_view("meetings.view")
def minutes_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _minutes_page(request, found(queries.minutes_in_trust, request, pk), locked_errors=[], status=200)


@GET_POST
@trust_view("meetings.manage")
def minutes_edit(request: HttpRequest, pk: int) -> HttpResponse:
    minutes = found(queries.minutes_in_trust, request, pk)
    if minutes.status == MinutesStatus.APPROVED:
        # MTG-5: approved minutes are locked: the page shows them and the way to correct them; a
        # posted edit gets the service's refusal.
        refused = request.method == "POST"
        errors: list[dict[str, str]] = []
        if refused:
            try:
                services.minutes_edit(actor=request.user, minutes=minutes, text=request.POST.get("text", ""))
            except DomainError as error:
                errors = [{"text": str(m), "href": "#minutes-text"} for m in error.messages]
        return _minutes_page(request, minutes, locked_errors=errors, status=400 if refused else 200)
    initial = {"text": minutes.text, "correction_note": minutes.correction_note}
    form = MinutesForm(posted(request), initial=initial)
    if minutes.version == 1 and not minutes.correction_note:
        form.fields.pop("correction_note")
    return form_view(
        request,
        form,
        save=lambda d: services.minutes_edit(actor=request.user, minutes=minutes, **d),
        done=lambda _: f"Minutes saved (version {minutes.version}, draft).",
        then=lambda _: reverse("meetings:minutes_detail", args=[minutes.pk]),
        page=meeting_form_page,
        title=f"Edit the minutes, version {minutes.version}",
        caption=str(minutes.meeting),
        submit_text="Save minutes",
        cancel=reverse("meetings:minutes_detail", args=[minutes.pk]),
    )


@GET_POST
@trust_view("meetings.manage")
def minutes_approve(request: HttpRequest, pk: int) -> HttpResponse:
    minutes = found(queries.minutes_in_trust, request, pk)
    form = MinutesApproveForm(posted(request), meeting=minutes.meeting)
    intro = "Minutes are approved at a later meeting of the same committee."
    if not form.fields["at_meeting"].queryset.exists():  # type: ignore[attr-defined]
        intro += " No later meeting is scheduled yet: schedule it first."
    return form_view(
        request,
        form,
        save=lambda d: services.minutes_approve(actor=request.user, minutes=minutes, **d),
        done=lambda _: f"Minutes approved and locked (version {minutes.version}).",
        then=lambda _: reverse("meetings:minutes_detail", args=[minutes.pk]),
        page=meeting_form_page,
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
    form = MinutesForm(posted(request), initial={"text": minutes.text})
    form.fields["text"].label = "Corrected minutes"
    return form_view(
        request,
        form,
        save=lambda d: services.minutes_correct(actor=request.user, minutes=minutes, **d),
        done=lambda corrected: f"Correction saved as version {corrected.version}, a draft to approve.",
        then=lambda corrected: reverse("meetings:minutes_detail", args=[corrected.pk]),
        page=meeting_form_page,
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
    meeting = meeting_or_404(request, pk)
    form = ActionForm(posted(request), meeting=meeting)
    return form_view(
        request,
        form,
        save=lambda d: services.action_add(actor=request.user, meeting=meeting, **d),
        done=lambda action: f"Action added for {action.owner.name}.",
        then=lambda _: detail_url(pk, "actions"),
        page=meeting_form_page,
        title="Add an action",
        caption=str(meeting),
        submit_text="Add action",
        cancel=detail_url(pk, "actions"),
    )


@require_POST
@trust_view("meetings.view")
def action_complete(request: HttpRequest, pk: int) -> HttpResponse:
    """The action's owner or the governance lead marks it done (the service checks which)."""
    action = found(queries.action_in_trust, request, pk)
    back = next_or(request, detail_url(action.meeting_id, "actions"))
    done = post_action(request, lambda: services.action_complete(actor=request.user, action=action))
    if done:
        messages.success(request, f"Action marked as done: {done}.")
    return redirect(back)
