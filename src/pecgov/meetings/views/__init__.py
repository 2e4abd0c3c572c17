"""MTG pages, split by subject: meetings and calendars, agenda items and papers, attendance,
minutes and actions (MTG-1, MTG-2, MTG-5 to MTG-7). The URL conf names them from here."""

from pecgov.meetings.views.agenda import item_create, item_edit, paper_create, paper_download
from pecgov.meetings.views.meetings import (
    calendar,
    meeting_create,
    meeting_detail,
    meeting_edit,
    meeting_ics,
    meeting_list,
)
from pecgov.meetings.views.packs import agenda_pack, agenda_pack_public
from pecgov.meetings.views.records import (
    action_complete,
    action_create,
    attendance,
    minutes_approve,
    minutes_correct,
    minutes_detail,
    minutes_draft,
    minutes_edit,
)

__all__ = [
    "action_complete",
    "action_create",
    "agenda_pack",
    "agenda_pack_public",
    "attendance",
    "calendar",
    "item_create",
    "item_edit",
    "meeting_create",
    "meeting_detail",
    "meeting_edit",
    "meeting_ics",
    "meeting_list",
    "minutes_approve",
    "minutes_correct",
    "minutes_detail",
    "minutes_draft",
    "minutes_edit",
    "paper_create",
    "paper_download",
]
