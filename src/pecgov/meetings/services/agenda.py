"""Meetings and their agenda (MTG-1): schedule, edit, add items and papers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from pecgov.actors import Actor
from pecgov.audit.recording import actor_user, save_tracked
from pecgov.errors import DomainError
from pecgov.meetings import signals
from pecgov.meetings.enums import ItemKind, MeetingStatus
from pecgov.meetings.models import AgendaItem, AgendaPack, Meeting, Paper
from pecgov.meetings.packs import services as packs
from pecgov.policy.services import effective_policy
from pecgov.servicekit import apply_changes, check_editable, event, require_lead
from pecgov.trust.models import Committee, Organisation
from pecgov.uploads import check_upload

EARLIEST = dt.date(1948, 1, 1)  # the NHS began on 5 July 1948: no meeting is dated before
YEARS_AHEAD = 10


def _check_starts_at(starts_at: dt.datetime | None) -> None:
    """A date and time in a sane range (MTG-1): from 1948 to ten years ahead, never year 9999."""
    if starts_at is None:
        raise DomainError({"starts_at": "Enter the date and time the meeting starts"})
    day = timezone.localtime(starts_at).date() if timezone.is_aware(starts_at) else starts_at.date()
    latest = timezone.localdate() + dt.timedelta(days=round(365.25 * YEARS_AHEAD))
    if day < EARLIEST or day > latest:
        raise DomainError(
            {"starts_at": f"The meeting must start between 1 January 1948 and {latest:%-d %B %Y}"}
        )


def meeting_create(
    *, actor: Actor, committee: Committee, starts_at: dt.datetime | None, location: str, public: bool = True
) -> Meeting:
    require_lead(actor, committee.trust_id)
    _check_starts_at(starts_at)
    assert starts_at is not None
    if not location.strip():
        raise DomainError({"location": "Enter where the meeting is held"})
    with transaction.atomic():
        meeting = save_tracked(
            Meeting(committee=committee, starts_at=starts_at, location=location.strip(), public=public),
            actor=actor,
            reason="Meeting scheduled",
        )
        event(actor, "meeting.create", meeting, committee.trust_id, f"Scheduled {meeting}")
    return meeting


def meeting_update(*, actor: Actor, meeting: Meeting, **changes: Any) -> Meeting:
    require_lead(actor, meeting.committee.trust_id)
    check_editable(changes, {"starts_at", "location", "public", "status"})
    if "starts_at" in changes:
        _check_starts_at(changes["starts_at"])
    if "status" in changes and changes["status"] not in MeetingStatus.values:
        raise DomainError({"status": "Select the meeting's status"})
    if "location" in changes and not str(changes["location"]).strip():
        raise DomainError({"location": "Enter where the meeting is held"})
    with transaction.atomic():
        changed = apply_changes(
            meeting,
            changes,
            actor=actor,
            action="meeting.update",
            trust_id=meeting.committee.trust_id,
            summary=f"Edited {meeting}",
            reason="Meeting edited",
        )
        if changed.get("status") == MeetingStatus.CANCELLED:
            signals.meeting_cancelled.send(Meeting, actor=actor, meeting=meeting)  # MTG-6
    return meeting


def _check_affected(meeting: Meeting, affected: list[Organisation]) -> None:
    for org in affected:
        if org.trust_id != meeting.committee.trust_id:
            raise DomainError({"affected": "Select organisations in this trust"})


def _check_private(confidential: bool, reason: str) -> None:
    """PUB-1: an item is taken in private only for a recorded reason."""
    if confidential and not reason.strip():
        raise DomainError({"confidential_reason": "Enter why the item is taken in private"})
    if len(reason) > 300:
        raise DomainError(
            {"confidential_reason": "Why the item is taken in private must be 300 characters or fewer"}
        )


def item_add(
    *,
    actor: Actor,
    meeting: Meeting,
    title: str,
    kind: str,
    description: str = "",
    affected: list[Organisation] | None = None,
    confidential: bool = False,
    confidential_reason: str = "",
) -> AgendaItem:
    require_lead(actor, meeting.committee.trust_id)
    if not title.strip():
        raise DomainError({"title": "Enter the item's title"})
    if kind not in ItemKind.values:
        raise DomainError({"kind": "Select the kind of item"})
    _check_private(confidential, confidential_reason)
    affected = list(affected or [])
    _check_affected(meeting, affected)
    with transaction.atomic():
        number = (AgendaItem.objects.filter(meeting=meeting).aggregate(n=Max("number"))["n"] or 0) + 1
        item = save_tracked(
            AgendaItem(
                meeting=meeting,
                number=number,
                title=title.strip(),
                kind=kind,
                description=description.strip(),
                confidential=confidential,
                confidential_reason=confidential_reason.strip() if confidential else "",
            ),
            actor=actor,
            reason="Item added",
        )
        item.affected.set(affected)
        event(
            actor,
            "item.create",
            item,
            meeting.committee.trust_id,
            f"Added item {item} to {meeting}",
            affected=[o.pk for o in affected],
        )
    return item


def item_update(
    *, actor: Actor, item: AgendaItem, affected: list[Organisation] | None = None, **changes: Any
) -> AgendaItem:
    """Edit an undecided item. The organisations it affects are a set, not a field: when only
    they change, the item is saved (its history snapshots the set) with one audit event."""
    trust_id = item.meeting.committee.trust_id
    require_lead(actor, trust_id)
    if item.is_decided:
        raise DomainError("This item has been decided: its record can no longer be changed")
    check_editable(changes, {"title", "kind", "description", "confidential", "confidential_reason"})
    if "confidential" in changes or "confidential_reason" in changes:
        private = bool(changes.get("confidential", item.confidential))
        reason = str(changes.get("confidential_reason", item.confidential_reason))
        _check_private(private, reason)
        if not private:
            changes["confidential_reason"] = ""
    if "title" in changes and not str(changes["title"]).strip():
        raise DomainError({"title": "Enter the item's title"})
    if "kind" in changes and changes["kind"] not in ItemKind.values:
        raise DomainError({"kind": "Select the kind of item"})
    if affected is not None:
        _check_affected(item.meeting, affected)
    stripped = {key: value.strip() if isinstance(value, str) else value for key, value in changes.items()}
    moved = affected is not None and {o.pk for o in affected} != {o.pk for o in item.affected.all()}
    was_private = item.confidential
    with transaction.atomic():
        if not moved:
            apply_changes(
                item,
                stripped,
                actor=actor,
                action="item.update",
                trust_id=trust_id,
                summary=f"Edited item {item}",
                reason="Item edited",
            )
        else:
            assert affected is not None
            # The set changes after the save, so the one audit event names the history rows of both.
            for key, value in stripped.items():
                setattr(item, key, value)
            save_tracked(item, actor=actor, reason="Item edited")
            item.affected.set(affected)
            event(
                actor, "item.update", item, trust_id, f"Edited item {item}", affected=[o.pk for o in affected]
            )
        _refresh_packs(item, was_private)
    return item


def _refresh_packs(item: AgendaItem, was_private: bool) -> None:
    """An edited item changes its meeting's agenda pack (PUB-2). An item newly taken in private
    leaves the public pack in this same transaction, so no stale public pack shows it (PUB-1)."""
    if not AgendaPack.objects.filter(meeting_id=item.meeting_id).exists():
        return
    if item.confidential and not was_private and item.meeting.public:
        packs.build_pack(item.meeting, public=True)
    packs.rebuild_on_commit(item.meeting_id)


def paper_add(*, actor: Actor, item: AgendaItem, title: str, upload: UploadedFile | None) -> Paper:
    """Attach a paper, within the policy's size and type limits (MTG-1)."""
    trust = item.meeting.committee.trust
    require_lead(actor, trust.pk)
    check_upload(effective_policy(trust), upload)
    assert upload is not None
    with transaction.atomic():
        paper = Paper(
            item=item,
            title=title.strip() or Path(upload.name or "paper").stem,
            content_type=upload.content_type or "application/octet-stream",
            size=upload.size or 0,
            uploaded_by=actor_user(actor),
            uploaded_at=timezone.now(),
        )
        paper.file.save(f"{item.pk}-{Path(upload.name or 'paper').name}", upload, save=False)
        save_tracked(paper, actor=actor, reason="Paper uploaded")
        event(actor, "paper.create", paper, trust.pk, f"Uploaded paper '{paper.title}' to {item}")
        packs.rebuild_on_commit(item.meeting_id)  # PUB-2
    return paper
