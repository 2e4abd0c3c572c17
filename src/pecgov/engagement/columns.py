"""The SHA engagement log as a file (ORG-7, PUB-2): one row an entry, with whether the PEC chair
of the day was there."""

from __future__ import annotations

from pecgov.ui.tabular import Column

ENTRY_COLUMNS: list[Column] = [
    Column("date", lambda r: r.held_on),
    Column("kind", lambda r: r.kind),
    Column("subject", lambda r: r.subject),
    Column("attended", lambda r: "; ".join(r.attendees)),
    Column("pec_chair", lambda r: r.chair_name),
    Column("pec_chair_present", lambda r: r.chair_present),
    Column("without_pec_chair", lambda r: r.missed_chair),
    Column("sha_attendees", lambda r: " / ".join(r.sha_attendees.splitlines())),
]
