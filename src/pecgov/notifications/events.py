"""What happened, and who must hear of it (NOT-1). Receivers of the apps' model and history
signals: each runs inside the transaction of the write that caused it, so an event that is
rolled back tells no one; the emails go once the write commits."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import timezone
from simple_history.signals import post_create_historical_record

from pecgov.appointments.enums import APPLICANT_HINTS, ApplicationStatus
from pecgov.appointments.models import Application
from pecgov.commissioning.enums import CaseStatus
from pecgov.commissioning.models import BusinessCase
from pecgov.interests.enums import Handling
from pecgov.interests.signals import Reminder, reminders_requested
from pecgov.meetings.enums import MinutesStatus
from pecgov.meetings.models import Action, Meeting, Minutes, Paper
from pecgov.meetings.queries import meeting_view
from pecgov.notifications import queries
from pecgov.notifications.enums import Kind
from pecgov.notifications.services import notify, queue_reminders

HANDLINGS = "; ".join(label.lower() for label in Handling.labels)


def _day(meeting: Meeting) -> dt.date:
    return timezone.localtime(meeting.starts_at).date()


def _when(meeting: Meeting) -> str:
    return f"{meeting.committee.name} on {timezone.localtime(meeting.starts_at):%-d %B %Y}"


def papers_changed(paper: Paper) -> None:
    """Papers out (MTG-1): the committee hears, and anyone flagged on a coming item learns it."""
    meeting = paper.item.meeting
    users = [
        u
        for u in queries.committee_users(meeting.committee_id, _day(meeting))
        if u.pk != paper.uploaded_by_id
    ]
    notify(
        users=users,
        kind=Kind.PAPERS,
        title=f"Papers published for the {_when(meeting)}",
        body=f"{paper.title} ({paper.item.title})",
        url=reverse("meetings:meeting_detail", args=[meeting.pk]),
        key=f"paper:{paper.pk}:{paper.uploaded_at.timestamp():.0f}",
        trust_id=meeting.committee.trust_id,
    )
    flags_for_meeting(meeting)


def flags_for_meeting(meeting: Meeting) -> int:
    """COI-2, COI-3, COI-8: each flagged member of a coming meeting is told why, once; the chair is
    told of every item whose conflicts still await a ruling. Returns notifications made."""
    if meeting.starts_at < timezone.now() or meeting.status == "cancelled":
        return 0
    view = meeting_view(meeting.committee.trust_id, meeting.pk)
    flagged = {person_id for row in view.rows for person_id in row.people}
    users = queries.users_of_people(flagged)
    chairs = queries.chair_users(meeting.committee_id, _day(meeting))
    made = 0
    for row in view.rows:
        url = reverse("conflicts:item_detail", args=[row.item.pk])
        for person_id, conflicts in row.people.items():
            why = "; ".join(sorted({c.explanation for c in conflicts}))
            made += len(
                notify(
                    users=[users[person_id]] if person_id in users else [],
                    kind=Kind.FLAGGED,
                    title=f"You are flagged on an item of the {_when(meeting)}",
                    summary="An interest you declared touches an item on the agenda. Sign in to see which and why.",
                    body=f"{row.item.title}: {why}. The chair may {HANDLINGS} (COI-3).",
                    url=url,
                    key=f"flagged:{row.item.pk}:{person_id}",
                    trust_id=meeting.committee.trust_id,
                )
            )
        if row.unhandled:
            made += len(
                notify(
                    users=chairs,
                    kind=Kind.CONFLICTS_AWAITING,
                    title=f"Conflicts await your ruling for the {_when(meeting)}",
                    summary="Members are flagged on an item: rule on each conflict before the item is decided.",
                    body=f"{row.item.title}: {', '.join(row.unhandled)}",
                    url=url,
                    key=f"awaiting:{row.item.pk}",
                    trust_id=meeting.committee.trust_id,
                )
            )
    return made


def _paper_saved(sender: Any, *, instance: Paper, **kwargs: Any) -> None:
    papers_changed(instance)


def _action_saved(sender: Any, *, instance: Action, created: bool, **kwargs: Any) -> None:
    owner = instance.owner
    if not created or owner.user_id is None:
        return
    notify(
        users=[owner.user] if owner.user else [],
        kind=Kind.ACTION_ASSIGNED,
        title=f"An action is assigned to you, due {instance.due_date:%-d %B %Y}",
        body=instance.description,
        url=reverse("meetings:meeting_detail", args=[instance.meeting_id]),
        key=f"action:{instance.pk}",
        trust_id=owner.trust_id,
    )


def _minutes_saved(sender: Any, *, instance: Minutes, created: bool, **kwargs: Any) -> None:
    if not created or instance.status != MinutesStatus.DRAFT:
        return
    meeting = instance.meeting
    notify(
        users=queries.committee_users(meeting.committee_id, timezone.localdate()),
        kind=Kind.MINUTES_READY,
        title=f"Draft minutes of the {_when(meeting)} are ready for approval",
        url=reverse("meetings:meeting_detail", args=[meeting.pk]),
        key=f"minutes:{instance.pk}",
        trust_id=meeting.committee.trust_id,
    )


def _case_recorded(sender: Any, *, history_instance: Any, **kwargs: Any) -> None:
    """PBC-2, PBC-4: the decider hears a case waits for them; the submitter hears each stage."""
    previous = history_instance.prev_record
    if previous is not None and previous.status == history_instance.status:
        return
    # The case just saved, as simple-history hands it over (no need to read it again).
    case = kwargs.get("instance")
    if not isinstance(case, BusinessCase) or case.pk != history_instance.id:
        case = BusinessCase.objects.select_related("submitted_by").get(pk=history_instance.id)
    url = reverse("commissioning:case_detail", args=[case.pk])
    status = CaseStatus(case.status)
    if previous is not None and case.submitted_by is not None:
        reason = f" Reason: {case.status_note}" if case.status_note else ""
        notify(
            users=[case.submitted_by],
            kind=Kind.CASE_STAGE,
            title=f"{case.reference} is now: {status.label}",
            body=f"{case.title}.{reason}",
            url=url,
            key=f"case:{case.pk}:{history_instance.history_id}",
            trust_id=case.trust_id,
        )
    deciders = []
    if status == CaseStatus.WITH_DIRECTOR:
        deciders = queries.executive_director_users(case.trust_id, timezone.localdate())
    elif status == CaseStatus.ON_AGENDA and case.committee_id is not None:
        deciders = queries.chair_users(case.committee_id, timezone.localdate())
    notify(
        users=deciders,
        kind=Kind.CASE_WAITING,
        title=f"{case.reference} waits for your decision",
        summary=f"A business case waits for your decision (target date {case.target_date:%-d %B %Y}).",
        body=case.title,
        url=url,
        key=f"case-waiting:{case.pk}:{history_instance.history_id}",
        trust_id=case.trust_id,
    )


def _application_recorded(sender: Any, *, history_instance: Any, **kwargs: Any) -> None:
    """APP-3: the applicant hears of each step, never of scores (APP-7)."""
    previous = history_instance.prev_record
    if previous is not None and previous.status == history_instance.status:
        return
    application = Application.objects.select_related("applicant", "campaign").get(pk=history_instance.id)
    status = ApplicationStatus(application.status)
    notify(
        users=[application.applicant],
        kind=Kind.APPLICATION,
        title=f"Your application: {status.label}",
        summary="There is news about your application. Sign in to see it.",
        body=APPLICANT_HINTS.get(status, ""),
        url=reverse("applicants:my_applications"),
        key=f"application:{application.pk}:{status}",
        trust_id=None,
    )


def _reminders_requested(sender: Any, *, trust: Any, reminders: list[Reminder], **kwargs: Any) -> int:
    """COI-1: the lead's reminders go through the outbox like every other email (NOT-2)."""
    return queue_reminders(trust_id=trust.pk, reminders=reminders)


def connect() -> None:
    reminders_requested.connect(_reminders_requested, dispatch_uid="notifications.reminders")
    post_save.connect(_paper_saved, sender=Paper, dispatch_uid="notifications.paper")
    post_save.connect(_action_saved, sender=Action, dispatch_uid="notifications.action")
    post_save.connect(_minutes_saved, sender=Minutes, dispatch_uid="notifications.minutes")
    post_create_historical_record.connect(
        _case_recorded, sender=BusinessCase.history.model, dispatch_uid="notifications.case"
    )
    post_create_historical_record.connect(
        _application_recorded, sender=Application.history.model, dispatch_uid="notifications.application"
    )
