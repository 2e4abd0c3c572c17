"""Building, freezing and finding agenda packs (PUB-2, X-4).

A pack is built by a task when papers are published or changed, or an item is added or edited,
once that write commits. Each build gathers what would go in and compares its digest with the
last version's: unchanged, nothing is built; changed, a new version is stored with the PDF's
SHA-256 and a ledger event. Serving a pack is a read of the stored bytes.
"""

from __future__ import annotations

import hashlib

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from pecgov.actors import SYSTEM
from pecgov.audit.recording import save_tracked
from pecgov.meetings.enums import MeetingStatus
from pecgov.meetings.models import AgendaPack, Meeting
from pecgov.meetings.packs.content import gather
from pecgov.meetings.packs.render import render
from pecgov.servicekit import event


def agenda_pack_for(meeting: Meeting, public: bool) -> AgendaPack | None:
    """The latest pack of a meeting, without its bytes; None before one is built. The public
    version exists only for a meeting held in public (PUB-1)."""
    return AgendaPack.objects.filter(meeting=meeting, public=public).defer("pdf").order_by("-version").first()


def pack_pdf(pack: AgendaPack) -> bytes:
    return bytes(AgendaPack.objects.values_list("pdf", flat=True).get(pk=pack.pk))


def stored_pack(meeting_id: int, public: bool) -> AgendaPack | None:
    """The latest pack with its bytes, in one query: what a download sends."""
    return AgendaPack.objects.filter(meeting_id=meeting_id, public=public).order_by("-version").first()


def wanted(meeting: Meeting) -> list[bool]:
    """Which versions a meeting has: the full one, and the public one if held in public."""
    if meeting.status == MeetingStatus.CANCELLED:
        return []
    return [False, True] if meeting.public else [False]


def build_pack(meeting: Meeting, *, public: bool) -> AgendaPack:
    """Build and freeze the pack unless the last version holds the same content."""
    content = gather(meeting, public=public)
    source = content.digest()
    last = agenda_pack_for(meeting, public)
    if last is not None and last.source_sha256 == source:
        return last
    built = render(content)
    digest = hashlib.sha256(built.pdf).hexdigest()
    number = (last.version if last else 0) + 1
    try:
        with transaction.atomic():
            pack = save_tracked(
                AgendaPack(
                    meeting=meeting,
                    public=public,
                    version=number,
                    built_at=timezone.now(),
                    source_sha256=source,
                    pdf=built.pdf,
                    sha256=digest,
                    pages=built.pages,
                ),
                actor=SYSTEM,
                reason="Agenda pack built",
            )
            event(
                SYSTEM,
                "agenda_pack.build",
                pack,
                meeting.committee.trust_id,
                f"{content.title}, version {number} ({built.pages} pages)",
                sha256=digest,
                source_sha256=source,
                public=public,
                version=number,
            )
    except IntegrityError:  # another worker stored this version first
        found = agenda_pack_for(meeting, public)
        assert found is not None
        return found
    return pack


def build_packs(meeting_id: int) -> dict[str, int]:
    """Both versions of one meeting's pack; returns each version's number."""
    meeting = Meeting.objects.select_related("committee", "committee__trust").get(pk=meeting_id)
    result = {}
    for public in wanted(meeting):
        result["public" if public else "full"] = build_pack(meeting, public=public).version
    return result


@task()
def agenda_packs(meeting_id: int) -> dict[str, int]:
    """The task the papers' and items' writes enqueue on commit."""
    return build_packs(meeting_id)


def rebuild_on_commit(meeting_id: int) -> None:
    """Enqueue the build once the write commits; a rolled-back write builds nothing."""
    transaction.on_commit(lambda: agenda_packs.enqueue(meeting_id))
