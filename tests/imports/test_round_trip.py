"""The lists download in the columns the import reads (ADM-3): organisations, people, and
committees with members exported from a trust import unchanged into it, and into an empty trust
they recreate the same lists."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pecgov.audit.models import AuditEvent
from pecgov.imports.running import import_file
from pecgov.trust import services as ts
from pecgov.trust.models import Organisation
from tests.factories import SYSTEM, World, make_user
from tests.imports.helpers import counts

pytestmark = pytest.mark.django_db
LISTS = [("organisations", "/organisations/"), ("people", "/people/"), ("committees", "/committees/")]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_lists_round_trip(world: World, lead_client: Any, client: Any, fmt: str) -> None:
    """ADM-3: each download imports back changing nothing; the three downloads rebuild the lists
    in an empty trust, and that trust's downloads are the same files."""
    for person in world.people.values():
        person.email = f"{person.name.lower().replace(' ', '.')}@example.org"
        person.save(update_fields=["email"])
    # ORG-1: the address (two lines), postcode and opening date travel too.
    ts.organisation_update(
        actor=SYSTEM,
        organisation=world.practice,
        address="1 High Street\nTestshire",
        postcode="ts1 1aa",
        open_date=dt.date(1974, 4, 1),
    )
    files = {kind: lead_client.get(url, {"download": fmt}).content for kind, url in LISTS}
    if fmt == "csv":
        assert "address,postcode,open_date" in files["organisations"].decode()
        assert '"1 High Street\nTestshire",TS1 1AA,1974-04-01' in files["organisations"].decode()
    before, events = counts(), AuditEvent.objects.count()
    for kind, content in files.items():
        outcome = import_file(
            actor=SYSTEM, trust=world.trust, kind=kind, content=content, filename=f"{kind}.{fmt}"
        )
        assert outcome.problems == [] and outcome.counts["create"] == outcome.counts["update"] == 0, kind
    assert counts() == before and AuditEvent.objects.count() == events

    fresh = ts.trust_create(actor=SYSTEM, name="Copy PCT", ods_code="CPY")
    user = make_user("copy-lead")  # the copy's lead, to download its lists
    ts.role_grant(actor=SYSTEM, user=user, trust=fresh, role="governance_lead")
    for kind, content in files.items():
        outcome = import_file(actor=SYSTEM, trust=fresh, kind=kind, content=content, filename=f"{kind}.{fmt}")
        assert outcome.problems == [], (kind, [str(p) for p in outcome.problems])
    client.force_login(user)
    for kind, url in LISTS:
        again = client.get(url, {"download": "csv"}).content.decode()
        original = lead_client.get(url, {"download": "csv"}).content.decode()
        assert again.replace("Copy PCT", "Testshire PCT") == original, kind
    copied = Organisation.objects.get(trust=fresh, ods_code=world.practice.ods_code)
    assert (copied.address, copied.postcode, copied.open_date) == (
        "1 High Street\nTestshire",
        "TS1 1AA",
        dt.date(1974, 4, 1),
    )
