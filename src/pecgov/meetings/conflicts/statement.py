"""The statement to the Board for a recommendation (COI-5; DH 5.8 table, Alliance "Conflicts of
Interest"): where conflicts of interest lay and how they were dealt with, drawn from the record.

Nobody writes it by hand: it is built from the meeting record each time, so it is always
correct for the record as it stands, and the PDF is the same content printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from pecgov.meetings.enums import ItemKind
from pecgov.meetings.models import AgendaItem, ConflictConcern, ItemConflict, Vote
from pecgov.meetings.queries import ItemRow, item_row


@dataclass
class Statement:
    item: AgendaItem
    row: ItemRow
    handled: list[ItemConflict]
    concerns: list[ConflictConcern]
    votes: list[Vote]
    generated_at: Any

    @property
    def meeting(self) -> Any:
        return self.item.meeting

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
    return Statement(item, row, handled, concerns, votes, timezone.now())


def render_pdf(statement: Statement, request: Any = None) -> bytes:
    """The statement as a PDF for the Board pack (WeasyPrint; no network: everything inline)."""
    from weasyprint import HTML

    html = render_to_string("conflicts/statement_print.jinja", {"s": statement}, request=request)
    return HTML(string=html, base_url=None).write_pdf()
