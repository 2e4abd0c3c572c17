"""What happened at a meeting, over the API (PUB-2; MTG-2 to MTG-5, COI-3, COI-5): each item,
its papers (with the file), attendance, votes, minutes, actions and the Board's decisions.

The same permission as the pages ("meetings.view": every user of the trust) and the same
lookups (pecgov.meetings.queries): another trust's meeting, item, paper, minutes or action is 404.
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Query, Schema
from ninja.pagination import paginate

from pecgov.api import versions
from pecgov.api.listing import Paged, Rows, ordered
from pecgov.meetings.api import base
from pecgov.meetings.api.base import router
from pecgov.meetings.api.versioned import item_values, minutes_values
from pecgov.meetings.models import Action, AgendaItem, Attendance, BoardDecision, Minutes, Paper, Vote
from pecgov.meetings.papers import paper_file


class AgendaItemOut(Schema):
    id: int
    meeting_id: int
    number: int
    title: str
    kind: str
    description: str
    affected_ids: list[int]
    confidential: bool
    confidential_reason: str
    outcome: str
    contribution: str
    reasons: str
    evidence: str
    changes_made: str
    decided_on: dt.date | None
    paper_ids: list[int]


class PaperOut(Schema):
    id: int
    item_id: int
    title: str
    content_type: str
    size: int
    uploaded_at: dt.datetime
    download: str


class AttendanceOut(Schema):
    id: int
    person_id: int
    person: str
    kind: str
    status: str


class VoteOut(Schema):
    id: int
    item_id: int
    person_id: int
    person: str
    choice: str
    struck: bool
    struck_reason: str


class MinutesOut(Schema):
    id: int
    meeting_id: int
    version: int
    status: str
    text: str
    approved_at_meeting_id: int | None
    approved_on: dt.date | None
    correction_note: str


class ActionOut(Schema):
    id: int
    meeting_id: int
    item_id: int | None
    description: str
    owner_id: int
    owner: str
    due_date: dt.date
    done_on: dt.date | None


class BoardDecisionOut(Schema):
    id: int
    item_id: int
    meeting_id: int
    title: str
    decided_on: dt.date
    outcome: str
    conflicts_considered: bool
    note: str


def item_out(item: Any) -> dict[str, Any]:
    return {
        **{f: getattr(item, f) for f in AgendaItemOut.model_fields if hasattr(item, f)},
        "affected_ids": [o.pk for o in item.affected.all()],
        "paper_ids": [p.pk for p in item.papers.all()],
    }


def paper_out(paper: Paper) -> dict[str, Any]:
    return {
        "id": paper.pk,
        "item_id": paper.item_id,
        "title": paper.title,
        "content_type": paper.content_type,
        "size": paper.size,
        "uploaded_at": paper.uploaded_at,
        "download": reverse("api-1.0.0:download_paper", kwargs={"paper_id": paper.pk}),
    }


def vote_out(vote: Vote) -> dict[str, Any]:
    return {
        "id": vote.pk,
        "item_id": vote.item_id,
        "person_id": vote.person_id,
        "person": vote.person.name,
        "choice": vote.choice,
        "struck": vote.is_struck,
        "struck_reason": vote.struck_reason,
    }


def attendance_out(record: Attendance) -> dict[str, Any]:
    return {
        "id": record.pk,
        "person_id": record.person_id,
        "person": record.person.name,
        "kind": record.kind,
        "status": record.status,
    }


def action_out(action: Action) -> dict[str, Any]:
    return {
        "id": action.pk,
        "meeting_id": action.meeting_id,
        "item_id": action.item_id,
        "description": action.description,
        "owner_id": action.owner_id,
        "owner": action.owner.name,
        "due_date": action.due_date,
        "done_on": action.done_on,
    }


@router.get("/items/{item_id}", response=AgendaItemOut, openapi_extra=versions.ETAG_DOC)
def get_item(request: HttpRequest, item_id: int, response: HttpResponse) -> Any:
    """One agenda item (MTG-1, MTG-3): its kind, the organisations it affects, whether it is
    taken in private and why, and what was decided. The ETag is for If-Match on an edit (X-5)."""
    item = base.item(request, item_id)
    versions.tag(response, item_values(item))
    return item_out(item)


@router.get("/meetings/{meeting_id}/items", response=list[AgendaItemOut])
def list_items(request: HttpRequest, meeting_id: int) -> Any:
    """The meeting's agenda in order (MTG-1), items taken in private included and marked."""
    meeting = base.meeting(request, meeting_id)
    items = (
        AgendaItem.objects.filter(meeting=meeting).prefetch_related("affected", "papers").order_by("number")
    )
    return [item_out(i) for i in items]


@router.get("/items/{item_id}/papers", response=list[PaperOut])
def list_item_papers(request: HttpRequest, item_id: int) -> Any:
    """The item's papers, oldest first, each with the address to download it."""
    item = base.item(request, item_id)
    return [paper_out(p) for p in Paper.objects.filter(item=item).order_by("id")]


@router.get("/papers/{paper_id}", response=PaperOut)
def get_paper(request: HttpRequest, paper_id: int) -> Any:
    return paper_out(base.paper(request, paper_id))


@router.get("/papers/{paper_id}/download", response={200: bytes})
def download_paper(request: HttpRequest, paper_id: int) -> Any:
    """The paper's file, typed from the extension the upload policy allowed (as the page does)."""
    return paper_file(base.paper(request, paper_id))


@router.get("/meetings/{meeting_id}/attendance", response=list[AttendanceOut])
def list_attendance(request: HttpRequest, meeting_id: int) -> Any:
    """Who attended (MTG-2): members and those in attendance, by name."""
    meeting = base.meeting(request, meeting_id)
    records = (
        Attendance.objects.filter(meeting=meeting).select_related("person").order_by("person__name", "id")
    )
    return [attendance_out(a) for a in records]


@router.get("/items/{item_id}/votes", response=list[VoteOut])
def list_votes(request: HttpRequest, item_id: int) -> Any:
    """The votes on an item (COI-3), struck votes included and marked, by name."""
    item = base.item(request, item_id)
    votes = Vote.objects.filter(item=item).select_related("person").order_by("person__name", "id")
    return [vote_out(v) for v in votes]


@router.get("/meetings/{meeting_id}/minutes", response=list[MinutesOut])
def list_minutes(request: HttpRequest, meeting_id: int) -> Any:
    """Every version of the meeting's minutes (MTG-5), newest first: drafts and approved."""
    meeting = base.meeting(request, meeting_id)
    return list(Minutes.objects.filter(meeting=meeting).order_by("-version"))


@router.get("/minutes/{minutes_id}", response=MinutesOut, openapi_extra=versions.ETAG_DOC)
def get_minutes(request: HttpRequest, minutes_id: int, response: HttpResponse) -> Any:
    """One version of the minutes (MTG-5); the ETag is for If-Match on an edit or a correction (X-5)."""
    minutes = base.minutes(request, minutes_id)
    versions.tag(response, minutes_values(minutes))
    return minutes


class ActionFilter(Schema):
    meeting: int | None = None
    owner: int | None = None
    open: bool | None = None
    ordering: str = "due_date"


ACTION_ORDER = {"due_date": "due_date", "meeting": "meeting__starts_at", "owner": "owner__name"}


@router.get("/actions", response=list[ActionOut])
@paginate(Paged)
def list_actions(request: HttpRequest, filters: Query[ActionFilter]) -> Any:
    """The trust's actions (MTG-5); `open` true for those not done, false for those done."""
    qs = Action.objects.filter(meeting__committee__trust_id=base.trust_id(request)).select_related("owner")
    if filters.meeting is not None:
        qs = qs.filter(meeting_id=filters.meeting)
    if filters.owner is not None:
        qs = qs.filter(owner_id=filters.owner)
    if filters.open is not None:
        qs = qs.filter(done_on__isnull=filters.open)
    return Rows(ordered(qs, filters.ordering, ACTION_ORDER, "due_date"), action_out)


@router.get("/board-decisions", response=list[BoardDecisionOut])
@paginate(Paged)
def list_board_decisions(request: HttpRequest, ordering: str = "-decided_on") -> Any:
    """The Board's decisions on the PEC's recommendations (COI-5), newest first."""
    qs = BoardDecision.objects.filter(
        item__meeting__committee__trust_id=base.trust_id(request)
    ).select_related("item")
    return Rows(
        ordered(qs, ordering, {"decided_on": "decided_on"}, "-decided_on"),
        lambda b: {
            "id": b.pk,
            "item_id": b.item_id,
            "meeting_id": b.item.meeting_id,
            "title": b.item.title,
            "decided_on": b.decided_on,
            "outcome": b.outcome,
            "conflicts_considered": b.conflicts_considered,
            "note": b.note,
        },
    )
