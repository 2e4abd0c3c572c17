"""Every write to the MTG domain (MTG-1 to MTG-5, COI-3 votes): actor required, one transaction,
history and an audit event; a broken rule raises DomainError and saves nothing. Split by subject:
the meeting and its agenda, attendance and decisions, minutes and actions."""

from pecgov.meetings.services.agenda import item_add, item_update, meeting_create, meeting_update, paper_add
from pecgov.meetings.services.decisions import (
    attendance_set,
    board_decision_record,
    item_decide,
    vote_record,
)
from pecgov.meetings.services.minutes import (
    action_add,
    action_complete,
    minutes_approve,
    minutes_correct,
    minutes_draft,
    minutes_edit,
)

__all__ = [
    "action_add",
    "action_complete",
    "attendance_set",
    "board_decision_record",
    "item_add",
    "item_decide",
    "item_update",
    "meeting_create",
    "meeting_update",
    "minutes_approve",
    "minutes_correct",
    "minutes_draft",
    "minutes_edit",
    "paper_add",
    "vote_record",
]
