"""The PBC group pages' forms over the API (PUB-2; PBC-6, ORG-6, X-1, X-4): maturity, support
for a group and its end, links to the PEC and their end.

Each is the page's service with the page's permission (the governance lead): a member is 403
and nothing is saved; bad input is 422 with a field map named as the body names it and nothing
is saved; another trust's group, support or link is 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from pecgov.commissioning.enums import LinkModel, Maturity, SupportIntensity
from pecgov.commissioning.models import Support
from pecgov.commissioning.pbc import services as ps
from pecgov.trust.models import Organisation
from tests.factories import START, SYSTEM, World
from tests.pbc.helpers import make_group, snapshot

TODAY = timezone.localdate()


def post(client: Any, path: str, body: dict[str, Any]) -> Any:
    return client.post(path, body, content_type="application/json")


@pytest.fixture
def group(world: World) -> Organisation:
    return make_group(world)


def support_body(**changes: Any) -> dict[str, Any]:
    return {
        "description": "Monthly help with budget reports",
        "intensity": SupportIntensity.REGULAR,
        "provided_by": "PCT finance team",
        "start_date": START.isoformat(),
    } | changes


def test_the_lead_adds_and_ends_support_for_a_group(lead_client: Any, group: Organisation) -> None:
    """PBC-6: support with its intensity; ended as the group matures."""
    added = post(lead_client, f"/api/pbc-groups/{group.pk}/support", support_body())
    ended = post(lead_client, f"/api/pbc-support/{added.json()['id']}/end", {"end_date": TODAY.isoformat()})

    assert added.status_code == 201, added.json()
    assert added.json()["intensity"] == "regular" and added.json()["end_date"] is None
    assert ended.status_code == 200 and ended.json()["end_date"] == TODAY.isoformat()
    assert Support.objects.get().end_date == TODAY


def test_support_is_refused_to_a_member(client_for: Any, group: Organisation) -> None:
    """X-1: the page's permission; nothing saved."""
    member = client_for("member")  # signing in is an audit event of its own
    before = snapshot()

    response = post(member, f"/api/pbc-groups/{group.pk}/support", support_body())

    assert response.status_code == 403 and snapshot() == before


def test_support_with_bad_input_names_every_field(lead_client: Any, group: Organisation) -> None:
    """X-4: every missing answer at once, the service's words; nothing saved."""
    before = snapshot()

    response = post(lead_client, f"/api/pbc-groups/{group.pk}/support", {"intensity": "daily"})

    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"description", "intensity", "start_date"}
    assert snapshot() == before


def test_ending_support_before_it_started_is_422(lead_client: Any, group: Organisation) -> None:
    """PBC-6: not before the start; nothing changes."""
    support = ps.support_add(
        actor=SYSTEM, group=group, description="Help", intensity="light", start_date=START
    )

    response = post(
        lead_client,
        f"/api/pbc-support/{support.pk}/end",
        {"end_date": (START - dt.timedelta(days=1)).isoformat()},
    )

    support.refresh_from_db()
    assert response.status_code == 422 and list(response.json()["errors"]) == ["end_date"]
    assert support.end_date is None


def test_another_trusts_group_is_not_found(lead_client: Any, other_world: World) -> None:
    """X-1: never revealed."""
    theirs = make_group(other_world)

    response = post(lead_client, f"/api/pbc-groups/{theirs.pk}/support", support_body())

    assert response.status_code == 404 and not Support.objects.exists()


def test_the_lead_records_maturity(lead_client: Any, client_for: Any, group: Organisation) -> None:
    """PBC-6: a level on a date; a member is 403; a future date is 422."""
    body = {"level": Maturity.DEVELOPING, "assessed_on": START.isoformat(), "note": "Annual review"}
    future = body | {"assessed_on": (TODAY + dt.timedelta(days=3)).isoformat()}

    member = post(client_for("member"), f"/api/pbc-groups/{group.pk}/maturity", body)
    bad = post(lead_client, f"/api/pbc-groups/{group.pk}/maturity", future)
    good = post(lead_client, f"/api/pbc-groups/{group.pk}/maturity", body)

    assert member.status_code == 403
    assert bad.status_code == 422 and list(bad.json()["errors"]) == ["assessed_on"]
    assert good.status_code == 201 and good.json()["level"] == Maturity.DEVELOPING
    assert group.maturity.count() == 1


def test_the_lead_links_a_group_to_the_pec_and_ends_it(lead_client: Any, group: Organisation) -> None:
    """ORG-6: the group meets the PEC with stated arrangements; the link ends."""
    body = {
        "model": LinkModel.GROUP_MEETS_PEC,
        "group_id": group.pk,
        "arrangements": "Formally each quarter",
        "start_date": START.isoformat(),
    }

    made = post(lead_client, "/api/pbc-links", body)
    ended = post(lead_client, f"/api/pbc-links/{made.json()['id']}/end", {"end_date": TODAY.isoformat()})

    assert made.status_code == 201, made.json()
    assert made.json()["group_id"] == group.pk and made.json()["model"] == LinkModel.GROUP_MEETS_PEC
    assert ended.status_code == 200 and ended.json()["end_date"] == TODAY.isoformat()


def test_a_link_with_bad_input_names_the_body_fields(
    lead_client: Any, client_for: Any, other_world: World, group: Organisation
) -> None:
    """X-1, X-4: a member is 403; another trust's group is 422 on group_id; no arrangements is
    422 on arrangements; nothing saved."""
    member_client = client_for("member")
    before = snapshot()
    body = {"model": LinkModel.GROUP_MEETS_PEC, "group_id": group.pk, "start_date": START.isoformat()}

    member = post(member_client, "/api/pbc-links", body | {"arrangements": "Quarterly"})
    elsewhere = post(lead_client, "/api/pbc-links", body | {"group_id": make_group(other_world).pk})
    bare = post(lead_client, "/api/pbc-links", body)

    assert member.status_code == 403
    assert elsewhere.status_code == 422 and list(elsewhere.json()["errors"]) == ["group_id"]
    assert bare.status_code == 422 and list(bare.json()["errors"]) == ["arrangements"]
    assert snapshot()["PbcLink"] == before["PbcLink"]
