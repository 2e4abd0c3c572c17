"""Logging SHA engagement in tests, through the service (ORG-7)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pecgov.engagement import services
from pecgov.engagement.models import ShaEntry
from pecgov.trust.models import Person
from tests.factories import SYSTEM, World


def log(
    world: World, held_on: dt.date, kind: str = "high_level", people: list[Person] | None = None, **kw: Any
) -> ShaEntry:
    kw.setdefault("subject", f"{kind} on {held_on}")
    return services.entry_create(
        actor=SYSTEM,
        trust=world.trust,
        held_on=held_on,
        kind=kind,
        attendees=people if people is not None else [world.people["pct_chair"]],
        sha_attendees="Jo Bloggs, SHA director of commissioning",
        **kw,
    )
