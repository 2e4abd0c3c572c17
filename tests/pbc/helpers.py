"""What the PBC group tests share: a group with practices and a locality, a committee of PBC
leads, and row counts proving nothing was saved (ORG-6, PBC-6, X-4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import models

from pecgov.audit.models import AuditEvent
from pecgov.commissioning.models import MaturityAssessment, PbcLink, Support
from pecgov.errors import DomainError
from pecgov.trust import services as ts
from pecgov.trust.enums import CommitteeKind, LinkKind, OrganisationKind
from pecgov.trust.models import Committee, Organisation
from tests.factories import START, SYSTEM, World, make_org

TRACKED: list[type[models.Model]] = [MaturityAssessment, Support, PbcLink]


def snapshot() -> dict[str, int]:
    """Row counts of the PBC group tables, their history tables and the audit ledger."""
    counts = {m.__name__: m._default_manager.count() for m in TRACKED}
    counts |= {f"{m.__name__}.history": m.history.model.objects.count() for m in TRACKED}  # type: ignore[attr-defined]
    counts["AuditEvent"] = AuditEvent.objects.count()
    return counts


def refused(act: Callable[[], Any]) -> DomainError:
    """Run `act`, expect a DomainError, and check nothing was written."""
    before = snapshot()
    with pytest.raises(DomainError) as caught:
        act()
    assert snapshot() == before
    return caught.value


def link(
    org: Organisation, to: Organisation, kind: str, start: dt.date = START, end: dt.date | None = None
) -> None:
    ts.organisation_link_create(
        actor=SYSTEM, from_organisation=org, to_organisation=to, kind=kind, start_date=start, end_date=end
    )


def make_group(world: World, name: str | None = None, practices: int = 0) -> Organisation:
    """A PBC group in `world`'s trust with `practices` new member practices."""
    group = make_org(world.trust, OrganisationKind.PBC_GROUP, name)
    for _ in range(practices):
        link(make_org(world.trust, OrganisationKind.PRACTICE), group, LinkKind.MEMBER_OF_PBC_GROUP)
    return group


def make_locality(world: World, name: str, forum: str | None = None) -> Organisation:
    """A locality, with an Area Commissioning Forum covering it when `forum` is named."""
    locality = make_org(world.trust, OrganisationKind.LOCALITY, name)
    if forum:
        ts.committee_create(
            actor=SYSTEM,
            trust=world.trust,
            kind=CommitteeKind.ACF,
            name=forum,
            parent=world.pec,
            locality=locality,
        )
    return locality


def leads_committee(world: World, name: str = "Committee of PBC leads") -> Committee:
    return ts.committee_create(
        actor=SYSTEM, trust=world.trust, kind=CommitteeKind.PBC_LEADS, name=name, parent=world.pec
    )
