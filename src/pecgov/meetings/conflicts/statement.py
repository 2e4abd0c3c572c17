"""The statement to the Board for a recommendation (COI-5; DH 5.8 table, Alliance "Conflicts of
Interest"): where conflicts of interest lay and how they were dealt with, drawn from the record.

Nobody writes it by hand: until it is sent it is built from the meeting record each time. Once
the lead marks it sent, or the Board's decision is recorded, it is frozen (StatementVersion):
the stored text and PDF are what is served, and a later change to the record makes a new version.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from pecgov.meetings.enums import ItemKind, VoteChoice
from pecgov.meetings.models import (
    AgendaItem,
    BoardDecision,
    ConflictConcern,
    ItemConflict,
    StatementVersion,
    Vote,
)
from pecgov.meetings.queries import ItemRow, item_row


@dataclass
class Statement:
    item: AgendaItem
    row: ItemRow
    handled: list[ItemConflict]
    concerns: list[ConflictConcern]
    votes: list[Vote]
    generated_at: Any
    board: BoardDecision | None = None

    @property
    def meeting(self) -> Any:
        return self.item.meeting

    @property
    def trust_name(self) -> str:
        return str(self.item.meeting.committee.trust.name)

    @property
    def decided_on(self) -> dt.date | None:
        """The day the committee decided (MTG-3), not when the decision was typed in."""
        if not self.item.is_decided:
            return None
        return self.item.decided_on or timezone.localtime(self.item.meeting.starts_at).date()

    @property
    def counted(self) -> list[Vote]:
        return [v for v in self.votes if not v.is_struck]

    @property
    def struck(self) -> list[Vote]:
        return [v for v in self.votes if v.is_struck]

    @property
    def tally(self) -> str:
        """ "1 for, 0 against, 1 abstained": struck votes are not counted (COI-3)."""
        choices = [v.choice for v in self.counted]
        return (
            f"{choices.count(VoteChoice.FOR)} for, {choices.count(VoteChoice.AGAINST)} against, "
            f"{choices.count(VoteChoice.ABSTAIN)} abstained."
        )

    @property
    def excluded_names(self) -> list[str]:
        """Members excluded from the decision who cast no vote; a vote cast before the exclusion
        is listed as struck instead, so no one is both counted and said not to have voted (COI-3)."""
        voted = {v.person_id for v in self.votes}
        return [c.person.name for c in self.handled if c.excluded_from_decision and c.person_id not in voted]

    @property
    def summary(self) -> str:
        if not self.handled:
            return "No member present had a declared or recorded interest in the organisations this recommendation affects."
        excluded = [c for c in self.handled if c.excluded_from_decision]
        parts = [
            f"{len(self.handled)} member{'s' if len(self.handled) != 1 else ''} had an interest in the organisations this recommendation affects"
        ]
        if excluded:
            parts.append(f"{len(excluded)} took no part in the decision")
        return "; ".join(parts) + "."


def build(item: AgendaItem) -> Statement:
    if item.kind != ItemKind.RECOMMENDATION:
        raise ValueError("A statement to the Board is made for recommendations only")
    row = item_row(item)
    handled = sorted(row.handled.values(), key=lambda c: c.person.name)
    concerns = list(
        ConflictConcern.objects.filter(item=item).select_related("raised_by").order_by("raised_at")
    )
    votes = list(Vote.objects.filter(item=item).select_related("person").order_by("person__name"))
    board = BoardDecision.objects.filter(item=item).select_related("recorded_by").first()
    return Statement(item, row, handled, concerns, votes, timezone.now(), board)


def render_text(statement: Statement) -> str:
    """The statement's body as HTML: what is frozen, hashed and shown (COI-5)."""
    return render_to_string("conflicts/statement_text.jinja", {"s": statement}).strip()


def render_pdf(
    statement: Statement, request: Any = None, *, text: str | None = None, note: str = ""
) -> bytes:
    """The statement as a PDF for the Board pack (WeasyPrint; no network: everything inline)."""
    from weasyprint import HTML  # loaded on first use: it is slow to import, not a cycle

    context = {"s": statement, "text": text if text is not None else render_text(statement), "note": note}
    html = render_to_string("conflicts/statement_print.jinja", context, request=request)
    return bytes(HTML(string=html, base_url=None).write_pdf())


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def versions(item: AgendaItem) -> list[StatementVersion]:
    """The frozen versions, newest first, without their PDFs."""
    return list(StatementVersion.objects.filter(item=item).defer("pdf").order_by("-version"))
