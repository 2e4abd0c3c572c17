"""A bearer token reads the effectiveness, SHA, survey and members' endpoints as the session
does (PUB-2, X-1): their trust and permission check is the API's one `trust_of`."""

from __future__ import annotations

from typing import Any

import pytest

from pecgov.actors import SYSTEM
from pecgov.api.tokens import token_create
from tests.factories import World

pytestmark = pytest.mark.django_db

PATHS = [
    "/api/surveys",
    "/api/effectiveness/reports",
    "/api/effectiveness/measures",
    "/api/engagement/entries",
    "/api/members/pay-framework",
]


@pytest.mark.parametrize("path", PATHS)
def test_a_token_reads_as_its_user_and_none_reads_nothing(client: Any, world: World, path: str) -> None:
    """PUB-2, X-1: 200 with the lead's token, 401 with none, 403 with an applicant's."""
    _, lead = token_create(actor=SYSTEM, user=world.users["governance_lead"], name="reads")
    assert client.get(path, HTTP_AUTHORIZATION=f"Bearer {lead}").status_code == 200
    assert client.get(path).status_code == 401
    _, applicant = token_create(actor=SYSTEM, user=world.users["applicant"], name="reads")
    assert client.get(path, HTTP_AUTHORIZATION=f"Bearer {applicant}").status_code == 403
