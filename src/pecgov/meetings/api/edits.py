"""The meeting pages' edit forms over the API (PUB-2; MTG-1, MTG-5, X-5): edit a meeting or an
agenda item, upload a paper, correct approved minutes; and the versions (ETag, If-Match) that
keep an edit from overwriting a change made since it was read.

Each write calls the service its page calls, with the page's permission ("meetings.manage",
the governance lead): a broken rule is 422 with a field map and nothing is saved; a stale
If-Match is 412 with what changed (pecgov.api.versions).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Schema, Status
from ninja.files import UploadedFile
from ninja.params import functions as params

from pecgov.api import versions
from pecgov.api.auth import WRITE_AUTH
from pecgov.api.listing import fields_as
from pecgov.errors import DomainError
from pecgov.meetings import services
from pecgov.meetings.api import base
from pecgov.meetings.api.agenda import MeetingOut
from pecgov.meetings.api.base import router
from pecgov.meetings.api.records import AgendaItemOut, MinutesOut, PaperOut, item_out, paper_out
from pecgov.meetings.api.versioned import (
    IF_MATCH,
    ITEM_LABELS,
    MEETING_LABELS,
    MINUTES_LABELS,
    item_values,
    meeting_values,
    minutes_values,
)
from pecgov.meetings.api.writes import ItemIn
from pecgov.meetings.forms import PaperForm
from pecgov.meetings.models import AgendaItem, Meeting, Minutes
from pecgov.trust.models import Organisation

# The file is optional to the parser so that a missing one gets the page's "Select a file".
PAPER_FILE = params.File(None, description="The paper: a file of a type the policy allows")


class MeetingEditIn(Schema):
    """Only the fields sent are changed (the others keep their values)."""

    starts_at: dt.datetime | None = None
    location: str = ""
    public: bool = True
    status: str = ""


class ItemEditIn(ItemIn):
    """The fields of a new item; only the fields sent are changed (the others keep their values)."""


class MinutesCorrectIn(Schema):
    text: str = ""
    correction_note: str = ""


def _lead(request: HttpRequest) -> int:
    return base.trust_id(request, "meetings.manage")


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    """A time sent without an offset is London time, as the page's date and time fields are."""
    if moment is None or timezone.is_aware(moment):
        return moment
    return timezone.make_aware(moment)


@router.patch(
    "/meetings/{meeting_id}", response={200: MeetingOut}, auth=WRITE_AUTH, openapi_extra=versions.ETAG_DOC
)
def edit_meeting(
    request: HttpRequest,
    meeting_id: int,
    payload: MeetingEditIn,
    response: HttpResponse,
    if_match: str = IF_MATCH,
) -> Any:
    """Edit a meeting's start, place, public flag or status (MTG-1); cancelling it sends its
    cases back to wait for another meeting (MTG-6). Governance lead only."""
    _lead(request)
    meeting = base.meeting(request, meeting_id)
    changes = payload.model_dump(exclude_unset=True)
    if "starts_at" in changes:
        changes["starts_at"] = _aware(changes["starts_at"])
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().select_related("committee").get(pk=meeting.pk)
        versions.check(if_match, meeting_values(locked), MEETING_LABELS)
        services.meeting_update(actor=request.user, meeting=locked, **changes)
    versions.tag(response, meeting_values(locked))
    return Meeting.objects.select_related("committee").get(pk=meeting.pk)


@router.patch(
    "/items/{item_id}", response={200: AgendaItemOut}, auth=WRITE_AUTH, openapi_extra=versions.ETAG_DOC
)
def edit_item(
    request: HttpRequest, item_id: int, payload: ItemEditIn, response: HttpResponse, if_match: str = IF_MATCH
) -> Any:
    """Edit an undecided agenda item (MTG-1): its title, kind, description, the organisations it
    affects (conflicts are screened again, COI-2) and whether it is taken in private and why
    (PUB-1). A decided item is 422. Governance lead only."""
    trust = _lead(request)
    item = base.item(request, item_id)
    sent = payload.model_dump(exclude_unset=True)
    affected = None
    if "affected_ids" in sent:
        affected = list(Organisation.objects.filter(pk__in=payload.affected_ids, trust_id=trust))
        if len(affected) != len(set(payload.affected_ids)):
            raise DomainError({"affected_ids": "Select organisations in this trust"})
    with transaction.atomic():
        locked = AgendaItem.objects.select_for_update().get(pk=item.pk)
        locked.meeting = item.meeting
        before = item_values(locked)
        versions.check(if_match, before, ITEM_LABELS)
        # As the page does: only what differs is a change, so an unchanged field is not re-checked.
        changes = {k: v for k, v in sent.items() if k != "affected_ids" and v != before[k]}
        with fields_as({"affected": "affected_ids"}):
            services.item_update(actor=request.user, item=locked, affected=affected, **changes)
    fresh = AgendaItem.objects.prefetch_related("affected", "papers").get(pk=item.pk)
    versions.tag(response, item_values(fresh))
    return item_out(fresh)


@router.post("/items/{item_id}/papers", response={201: PaperOut}, auth=WRITE_AUTH)
def upload_paper(
    request: HttpRequest,
    item_id: int,
    title: str = params.Form(""),
    upload: UploadedFile | None = PAPER_FILE,
) -> Any:
    """Upload a paper to an item (MTG-1), as multipart/form-data with `upload` (the file) and
    an optional `title` (else the file's name). The page's checks apply: the policy's file
    types and size, and the content must be what its name says (no script in a PDF, no macros).
    Its text is read for search (PDF and plain text). Governance lead only."""
    _lead(request)
    item = base.item(request, item_id)
    form = PaperForm({"title": title}, {"upload": upload} if upload is not None else {})
    if not form.is_valid():
        raise DomainError({k: [str(m) for m in v] for k, v in form.errors.items()})
    paper = services.paper_add(actor=request.user, item=item, **form.cleaned_data)
    return Status(201, paper_out(paper))


@router.post("/minutes/{minutes_id}/correct", response={201: MinutesOut}, auth=WRITE_AUTH)
def correct_minutes(
    request: HttpRequest, minutes_id: int, payload: MinutesCorrectIn, if_match: str = IF_MATCH
) -> Any:
    """Correct approved minutes (MTG-5): the approved version stays as it is and the correction
    is a new draft version with what is corrected and why, approved at a later meeting. With
    If-Match, a correction drafted since your read is 412. Governance lead only."""
    _lead(request)
    minutes = base.minutes(request, minutes_id)
    with transaction.atomic():
        locked = Minutes.objects.select_for_update().select_related("meeting__committee").get(pk=minutes.pk)
        versions.check(if_match, minutes_values(locked), MINUTES_LABELS)
        corrected = services.minutes_correct(
            actor=request.user, minutes=locked, text=payload.text, correction_note=payload.correction_note
        )
    return Status(201, corrected)
