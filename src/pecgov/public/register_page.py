"""The public register of interests as its page draws it (PUB-1): each seated person's published
entries as one NHS.UK table, drawn in Python (`ui.fastcells`) with the markup the `table` and
`tag` macros write. A page of the national register holds about 900 cells; drawn by the macros
cell by cell they were most of the page's time (X-3)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any, NamedTuple, cast

from django.template import engines
from markupsafe import Markup

from pecgov.interests.queries import Seated
from pecgov.public.queries import cache_seconds
from pecgov.trust.models import Organisation
from pecgov.trust.trustlist import TrustChoice, Trusts
from pecgov.ui.fastcells import cell, row, table
from pecgov.ui.fastmacros import nhsuk_tag
from pecgov.ui.jinja2env import format_date
from pecgov.ui.kept import per_trust

HEAD = ("Kind", "Organisation", "Interest", "From", "To")
ENTRY_WITHHELD = "Entry withheld"
NOWRAP = "pecgov-nowrap"


def chosen(code: str, every: Trusts) -> TrustChoice | None:
    """The trust with this ODS code (any case); without a code, the first trust set up."""
    code = code.strip().upper()[:12]
    if code:
        return every.by_code.get(code)
    return every.by_id[0] if every.by_id else None


def public_cache_seconds(trust: TrustChoice) -> int:
    """How long a shared cache may keep the trust's public register (its policy), read once per
    change in the trust (`ui.kept.per_trust`)."""
    return per_trust(
        trust.pk, "public.cache_seconds", lambda: cache_seconds(Organisation.objects.get(pk=trust.pk))
    )


class RegisterRow(NamedTuple):
    """One seated person on the page: their name, seats and table (empty when nothing is declared)."""

    name: str
    seats: str
    table: Markup


@lru_cache(maxsize=8)
def _tag(text: str) -> Markup:
    """A grey tag, as the `tag` macro draws it."""
    return nhsuk_tag(cast(Any, engines["jinja2"]).env, {"text": text, "colour": "grey"})


class _Cells:
    """Each distinct cell of a page drawn once: kinds, organisations and dates repeat."""

    def __init__(self) -> None:
        self.kept: dict[tuple[str, Any], str] = {}
        self.withheld_entry = cell(html=_tag(ENTRY_WITHHELD), colspan=5)

    def _cell(self, slot: str, value: Any) -> str:
        html = self.kept.get((slot, value))
        if html is None:
            if slot == "text":
                html = cell(value)
            elif slot == "withheld":
                html = cell(html=_tag(value), colspan=2)
            elif slot == "from":
                html = cell(format_date(value), classes=NOWRAP)
            else:  # "to": no end date is "Continuing"
                html = cell(format_date(value) if value else "Continuing", classes=NOWRAP)
            self.kept[(slot, value)] = html
        return html

    def row(self, e: dict[str, Any]) -> str:
        """One entry's row: a withheld entry is one cell that says so, withheld details say so in
        place of the organisation and interest."""
        withheld, kept = e["withheld"], self._cell
        if withheld == ENTRY_WITHHELD:
            return row([self.withheld_entry])
        dates = (kept("from", e["from"]), kept("to", e["to"]))
        if withheld:
            return row([kept("text", e["category"]), kept("withheld", withheld), *dates])
        return row(
            [
                kept("text", e["category"]),
                kept("text", e["organisation"]),
                kept("text", e["description"]),
                *dates,
            ]
        )


def interests_table(name: str, entries: list[dict[str, Any]], cells: _Cells | None = None) -> Markup:
    """One person's published entries (`interests.queries.public_entries_of`) as one table
    (`cells`: those already drawn for the page)."""
    cells = cells or _Cells()
    return table(
        [cells.row(e) for e in entries],
        head=HEAD,
        caption=f"Interests of {name}",
        caption_classes="nhsuk-u-visually-hidden",
    )


def register_rows(people: Iterable[Seated], entries: dict[int, list[dict[str, Any]]]) -> list[RegisterRow]:
    """The page's people with their tables."""
    cells = _Cells()
    return [
        RegisterRow(
            p.name, p.seats, interests_table(p.name, entries[p.pk], cells) if entries[p.pk] else Markup("")
        )
        for p in people
    ]
