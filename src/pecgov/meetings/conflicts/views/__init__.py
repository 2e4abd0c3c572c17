"""The agenda item page (conflicts handled per person, votes, the decision, concerns) and the
statement to the Board (COI-3 to COI-8, MTG-2 to MTG-4), one module each."""

from pecgov.meetings.conflicts.views.item import (
    concern_create,
    conflict_record,
    item_decide,
    item_detail,
    vote_record,
)
from pecgov.meetings.conflicts.views.statement import (
    board_decision,
    statement_page,
    statement_pdf,
    statement_send,
)

__all__ = [
    "board_decision",
    "concern_create",
    "conflict_record",
    "item_decide",
    "item_detail",
    "statement_page",
    "statement_pdf",
    "statement_send",
    "vote_record",
]
