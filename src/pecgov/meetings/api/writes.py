"""The meeting forms over the API (PUB-2): schedule a meeting, add an item, record attendance,
conflict handling, votes, the decision and the Board's decision, draft, edit and approve the
minutes, add and complete actions.

Each write calls the service the form calls (pecgov.meetings.services), so the permission, the
validation, the history and the audit event are the form's: a broken rule is 422 with a field
map and saves nothing; a role that may not is 403; another trust's object is 404. A repeat sent
with the same Idempotency-Key is answered once (X-5); attendance, votes and conflict handling
are set, not added, so a repeat changes nothing.
"""

import datetime as dt
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from ninja import Schema, Status

from pecgov.actors import require
from pecgov.api import versions as etags
from pecgov.api.auth import WRITE_AUTH
from pecgov.api.listing import fields_as
from pecgov.errors import DomainError
from pecgov.interests.models import Declaration
from pecgov.meetings import services
from pecgov.meetings.api import base
from pecgov.meetings.api.agenda import MeetingOut
from pecgov.meetings.api.base import router
from pecgov.meetings.api.records import (
    ActionOut,
    AgendaItemOut,
    AttendanceOut,
    MinutesOut,
    action_out,
    attendance_out,
    item_out,
    vote_out,
)
from pecgov.meetings.api.records import VoteOut as VoteRecordOut
from pecgov.meetings.api.versioned import IF_MATCH, MINUTES_LABELS, minutes_values
from pecgov.meetings.conflicts.services import concern_raise, conflict_record, statement_send
from pecgov.meetings.enums import AttendeeKind
from pecgov.meetings.models import AgendaItem, Meeting, Minutes
from pecgov.trust.models import Committee, Organisation

LEAD_ONLY = "Only the trust's governance lead can do this."
CHAIR_ONLY = "Only the chair of the committee (or the governance lead for them) can do this."


class MeetingIn(Schema):
    committee_id: int | None = None
    starts_at: dt.datetime | None = None
    location: str = ""
    public: bool = True


class ItemIn(Schema):
    title: str = ""
    kind: str = ""
    description: str = ""
    affected_ids: list[int] = []
    confidential: bool = False
    confidential_reason: str = ""


class AttendanceIn(Schema):
    person_id: int | None = None
    status: str = ""
    kind: str = AttendeeKind.MEMBER


class ConflictIn(Schema):
    person_id: int | None = None
    handling: str = ""
    interest: str = ""
    reason: str = ""
    declaration_id: int | None = None
    ruled_by_id: int | None = None
    referred_to: str = ""
    referral_advice: str = ""
    referred_on: dt.date | None = None


class ConflictRecordOut(Schema):
    id: int
    item_id: int
    person_id: int
    handling: str
    interest: str
    reason: str


class VoteIn(Schema):
    person_id: int | None = None
    choice: str = ""


class DecisionIn(Schema):
    outcome: str = ""
    contribution: str = ""
    reasons: str = ""
    evidence: str = ""
    changes_made: str = ""


class BoardDecisionIn(Schema):
    decided_on: dt.date | None = None
    outcome: str = ""
    conflicts_considered: bool = False
    note: str = ""


class BoardDecisionRecordOut(Schema):
    id: int
    item_id: int
    decided_on: dt.date
    outcome: str
    conflicts_considered: bool
    note: str


class MinutesEditIn(Schema):
    text: str = ""
    correction_note: str = ""


class MinutesApproveIn(Schema):
    at_meeting_id: int | None = None


class ActionIn(Schema):
    description: str = ""
    owner_id: int | None = None
    due_date: dt.date | None = None
    item_id: int | None = None


class ActionDoneIn(Schema):
    done_on: dt.date | None = None


def _lead(request: HttpRequest) -> int:
    """The caller's trust, if they are its governance lead (the forms' "meetings.manage")."""
    return base.trust_id(request, "meetings.manage")


@router.post("/meetings", response={201: MeetingOut}, auth=WRITE_AUTH)
def create_meeting(request: HttpRequest, payload: MeetingIn) -> Any:
    """Schedule a meeting of one of the trust's committees (MTG-1); governance lead only."""
    trust = _lead(request)
    committee = Committee.objects.filter(pk=payload.committee_id or 0, trust_id=trust).first()
    if committee is None:
        raise DomainError({"committee_id": "Select one of the trust's committees"})
    meeting = services.meeting_create(
        actor=request.user,
        committee=committee,
        starts_at=payload.starts_at,
        location=payload.location,
        public=payload.public,
    )
    return Status(201, Meeting.objects.select_related("committee").get(pk=meeting.pk))


@router.post("/meetings/{meeting_id}/items", response={201: AgendaItemOut}, auth=WRITE_AUTH)
def create_item(request: HttpRequest, meeting_id: int, payload: ItemIn) -> Any:
    """Add an item to the agenda (MTG-1): its kind, the organisations it affects and, for an item
    taken in private, the reason (PUB-1)."""
    trust = _lead(request)
    meeting = base.meeting(request, meeting_id)
    affected = list(Organisation.objects.filter(pk__in=payload.affected_ids, trust_id=trust))
    if len(affected) != len(set(payload.affected_ids)):
        raise DomainError({"affected_ids": "Select organisations of this trust"})
    with fields_as({"affected": "affected_ids"}):
        item = services.item_add(
            actor=request.user,
            meeting=meeting,
            title=payload.title,
            kind=payload.kind,
            description=payload.description,
            affected=affected,
            confidential=payload.confidential,
            confidential_reason=payload.confidential_reason,
        )
    return Status(201, item_out(AgendaItem.objects.prefetch_related("affected", "papers").get(pk=item.pk)))


@router.post("/meetings/{meeting_id}/attendance", response={200: AttendanceOut}, auth=WRITE_AUTH)
def set_attendance(request: HttpRequest, meeting_id: int, payload: AttendanceIn) -> Any:
    """Record whether one person attended (MTG-2): the committee's chair or the governance lead.
    Setting the same status again changes nothing."""
    meeting = base.meeting(request, meeting_id)
    require(
        request.user,
        "meetings.record_attendance",
        meeting,
        message="Only the chair of the committee or the governance lead can record attendance.",
    )
    person = base.person_in(meeting.committee.trust_id, payload.person_id)
    if person is None:
        raise DomainError({"person_id": "Select a person in this trust"})
    record = services.attendance_set(
        actor=request.user, meeting=meeting, person=person, status=payload.status, kind=payload.kind
    )
    return attendance_out(record)


@router.post("/items/{item_id}/conflicts", response={200: ConflictRecordOut}, auth=WRITE_AUTH)
def record_conflict(request: HttpRequest, item_id: int, payload: ConflictIn) -> Any:
    """Record how one person's conflict on the item is handled (COI-3); no one rules on their
    own conflict (COI-8). Recording it again replaces the handling."""
    item = base.item(request, item_id)
    require(request.user, "meetings.chair", item.meeting, message=CHAIR_ONLY)
    trust = item.meeting.committee.trust_id
    person = base.person_in(trust, payload.person_id)
    if person is None:
        raise DomainError({"person_id": "Select a person in this trust"})
    declaration = None
    if payload.declaration_id is not None:
        declaration = Declaration.objects.filter(pk=payload.declaration_id, person__trust_id=trust).first()
        if declaration is None:
            raise DomainError({"declaration_id": "Select one of this person's declarations"})
    ruled_by = base.person_in(trust, payload.ruled_by_id)
    if payload.ruled_by_id is not None and ruled_by is None:
        raise DomainError({"ruled_by_id": "Select a person in this trust"})
    with fields_as({"person": "person_id", "declaration": "declaration_id", "ruled_by": "ruled_by_id"}):
        record = conflict_record(
            actor=request.user,
            item=item,
            person=person,
            handling=payload.handling,
            interest=payload.interest,
            reason=payload.reason,
            declaration=declaration,
            ruled_by=ruled_by,
            referred_to=payload.referred_to,
            referral_advice=payload.referral_advice,
            referred_on=payload.referred_on,
        )
    return record


@router.post("/items/{item_id}/votes", response={200: VoteRecordOut}, auth=WRITE_AUTH)
def record_vote(request: HttpRequest, item_id: int, payload: VoteIn) -> Any:
    """Record a member's vote (COI-3): a member excluded by a conflict cannot vote; voting again
    replaces the vote."""
    item = base.item(request, item_id)
    require(request.user, "meetings.chair", item.meeting, message=CHAIR_ONLY)
    person = base.person_in(item.meeting.committee.trust_id, payload.person_id)
    if person is None:
        raise DomainError({"person_id": "Select a member of this committee"})
    with fields_as({"person": "person_id"}):
        vote = services.vote_record(actor=request.user, item=item, person=person, choice=payload.choice)
    return vote_out(vote)


@router.post("/items/{item_id}/decision", response={200: AgendaItemOut}, auth=WRITE_AUTH)
def decide_item(request: HttpRequest, item_id: int, payload: DecisionIn) -> Any:
    """Record what the committee decided and why (MTG-3, MTG-4): refused while a conflict is
    unhandled or the meeting is not quorate (COI-3); a decided item cannot be decided again."""
    item = base.item(request, item_id)
    require(request.user, "meetings.chair", item.meeting, message=CHAIR_ONLY)
    services.item_decide(actor=request.user, item=item, **payload.model_dump())
    return item_out(AgendaItem.objects.prefetch_related("affected", "papers").get(pk=item.pk))


@router.post("/items/{item_id}/board-decision", response={201: BoardDecisionRecordOut}, auth=WRITE_AUTH)
def record_board_decision(request: HttpRequest, item_id: int, payload: BoardDecisionIn) -> Any:
    """Record the Board's decision on a recommendation (COI-5); governance lead only, once."""
    _lead(request)
    item = base.item(request, item_id)
    return Status(201, services.board_decision_record(actor=request.user, item=item, **payload.model_dump()))


@router.post("/meetings/{meeting_id}/minutes", response={201: MinutesOut}, auth=WRITE_AUTH)
def draft_minutes(request: HttpRequest, meeting_id: int) -> Any:
    """Draft the minutes from the record (MTG-5); refused while a draft exists."""
    _lead(request)
    return Status(201, services.minutes_draft(actor=request.user, meeting=base.meeting(request, meeting_id)))


@router.post(
    "/minutes/{minutes_id}", response={200: MinutesOut}, auth=WRITE_AUTH, openapi_extra=etags.ETAG_DOC
)
def edit_minutes(
    request: HttpRequest,
    minutes_id: int,
    payload: MinutesEditIn,
    response: HttpResponse,
    if_match: str = IF_MATCH,
) -> Any:
    """Edit draft minutes; approved minutes are locked (MTG-5): correct them instead. With
    If-Match (the ETag of your read), an edit of a version someone changed since is 412 with
    what changed, and nothing is saved (X-5)."""
    _lead(request)
    minutes = base.minutes(request, minutes_id)
    with transaction.atomic():
        locked = Minutes.objects.select_for_update().select_related("meeting__committee").get(pk=minutes.pk)
        etags.check(if_match, minutes_values(locked), MINUTES_LABELS)
        saved = services.minutes_edit(
            actor=request.user, minutes=locked, text=payload.text, correction_note=payload.correction_note
        )
    etags.tag(response, minutes_values(saved))
    return saved


@router.post("/minutes/{minutes_id}/approve", response={200: MinutesOut}, auth=WRITE_AUTH)
def approve_minutes(request: HttpRequest, minutes_id: int, payload: MinutesApproveIn) -> Any:
    """Approve the minutes at a later meeting of the same committee, which locks them (MTG-5)."""
    trust = _lead(request)
    minutes = base.minutes(request, minutes_id)
    at = Meeting.objects.filter(pk=payload.at_meeting_id or 0, committee__trust_id=trust).first()
    if at is None:
        raise DomainError({"at_meeting_id": "Select the later meeting that approved them"})
    with fields_as({"at_meeting": "at_meeting_id"}):
        return services.minutes_approve(actor=request.user, minutes=minutes, at_meeting=at)


@router.post("/meetings/{meeting_id}/actions", response={201: ActionOut}, auth=WRITE_AUTH)
def create_action(request: HttpRequest, meeting_id: int, payload: ActionIn) -> Any:
    """Add an action with its owner and due date (MTG-5); governance lead only."""
    trust = _lead(request)
    meeting = base.meeting(request, meeting_id)
    item = None
    if payload.item_id is not None:
        item = AgendaItem.objects.filter(pk=payload.item_id, meeting=meeting).first()
        if item is None:
            raise DomainError({"item_id": "Select an item of this meeting"})
    with fields_as({"owner": "owner_id", "item": "item_id"}):
        action = services.action_add(
            actor=request.user,
            meeting=meeting,
            description=payload.description,
            owner=base.person_in(trust, payload.owner_id),
            due_date=payload.due_date,
            item=item,
        )
    return Status(201, action_out(action))


@router.post("/actions/{action_id}/complete", response={200: ActionOut}, auth=WRITE_AUTH)
def complete_action(request: HttpRequest, action_id: int, payload: ActionDoneIn) -> Any:
    """Mark an action done (MTG-5): its owner or the governance lead."""
    action = base.action(request, action_id)
    return action_out(services.action_complete(actor=request.user, action=action, done_on=payload.done_on))


class ConcernIn(Schema):
    text: str = ""


class ConcernOut(Schema):
    id: int
    item_id: int
    raised_by_id: int
    text: str
    raised_at: dt.datetime


class StatementVersionOut(Schema):
    item_id: int
    version: int
    frozen_at: dt.datetime
    reason: str
    sha256: str


@router.post("/items/{item_id}/concerns", response={201: ConcernOut}, auth=WRITE_AUTH)
def raise_concern(request: HttpRequest, item_id: int, payload: ConcernIn) -> Any:
    """A committee member records a concern that a conflict on the item was not handled well
    (COI-4); it is shown on the item and in the statement to the Board, with their name."""
    item = base.item(request, item_id)
    require(
        request.user,
        "meetings.raise_concern",
        item.meeting,
        message="Only members of the committee can record a concern.",
    )
    return Status(201, concern_raise(actor=request.user, item=item, text=payload.text))


@router.post("/items/{item_id}/statement/send", response={201: StatementVersionOut}, auth=WRITE_AUTH)
def send_statement(request: HttpRequest, item_id: int) -> Any:
    """Mark the statement to the Board sent: it is frozen as it stands, as a new version with its
    SHA-256 (COI-5). Only a decided recommendation; refused if nothing changed since the last
    version. Governance lead only."""
    _lead(request)
    return Status(201, statement_send(actor=request.user, item=base.item(request, item_id)))
