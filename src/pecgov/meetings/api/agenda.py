"""Meetings, agenda items, conflicts and statements over the API (PUB-2; MTG-1, COI-2, COI-5).

Same scoping and permissions as the pages: trust users read; another trust's
objects are 404.
"""

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from pecgov.api import versions as etags
from pecgov.api.listing import Order, Paged
from pecgov.meetings import queries
from pecgov.meetings.api.base import router, trust_id
from pecgov.meetings.api.versioned import meeting_values
from pecgov.meetings.conflicts.statement import build, versions
from pecgov.meetings.enums import ItemKind
from pecgov.meetings.models import AgendaItem, Meeting

_trust_id = trust_id


class MeetingOut(Schema):
    id: int
    committee_id: int
    committee: str
    starts_at: dt.datetime
    location: str
    status: str
    public: bool

    @staticmethod
    def resolve_status(obj: Any) -> str:
        """The derived state (MTG-1): the same one the pages and the calendar show."""
        return str(obj["status"] if isinstance(obj, dict) else obj.state)

    @staticmethod
    def resolve_committee(obj: Any) -> str:
        return str(obj["committee"] if isinstance(obj, dict) else obj.committee.name)


class ItemOut(Schema):
    id: int
    number: int
    title: str
    kind: str
    description: str
    affected_ids: list[int]
    outcome: str
    contribution: str
    reasons: str
    evidence: str
    conflicts_screened: int
    conflicts_handled: int
    quorate: bool | None
    quorum: str


class MeetingDetailOut(MeetingOut):
    items: list[ItemOut]


class ConflictOut(Schema):
    person_id: int
    name: str
    category: str
    declaration_id: int | None
    affected_id: int
    explanation: str
    handling: str | None
    handling_reason: str


class ItemConflictsOut(Schema):
    item_id: int
    quorum: str | None
    conflicts: list[ConflictOut]


class StatementConflictOut(Schema):
    person: str
    interest: str
    handling: str
    reason: str


class StatementOut(Schema):
    item_id: int
    committee: str
    meeting_starts_at: dt.datetime
    title: str
    outcome: str
    reasons: str
    evidence: str
    summary: str
    conflicts: list[StatementConflictOut]
    concerns: list[str]
    board_outcome: str | None
    board_considered_conflicts: bool | None
    # The latest version sent to the Board (COI-5), as the page and the PDF show it; None before.
    version: int | None = None
    sha256: str | None = None
    pdf_sha256: str | None = None


def _row_out(row: queries.ItemRow) -> dict[str, Any]:
    item = row.item
    return {
        "id": item.pk,
        "number": item.number,
        "title": item.title,
        "kind": item.kind,
        "description": item.description,
        "affected_ids": [o.pk for o in item.affected.all()],
        "outcome": item.outcome,
        "contribution": item.contribution,
        "reasons": item.reasons,
        "evidence": item.evidence,
        "conflicts_screened": len({c.person_id for c in row.conflicts}),
        "conflicts_handled": len(row.handled),
        "quorate": row.quorum.quorate if row.quorum else None,
        "quorum": row.quorum_label,
    }


class MeetingFilter(Schema):
    committee: int | None = None
    upcoming: bool | None = None


MEETING_ORDER = Order({"starts_at": "starts_at", "committee": "committee__name"}, "-starts_at")


@router.get("/meetings", response=list[MeetingOut])
@paginate(Paged, order=MEETING_ORDER)
def list_meetings(request: HttpRequest, filters: Query[MeetingFilter]) -> Any:
    """The trust's meetings (MTG-1), newest first; `upcoming` true or false for the calendar's
    halves; `ordering` is starts_at or committee (- in front to reverse)."""
    return queries.meetings(_trust_id(request), committee_id=filters.committee, upcoming=filters.upcoming)


@router.get("/meetings/{meeting_id}", response=MeetingDetailOut, openapi_extra=etags.ETAG_DOC)
def get_meeting(request: HttpRequest, meeting_id: int, response: HttpResponse) -> Any:
    """One meeting and its agenda (MTG-1); the ETag is for If-Match on an edit (X-5)."""
    try:
        view = queries.meeting_view(_trust_id(request), meeting_id)
    except Meeting.DoesNotExist as error:
        raise Http404 from error
    m = view.meeting
    etags.tag(response, meeting_values(m))
    return {
        "id": m.pk,
        "committee_id": m.committee_id,
        "committee": m.committee.name,
        "starts_at": m.starts_at,
        "location": m.location,
        "status": m.state,
        "public": m.public,
        "items": [_row_out(r) for r in view.rows],
    }


def _item(request: HttpRequest, item_id: int) -> AgendaItem:
    try:
        return AgendaItem.objects.select_related(
            "meeting", "meeting__committee", "meeting__committee__trust"
        ).get(pk=item_id, meeting__committee__trust_id=_trust_id(request))
    except AgendaItem.DoesNotExist as error:
        raise Http404 from error


@router.get("/items/{item_id}/conflicts", response=ItemConflictsOut)
def get_item_conflicts(request: HttpRequest, item_id: int) -> Any:
    """Who is conflicted on this item, why, and how the chair handled it (COI-2, COI-3)."""
    row = queries.item_row(_item(request, item_id))
    conflicts = []
    for c in row.conflicts:
        handled = row.handled.get(c.person_id)
        conflicts.append(
            {
                "person_id": c.person_id,
                "name": c.name,
                "category": c.category,
                "declaration_id": c.declaration_id,
                "affected_id": c.affected_id,
                "explanation": c.explanation,
                "handling": handled.handling if handled else None,
                "handling_reason": handled.reason if handled else "",
            }
        )
    return {
        "item_id": item_id,
        "quorum": row.quorum.explanation if row.quorum else None,
        "conflicts": conflicts,
    }


@router.get("/items/{item_id}/statement", response=StatementOut)
def get_item_statement(request: HttpRequest, item_id: int) -> Any:
    """The statement to the Board for a recommendation (COI-5), from the record."""
    item = _item(request, item_id)
    if item.kind != ItemKind.RECOMMENDATION:
        raise HttpError(404, "Statements are made for recommendations to the Board only")
    s = build(item)
    board = getattr(item, "board_decision", None)
    latest = next(iter(versions(item)), None)
    return {
        "item_id": item.pk,
        "committee": item.meeting.committee.name,
        "meeting_starts_at": item.meeting.starts_at,
        "title": item.title,
        "outcome": item.outcome,
        "reasons": item.reasons,
        "evidence": item.evidence,
        "summary": s.summary,
        "conflicts": [
            {"person": c.person.name, "interest": c.interest, "handling": c.handling, "reason": c.reason}
            for c in s.handled
        ],
        "concerns": [c.text for c in s.concerns],
        "board_outcome": board.outcome if board else None,
        "board_considered_conflicts": board.conflicts_considered if board else None,
        "version": latest.version if latest else None,
        "sha256": latest.sha256 if latest else None,
        "pdf_sha256": (latest.pdf_sha256 or None) if latest else None,
    }
