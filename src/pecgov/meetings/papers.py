"""A paper's file as a download (MTG-1, PUB-1): the one answer the meeting's page, the API and
the public site give once each has found the paper the asker may see."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from django.http import FileResponse, Http404

from pecgov.meetings.models import Paper


def paper_file(paper: Paper) -> FileResponse:
    """The paper's file as an attachment named after its title, typed from the extension the
    upload policy allowed (not from what the browser claimed); 404 when the file is gone."""
    if not paper.file.storage.exists(paper.file.name):
        raise Http404
    suffix = Path(paper.file.name).suffix.lower()
    content_type = mimetypes.guess_type(f"paper{suffix}")[0] or "application/octet-stream"
    return FileResponse(
        paper.file.open("rb"),
        as_attachment=True,
        filename=f"{paper.title}{suffix}",
        content_type=content_type,
    )
