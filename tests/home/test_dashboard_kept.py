"""The trust at a glance, kept for the trust's data version (src/pecgov/home/views.py): a write in
the trust shows at once, and the dashboard reads a fixed, small number of queries (ORG-1, POL-2)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from pecgov.home.queries import dashboard
from pecgov.trust import services as trust_services
from pecgov.trust.enums import Profession
from pecgov.ui import kept
from tests.factories import World

# The trust and its counts (1), organisation counts (1), the PEC (1) and its findings: policy (2),
# membership (2), the delegation catalogue not started (1), members' pay rates (1). Before: 13.
DASHBOARD_QUERIES = 10  # with the SHA log read for the third-pin finding (ORG-7)


def people_shown(html: str) -> int:
    match = re.search(r'href="/people/">(\d+)</a>', html)
    assert match, "the dashboard shows the number of people"
    return int(match.group(1))


@pytest.mark.usefixtures("transactional_db", "page_cache_on")
def test_a_new_person_shows_on_the_kept_dashboard_at_once(world: World) -> None:
    """ORG-1: the people count moves with a write in the trust, though the dashboard is kept."""
    kept.forget()
    lead = world.users["governance_lead"]
    client = Client()
    client.force_login(lead)
    before = people_shown(client.get("/", HTTP_X_BENCH_NO_CACHE="1").content.decode())
    assert people_shown(client.get("/", HTTP_X_BENCH_NO_CACHE="1").content.decode()) == before

    trust_services.person_create(
        actor=lead, trust=world.trust, name="Dr New Person", profession=Profession.GP
    )

    assert people_shown(client.get("/", HTTP_X_BENCH_NO_CACHE="1").content.decode()) == before + 1


def test_dashboard_reads_a_fixed_number_of_queries(world: World, db: Any) -> None:
    """POL-2: the policy is read once, by the PEC's findings, not again for the dashboard."""
    with CaptureQueriesContext(connection) as queries:
        context = dashboard(world.trust.pk)
    assert len(queries) == DASHBOARD_QUERIES
    assert context["people_count"] == world.trust.people.count()
    assert context["committee_count"] == world.trust.committees.count()
    assert context["policy"].trust_id == world.trust.pk
    assert [s.committee for s in context["pec_status"]] == [world.pec]
