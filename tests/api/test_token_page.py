"""The API token page (PUB-2, X-4): a token is shown once, a nameless one is refused, revoking works."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

from pecgov.api.models import ApiToken
from tests.factories import World


def test_token_create_shows_the_key_once_and_it_authenticates(world: World, client_for: Any) -> None:
    client = client_for("member")
    response = client.post("/account/tokens/", {"name": "Board reporting"})
    assert response.status_code == 200
    key = re.search(r'<code id="new-token">([^<]+)</code>', response.content.decode()).group(1)  # type: ignore[union-attr]
    assert ApiToken.objects.filter(user=world.users["member"], name="Board reporting").count() == 1
    assert key not in client.get("/account/tokens/").content.decode()
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.get("/api/committees").status_code == 200


def test_token_without_a_name_is_refused_and_nothing_saved(world: World, client_for: Any) -> None:
    response = client_for("member").post("/account/tokens/", {"name": "  "})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert "Enter" in response.content.decode()
    assert ApiToken.objects.count() == 0


def test_token_revoke_stops_it_working(world: World, client_for: Any) -> None:
    client = client_for("member")
    page = client.post("/account/tokens/", {"name": "Temporary"}).content.decode()
    key = re.search(r'<code id="new-token">([^<]+)</code>', page).group(1)  # type: ignore[union-attr]
    token = ApiToken.objects.get(name="Temporary")
    assert client.post(f"/account/tokens/{token.pk}/revoke/").status_code == 302
    assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/committees").status_code == 401
