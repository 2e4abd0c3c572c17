"""Reference data kept per trust under its data version (src/pecgov/ui/kept.py `per_trust`): read
again after a committed write in the trust, not after one in another trust (COI-2, X-1 to X-4)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from pecgov.trust import services as trust_services
from pecgov.ui import kept
from tests.factories import World
from tests.meeting_factories import conflicted_item

pytestmark = pytest.mark.usefixtures("transactional_db", "page_cache_on")


@pytest.fixture(autouse=True)
def _nothing_kept() -> None:
    kept.forget()


def counting(reads: list[int], value: Any) -> Any:
    def read() -> Any:
        reads.append(1)
        return value

    return read


def test_kept_until_a_write_in_that_trust(world: World, other_world: World) -> None:
    """A write elsewhere keeps it; a write in the trust reads it again."""
    reads: list[int] = []
    lead = world.users["governance_lead"]
    assert kept.per_trust(world.trust.pk, "names", counting(reads, "one")) == "one"
    assert kept.per_trust(world.trust.pk, "names", counting(reads, "two")) == "one"
    assert len(reads) == 1

    trust_services.person_update(
        actor=other_world.users["governance_lead"], person=other_world.people["member"], job_title="Elsewhere"
    )
    assert kept.per_trust(world.trust.pk, "names", counting(reads, "three")) == "one"
    assert len(reads) == 1

    trust_services.person_update(actor=lead, person=world.people["member"], job_title="Here")
    assert kept.per_trust(world.trust.pk, "names", counting(reads, "four")) == "four"
    assert len(reads) == 2


def test_without_the_page_cache_every_call_reads(world: World, settings: Any) -> None:
    """No version moves without the page cache, so nothing is kept."""
    settings.PAGE_CACHE = False
    reads: list[int] = []
    kept.per_trust(world.trust.pk, "names", counting(reads, 1))
    kept.per_trust(world.trust.pk, "names", counting(reads, 1))
    assert len(reads) == 2


def test_meeting_page_shows_a_renamed_organisation_at_once(world: World) -> None:
    """COI-2: the conflict matrix names the affected practice as it is now called."""
    meeting, _item, _chair = conflicted_item(world)
    client = Client()
    lead = world.users["governance_lead"]
    client.force_login(lead)
    path = reverse("meetings:meeting_detail", args=[meeting.pk])
    old_name = world.practice.name
    assert old_name in client.get(path, HTTP_X_BENCH_NO_CACHE="1").content.decode()

    trust_services.organisation_update(actor=lead, organisation=world.practice, name="Renamed Surgery")

    html = client.get(path, HTTP_X_BENCH_NO_CACHE="1").content.decode()
    assert "Renamed Surgery" in html
