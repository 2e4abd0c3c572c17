"""The agenda pack downloads (PUB-2): the stored PDF, read and sent; never a new rendering on a
request, except the first request for a meeting whose pack the worker has not built yet."""

from __future__ import annotations

import io

from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

from pecgov.meetings.enums import MeetingStatus
from pecgov.meetings.models import AgendaPack, Meeting
from pecgov.meetings.packs import services as packs
from pecgov.meetings.views.common import meeting_or_404
from pecgov.ui.viewkit import trust_view


def _send(pack: AgendaPack) -> FileResponse:
    kind = "public-agenda-pack" if pack.public else "agenda-pack"
    return FileResponse(
        io.BytesIO(bytes(pack.pdf)),
        filename=f"{kind}-meeting-{pack.meeting_id}-version-{pack.version}.pdf",
        content_type="application/pdf",
    )


@require_GET
@trust_view("meetings.view")  # type: ignore[arg-type]  # streams: not an HttpResponse subclass
def agenda_pack(request: HttpRequest, pk: int) -> FileResponse:
    """The full pack, with the items taken in private, for people of the trust (PUB-2)."""
    meeting = meeting_or_404(request, pk)
    if meeting.status == MeetingStatus.CANCELLED:
        raise Http404("This meeting was cancelled")
    pack = packs.stored_pack(meeting.pk, public=False)
    if pack is None:  # the worker has not reached it: build it now, once
        packs.build_pack(meeting, public=False)
        pack = packs.stored_pack(meeting.pk, public=False)
    assert pack is not None
    return _send(pack)


@require_GET
def agenda_pack_public(request: HttpRequest, pk: int) -> FileResponse:
    """The public pack of a meeting held in public, once it is built: no sign-in (PUB-1, PUB-2)."""
    pack = (
        packs.stored_pack(pk, public=True)
        if Meeting.objects.filter(pk=pk, public=True).exclude(status=MeetingStatus.CANCELLED).exists()
        else None
    )
    if pack is None:
        raise Http404("No public agenda pack has been published for this meeting")
    return _send(pack)
