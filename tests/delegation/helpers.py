"""What the TOR tests share: row counts to prove nothing was saved, and quick builders."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models

from pecgov.audit.models import AuditEvent
from pecgov.delegation import services as ds
from pecgov.delegation.enums import Authority, FunctionGroup
from pecgov.delegation.models import Delegation, DelegationRule, Function, LeadArea, Scheme
from tests.factories import START, SYSTEM, World
from tests.trust.helpers import text

TRACKED: list[type[models.Model]] = [Function, Delegation, LeadArea, Scheme, DelegationRule]


def rows() -> dict[str, int]:
    """Row counts of the TOR models, their history tables and the audit ledger."""
    counts = {m.__name__: m.objects.count() for m in TRACKED}  # type: ignore[attr-defined]
    counts |= {f"{m.__name__}.history": m.history.model.objects.count() for m in TRACKED}  # type: ignore[attr-defined]
    counts["AuditEvent"] = AuditEvent.objects.count()
    return counts


def local(
    world: World, name: str = "Leading on unscheduled care", group: str = FunctionGroup.VISION
) -> Function:
    return ds.function_create(actor=SYSTEM, trust=world.trust, group=group, name=name)


def delegate(function: Function, committee: Any, start: dt.date = START, **kw: Any) -> Delegation:
    kw.setdefault("authority", Authority.DECIDE)
    return ds.delegation_create(actor=SYSTEM, function=function, committee=committee, start_date=start, **kw)


def give_lead(
    world: World, function: Function | None = None, person_key: str = "member", area: str = ""
) -> LeadArea:
    return ds.lead_area_create(
        actor=SYSTEM, person=world.people[person_key], function=function, area=area or "", start_date=START
    )


def cover_every_key_group(world: World, groups: tuple[str, ...]) -> None:
    """POL-3 met: one function in each group, delegated to the PEC and led by the member."""
    for group in groups:
        function = local(world, name=f"Key function: {group}", group=group)
        delegate(function, world.pec)
        give_lead(world, function)


def summary_of(page: str) -> str:
    assert "There is a problem" in page
    return page.split("There is a problem", 1)[1].split("</div>", 1)[0]


def section(page: str, element_id: str) -> str:
    """The HTML of the element with this id, up to the next end of a section, table or list."""
    start = page.index(f'id="{element_id}"')
    ends = [i for i in (page.find(end, start) for end in ("</section>", "</table>", "</ul>")) if i != -1]
    return page[start : min(ends)]


def refused_post(client: Any, url: str, data: dict[str, Any], expected: list[str]) -> str:
    """POST, expect 400 with each message in the error summary and nothing saved."""
    before = rows()
    response = client.post(url, data)
    page = text(response)
    assert response.status_code == 400, page[:2000]
    summary = summary_of(page)
    assert [m for m in expected if m not in summary] == []
    assert rows() == before
    return page
