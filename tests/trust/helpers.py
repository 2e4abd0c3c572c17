"""Helpers the ORG tests share: row counts to prove nothing was saved, and page text (X-4)."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from pecgov.audit.models import AuditEvent
from pecgov.trust.models import Committee, Membership, Organisation, OrganisationLink, Person, RoleGrant

TRACKED = [Organisation, OrganisationLink, Person, Committee, Membership, RoleGrant]


def snapshot() -> dict[str, int]:
    """Row counts of every ORG table, its history table, and the audit ledger."""
    counts = {model.__name__: model.objects.count() for model in TRACKED}
    counts |= {f"{model.__name__}.history": model.history.model.objects.count() for model in TRACKED}  # type: ignore[attr-defined]
    counts["AuditEvent"] = AuditEvent.objects.count()
    return counts


def date_fields(name: str, day: int | str, month: int | str, year: int | str) -> dict[str, str]:
    """The NHS.UK date input posts three boxes named name[day], name[month], name[year]."""
    return {f"{name}[day]": str(day), f"{name}[month]": str(month), f"{name}[year]": str(year)}


def date_of(name: str, value: dt.date) -> dict[str, str]:
    return date_fields(name, value.day, value.month, value.year)


def text(response: Any) -> str:
    """The page as a reader sees it: entities such as &#39; turned back into characters."""
    return html.unescape(response.content.decode())
