"""The business cases list as a file (ADM-3): the cases the user may see, with the page's filter."""

from __future__ import annotations

from pecgov.trust.columns import organisation_ref
from pecgov.ui.tabular import Column

CASE_COLUMNS = (
    Column("reference", lambda c: c.reference),
    Column("title", lambda c: c.title),
    Column("kind", lambda c: c.kind),
    Column("submitter", lambda c: organisation_ref(c.submitter)),
    Column("value", lambda c: c.value),
    Column("status", lambda c: c.status),
    Column("submitted_on", lambda c: c.submitted_on),
    Column("target_date", lambda c: c.target_date),
    Column("decider", lambda c: c.decider),
    Column("committee", lambda c: c.committee.name if c.committee else ""),
    Column("decided_on", lambda c: c.decided_on),
)

# PBC-7: the decisions register, with the headers its CSV has always had.
DECISION_COLUMNS = (
    Column("Reference", lambda r: r.case.reference),
    Column("Title", lambda r: r.case.title),
    Column("Submitted by", lambda r: r.case.submitter.name),
    Column("Value (£)", lambda r: r.case.value),
    Column("Outcome", lambda r: r.outcome),
    Column("Decided by", lambda r: r.decider),
    Column("Date of decision", lambda r: r.decided_on),
    Column("Route", lambda r: r.route),
    Column("Why this route", lambda r: r.case.route_reason),
    Column("Reasons", lambda r: r.reasons),
    Column("Days from submission to decision", lambda r: r.days),
)
