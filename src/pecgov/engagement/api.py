"""SHA engagement in the API (ORG-7, PUB-2): the log, the third-pin summary, and the lead's
writes through the same services as the pages.

Statuses: 200 read or corrected; 201 logged; 401 not signed in; 403 a role that may not; 404
an entry not in your trust; 422 a broken rule, with each field's message, and nothing saved;
412 a correction sent with the ETag of an older read (If-Match), with what changed (X-5)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from pecgov.api.auth import WRITE_AUTH
from pecgov.api.listing import sorted_rows, trust_of
from pecgov.api.versions import ETAG_DOC, IF_MATCH_HEADER, Editable
from pecgov.engagement import queries, services
from pecgov.engagement.models import ShaEntry
from pecgov.policy.api import FindingOut  # the one shape of a finding, as the committee's
from pecgov.trust.models import Organisation, Person
from pecgov.trust.queries import people_named

router = Router(tags=["SHA engagement"])

# What a correction sets, in the entry page's words (engagement/forms.py EntryForm), X-5.
ENTRY_EDITS: Editable[ShaEntry] = Editable(
    fields={
        "held_on": "held_on",
        "kind": "kind",
        "subject": "subject",
        "attendee_ids": lambda entry: sorted(a.person_id for a in entry.attendance.all()),
        "sha_attendees": "sha_attendees",
        "notes": "notes",
    },
    labels={
        "held_on": "date",
        "kind": "kind of meeting or communication",
        "subject": "subject",
        "attendee_ids": "who from the trust attended",
        "sha_attendees": "SHA attendees",
        "notes": "notes",
    },
    shown={"attendee_ids": people_named},
)


def _trust(request: HttpRequest, perm: str = "engagement.view") -> Organisation:
    return Organisation.objects.get(pk=trust_of(request, perm))


class EntryOut(Schema):
    id: int
    held_on: dt.date
    kind: str
    kind_label: str
    subject: str
    attendees: list[str]
    sha_attendees: str
    pec_chair: str
    pec_chair_present: bool
    without_pec_chair: bool


class GapOut(Schema):
    start: dt.date
    end: dt.date
    days: int


class SummaryOut(Schema):
    start: dt.date
    end: dt.date
    regular_meeting_months: int
    regular_held: int
    without_pec_chair: list[EntryOut]
    gaps: list[GapOut]
    performance_management: list[EntryOut]
    finding: FindingOut


class EntryIn(Schema):
    held_on: dt.date
    kind: str
    subject: str
    attendee_ids: list[int] = []
    sha_attendees: str = ""
    notes: str = ""


def _out(row: queries.EntryRow) -> dict[str, Any]:
    return {
        **row.__dict__,
        "attendees": list(row.attendees),
        "pec_chair": row.chair_name,
        "pec_chair_present": row.chair_present,
        "without_pec_chair": row.missed_chair,
    }


def _period(start: dt.date | None, end: dt.date | None) -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    first = start or dt.date(today.year if today.month >= 4 else today.year - 1, 4, 1)
    last = end or dt.date(first.year + 1, 3, 31)
    if last < first:
        raise HttpError(422, "The end of the period must not be before its start")
    return first, last


@router.get("/engagement/entries", response=list[EntryOut])
def list_sha_entries(
    request: HttpRequest,
    start: dt.date | None = None,
    end: dt.date | None = None,
    kind: str = "",
    ordering: str = "",
) -> Any:
    """The log for a period (the current year from 1 April by default), newest first, each with
    the PEC chair of the day and whether they were there; `ordering`: held_on or kind (- in
    front to reverse)."""
    first, last = _period(start, end)
    summary = queries.sha_summary(trust=_trust(request), start=first, end=last)
    rows = [_out(r) for r in summary.entries if not kind or r.kind == kind]
    return sorted_rows(rows, ordering, {"held_on": "held_on", "kind": "kind"}, "") if ordering else rows


@router.get("/engagement/summary", response=SummaryOut)
def get_sha_summary(request: HttpRequest, start: dt.date | None = None, end: dt.date | None = None) -> Any:
    """The third-pin finding for a period: high-level meetings and communications without the PEC
    chair, gaps in the regular meetings against the policy's frequency, performance management."""
    first, last = _period(start, end)
    s = queries.sha_summary(trust=_trust(request), start=first, end=last)
    return {
        "start": s.start,
        "end": s.end,
        "regular_meeting_months": s.months,
        "regular_held": s.regular_held,
        "without_pec_chair": [_out(r) for r in s.without_chair],
        "gaps": [{"start": g.start, "end": g.end, "days": g.days} for g in s.gaps],
        "performance_management": [_out(r) for r in s.performance],
        "finding": s.finding.as_dict(),
    }


def _people(trust: Organisation, ids: list[int]) -> list[Person]:
    people = list(Person.objects.filter(trust=trust, pk__in=ids))
    if len(people) != len(set(ids)):
        raise HttpError(422, "attendee_ids: select people in this trust")
    return people


def _row(trust: Organisation, entry: ShaEntry) -> dict[str, Any]:
    spells = queries.chair_spells(trust.pk)
    return _out(queries.entry_row(queries.entries(trust.pk).get(pk=entry.pk), spells))


@router.post("/engagement/entries", response={201: EntryOut}, auth=WRITE_AUTH)
def create_sha_entry(request: HttpRequest, payload: EntryIn) -> Any:
    """Log a meeting or communication (the governance lead). 201 with the entry; 422 with each
    field's message and nothing saved; 403 for other roles."""
    trust = _trust(request, "engagement.manage")
    data = payload.dict()
    attendees = _people(trust, data.pop("attendee_ids"))
    entry = services.entry_create(actor=request.user, trust=trust, attendees=attendees, **data)
    return Status(201, _row(trust, entry))


def _entry(trust: Organisation, entry_id: int) -> ShaEntry:
    try:
        return ShaEntry.objects.get(pk=entry_id, trust=trust)
    except ShaEntry.DoesNotExist as error:
        raise Http404 from error


@router.get("/engagement/entries/{entry_id}", response=EntryOut, openapi_extra=ETAG_DOC)
def get_sha_entry(request: HttpRequest, entry_id: int, response: HttpResponse) -> Any:
    """One entry of the log, with the PEC chair of the day and whether they were there; the
    ETag is for If-Match on a correction (X-5). 404 for an entry outside your trust."""
    trust = _trust(request)
    entry = _entry(trust, entry_id)
    ENTRY_EDITS.tag(response, entry)
    return _row(trust, entry)


@router.put("/engagement/entries/{entry_id}", response=EntryOut, auth=WRITE_AUTH, openapi_extra=ETAG_DOC)
def update_sha_entry(
    request: HttpRequest,
    entry_id: int,
    payload: EntryIn,
    response: HttpResponse,
    if_match: str = IF_MATCH_HEADER,
) -> Any:
    """Correct an entry (the governance lead): the whole entry, as on the page. 404 for an entry
    outside your trust; 422 with each field's message and nothing saved. With the ETag of your
    read as If-Match, a correction of an entry someone changed since is 412 with what changed,
    and nothing is saved (X-5)."""
    trust = _trust(request, "engagement.manage")
    entry = _entry(trust, entry_id)
    data = payload.dict()
    attendees = _people(trust, data.pop("attendee_ids"))
    with transaction.atomic():
        entry = ENTRY_EDITS.check(entry, if_match=if_match)
        services.entry_update(actor=request.user, entry=entry, attendees=attendees, **data)
    ENTRY_EDITS.tag(response, entry)
    return _row(trust, entry)
