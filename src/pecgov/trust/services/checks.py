"""What the ORG services share: the permission check and the small field checks (X-1, X-4)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Choices

from pecgov.actors import Actor, require
from pecgov.errors import DomainError

NOT_LEAD = "Only the trust's governance lead can change this."


def require_manager(actor: Actor, trust_id: int) -> None:
    """The governance lead of that trust, or the system (demo loader, imports, tests' set-up):
    the "trust.manage" permission (pecgov.trust.rules)."""
    require(actor, "trust.manage", trust_id, message=NOT_LEAD)


def check_dates(start: dt.date | None, end: dt.date | None, *, start_field: str = "start_date") -> None:
    if start is None:
        raise DomainError({start_field: "Enter the start date"})
    if end is not None and end < start:
        raise DomainError({"end_date": "End date must be the same as or after the start date"})


def check_choice(value: str, choices: type[Choices], field: str, message: str) -> None:
    if value not in choices.values:
        raise DomainError({field: message})
