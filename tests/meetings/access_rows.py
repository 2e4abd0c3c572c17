"""The meeting pages' rows of the access matrix (X-1), read by tests/test_access_matrix.py.

ROWS says who gets what for each URL name; make_objects builds what the URLs
point at (in `world`, so another trust's lead gets 404); kwargs fills each URL.
The roles and the expected statuses per role come from tests/access_roles.py.
"""

from __future__ import annotations

import atexit
import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from pecgov.meetings import services as ms
from tests.access_roles import LEAD, POST_ONLY, TRUST_USERS, page_hidden_from_other_trust
from tests.factories import SYSTEM, World
from tests.meeting_factories import make_item, make_meeting

ROWS: dict[str, dict[str, int]] = {
    "meetings:meeting_list": page_hidden_from_other_trust(TRUST_USERS, object_level=False),
    "meetings:meeting_create": page_hidden_from_other_trust(LEAD, object_level=False),
    "meetings:calendar": page_hidden_from_other_trust(TRUST_USERS, object_level=False),
    "meetings:meeting_detail": page_hidden_from_other_trust(TRUST_USERS, object_level=True),
    "meetings:meeting_ics": page_hidden_from_other_trust(TRUST_USERS, object_level=True),
    "meetings:meeting_edit": page_hidden_from_other_trust(LEAD, object_level=True),
    "meetings:item_create": page_hidden_from_other_trust(LEAD, object_level=True),
    # MTG-2: the committee's chair records attendance for their own committee's meetings.
    "meetings:attendance": page_hidden_from_other_trust(LEAD | {"pec_chair"}, object_level=True),
    "meetings:minutes_draft": POST_ONLY,
    "meetings:action_create": page_hidden_from_other_trust(LEAD, object_level=True),
    "meetings:item_edit": page_hidden_from_other_trust(LEAD, object_level=True),
    "meetings:paper_create": page_hidden_from_other_trust(LEAD, object_level=True),
    "meetings:paper_download": page_hidden_from_other_trust(TRUST_USERS, object_level=True),
    "meetings:minutes_detail": page_hidden_from_other_trust(TRUST_USERS, object_level=True),
    "meetings:minutes_edit": page_hidden_from_other_trust(LEAD, object_level=True),
    "meetings:minutes_approve": page_hidden_from_other_trust(LEAD, object_level=True),
    "meetings:minutes_correct": page_hidden_from_other_trust(LEAD, object_level=True),
    "meetings:action_complete": POST_ONLY,
}


def make_objects(world: World, other_world: World) -> dict[str, Any]:
    """A past PEC meeting with an item, a paper, approved minutes (version 1), a draft
    correction (version 2) and an action; and the later meeting that approved the minutes."""
    meeting = make_meeting(world.pec, days=-14)
    later = make_meeting(world.pec, days=14)
    item = make_item(meeting, kind="decision", title="Matrix item")
    paper = ms.paper_add(
        actor=SYSTEM,
        item=item,
        title="Matrix paper",
        upload=SimpleUploadedFile(
            "matrix.pdf",
            b"%PDF-1.4 matrix"
            + b"\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Root 1 0 R >>\nstartxref\n9\n%%EOF\n",
            content_type="application/pdf",
        ),
    )
    # The matrix cannot point MEDIA_ROOT at a temporary folder from here, so the file it writes
    # under MEDIA_ROOT is removed when the test process ends.
    atexit.register(paper.file.storage.delete, paper.file.name)
    approved = ms.minutes_draft(actor=SYSTEM, meeting=meeting)
    ms.minutes_approve(actor=SYSTEM, minutes=approved, at_meeting=later)
    draft = ms.minutes_correct(
        actor=SYSTEM, minutes=approved, text=approved.text + "\nCorrected.", correction_note="Matrix"
    )
    action = ms.action_add(
        actor=SYSTEM,
        meeting=meeting,
        description="Matrix action",
        owner=world.people["member"],
        due_date=dt.date.today() + dt.timedelta(days=30),
    )
    return {
        "mtg_meeting": meeting,
        "mtg_item": item,
        "mtg_paper": paper,
        "mtg_approved_minutes": approved,
        "mtg_draft_minutes": draft,
        "mtg_action": action,
    }


# Which object each URL's pk names.
PK_OF = {
    "meetings:meeting_detail": "mtg_meeting",
    "meetings:meeting_ics": "mtg_meeting",
    "meetings:meeting_edit": "mtg_meeting",
    "meetings:item_create": "mtg_meeting",
    "meetings:attendance": "mtg_meeting",
    "meetings:minutes_draft": "mtg_meeting",
    "meetings:action_create": "mtg_meeting",
    "meetings:item_edit": "mtg_item",
    "meetings:paper_create": "mtg_item",
    "meetings:paper_download": "mtg_paper",
    "meetings:minutes_detail": "mtg_approved_minutes",
    "meetings:minutes_correct": "mtg_approved_minutes",
    "meetings:minutes_edit": "mtg_draft_minutes",
    "meetings:minutes_approve": "mtg_draft_minutes",
    "meetings:action_complete": "mtg_action",
}


def kwargs(name: str, world: World, objects: dict[str, Any]) -> dict[str, int] | None:
    if name not in ROWS:
        return None
    if name not in PK_OF:
        return {}
    return {"pk": objects[PK_OF[name]].pk}
