"""Changing, ending and publishing a declaration over the API (PUB-2; COI-1, PUB-1, X-1, X-4,
X-5): the page's services with the page's permissions; If-Match from an older read is 412.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from pecgov.interests import services as interests
from pecgov.interests.models import Declaration
from tests.factories import SYSTEM, World

TODAY = timezone.localdate()


def patch(client: Any, path: str, body: dict[str, Any], **headers: str) -> Any:
    return client.patch(path, body, content_type="application/json", **headers)


def post(client: Any, path: str, body: dict[str, Any]) -> Any:
    return client.post(path, body, content_type="application/json")


@pytest.fixture
def declaration(world: World) -> Declaration:
    return interests.declaration_create(
        actor=SYSTEM,
        person=world.people["member"],
        category="financial",
        description="Partner in the practice",
        start_date=dt.date(2024, 1, 1),
        organisation=world.practice,
    )


def test_a_member_ends_their_own_declaration(client_for: Any, declaration: Declaration) -> None:
    """COI-1: an end date ends the interest; the rest stays as it was."""
    client = client_for("member")
    etag = client.get(f"/api/declarations/{declaration.pk}")["ETag"]

    response = patch(
        client, f"/api/declarations/{declaration.pk}", {"end_date": TODAY.isoformat()}, HTTP_IF_MATCH=etag
    )

    declaration.refresh_from_db()
    assert response.status_code == 200, response.json()
    assert declaration.end_date == TODAY and declaration.description == "Partner in the practice"
    assert response["ETag"] != etag


def test_someone_else_cannot_change_a_declaration(client_for: Any, declaration: Declaration) -> None:
    """X-1: only the person or the governance lead; nothing changes."""
    response = patch(client_for("pec_chair"), f"/api/declarations/{declaration.pk}", {"description": "No"})

    declaration.refresh_from_db()
    assert response.status_code == 403 and declaration.description == "Partner in the practice"


def test_a_declaration_change_with_bad_input_names_the_fields(
    lead_client: Any, other_world: World, declaration: Declaration
) -> None:
    """X-4: an end before the start, another trust's organisation: 422 and nothing changes."""
    early = patch(lead_client, f"/api/declarations/{declaration.pk}", {"end_date": "2020-01-01"})
    elsewhere = patch(
        lead_client, f"/api/declarations/{declaration.pk}", {"organisation_id": other_world.practice.pk}
    )

    declaration.refresh_from_db()
    assert early.status_code == elsewhere.status_code == 422
    assert list(early.json()["errors"]) == ["end_date"]
    assert list(elsewhere.json()["errors"]) == ["organisation_id"]
    assert declaration.end_date is None


def test_a_declaration_change_from_an_older_read_is_refused(
    lead_client: Any, declaration: Declaration
) -> None:
    """X-5: the description changed since the read: 412 names it; nothing saved."""
    etag = lead_client.get(f"/api/declarations/{declaration.pk}")["ETag"]
    interests.declaration_update(actor=SYSTEM, declaration=declaration, description="Salaried GP")

    response = patch(
        lead_client,
        f"/api/declarations/{declaration.pk}",
        {"end_date": TODAY.isoformat()},
        HTTP_IF_MATCH=etag,
    )

    declaration.refresh_from_db()
    assert response.status_code == 412
    assert response.json()["errors"] == {"description": ["description Partner in the practice → Salaried GP"]}
    assert declaration.end_date is None


def test_the_lead_withholds_details_with_a_reason(lead_client: Any, declaration: Declaration) -> None:
    """PUB-1: details withheld, with the reason kept; published again with "published"."""
    withheld = post(
        lead_client,
        f"/api/declarations/{declaration.pk}/publication",
        {"withholding": "details", "reason": "Personal safety"},
    )
    published = post(
        lead_client, f"/api/declarations/{declaration.pk}/publication", {"withholding": "published"}
    )

    assert withheld.status_code == 200 and withheld.json()["withholding"] == "details"
    assert published.status_code == 200 and published.json()["withholding"] == ""


def test_withholding_is_for_the_lead_and_needs_a_reason(
    lead_client: Any, client_for: Any, declaration: Declaration
) -> None:
    """X-1, X-4: a member is 403; no reason or an unknown choice is 422; nothing changes."""
    path = f"/api/declarations/{declaration.pk}/publication"

    member = post(client_for("member"), path, {"withholding": "entry", "reason": "Mine"})
    bare = post(lead_client, path, {"withholding": "entry"})
    unknown = post(lead_client, path, {"withholding": "secret", "reason": "x"})

    declaration.refresh_from_db()
    assert member.status_code == 403
    assert bare.status_code == 422 and list(bare.json()["errors"]) == ["reason"]
    assert unknown.status_code == 422 and list(unknown.json()["errors"]) == ["withholding"]
    assert declaration.withholding == ""
