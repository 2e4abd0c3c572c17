"""The committee page's findings and the meeting page's view are kept for the trust's data
version (`ui.kept.per_trust`): read once while nothing in the trust changes, read again after a
committed write in the trust, not after one in another trust (POL-2, COI-2, MTG-2, X-3)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from pecgov.meetings import queries as meeting_queries
from pecgov.trust import services as trust_services
from pecgov.trust import signals as trust_signals
from pecgov.ui import kept
from tests.factories import World
from tests.meeting_factories import conflicted_item

pytestmark = pytest.mark.usefixtures("transactional_db", "page_cache_on")


@pytest.fixture(autouse=True)
def _nothing_kept() -> None:
    kept.forget()


def _spy(monkeypatch: Any, module: Any, name: str) -> list[int]:
    calls: list[int] = []
    real = getattr(module, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def _lead_client(world: World) -> Client:
    client = Client()
    client.force_login(world.users["governance_lead"])
    return client


def _get(client: Client, path: str) -> str:
    response = client.get(path, HTTP_X_BENCH_NO_CACHE="1")
    assert response.status_code == 200
    return response.content.decode()


def test_committee_findings_read_again_only_after_a_write_in_the_trust(
    world: World, other_world: World, monkeypatch: Any
) -> None:
    """POL-2: the compliance findings are worked out once per trust version."""
    calls = _spy(monkeypatch, trust_signals, "findings_for")
    client = _lead_client(world)
    path = reverse("trust:committee_detail", args=[world.pec.pk])
    first = _get(client, path)
    assert "Is the committee constituted lawfully?" in first
    _get(client, path)
    assert len(calls) == 1

    trust_services.person_update(
        actor=other_world.users["governance_lead"], person=other_world.people["member"], job_title="Elsewhere"
    )
    _get(client, path)
    assert len(calls) == 1

    trust_services.person_update(
        actor=world.users["governance_lead"], person=world.people["member"], job_title="Here"
    )
    _get(client, path)
    assert len(calls) == 2


def test_committee_findings_kept_per_day_shown(world: World, monkeypatch: Any) -> None:
    """POL-2: the committee as it stands on another day is its own finding, not today's."""
    calls = _spy(monkeypatch, trust_signals, "findings_for")
    client = _lead_client(world)
    path = reverse("trust:committee_detail", args=[world.pec.pk])
    _get(client, path)
    _get(client, path + "?on=2020-01-01")
    assert len(calls) == 2


def test_meeting_view_read_again_after_a_write_in_the_trust(
    world: World, other_world: World, monkeypatch: Any
) -> None:
    """COI-2, MTG-2: the agenda, attendance and conflict matrix are read once per trust version,
    and a renamed practice shows at once."""
    meeting, _item, _chair = conflicted_item(world)
    calls = _spy(monkeypatch, meeting_queries, "meeting_view")
    client = _lead_client(world)
    path = reverse("meetings:meeting_detail", args=[meeting.pk])
    first = _get(client, path)
    assert world.practice.name in first
    _get(client, path)
    assert len(calls) == 1

    trust_services.person_update(
        actor=other_world.users["governance_lead"], person=other_world.people["member"], job_title="Elsewhere"
    )
    _get(client, path)
    assert len(calls) == 1

    trust_services.organisation_update(
        actor=world.users["governance_lead"], organisation=world.practice, name="Renamed Surgery"
    )
    html = _get(client, path)
    assert len(calls) == 2
    assert "Renamed Surgery" in html


def test_a_meeting_of_another_trust_is_not_found_and_not_kept(
    world: World, other_world: World, monkeypatch: Any
) -> None:
    """X-3: another trust's meeting is a 404 each time, never a kept view."""
    meeting, _item, _chair = conflicted_item(other_world)
    calls = _spy(monkeypatch, meeting_queries, "meeting_view")
    client = _lead_client(world)
    path = reverse("meetings:meeting_detail", args=[meeting.pk])
    for _ in range(2):
        assert client.get(path, HTTP_X_BENCH_NO_CACHE="1").status_code == 404
    assert len(calls) == 2
