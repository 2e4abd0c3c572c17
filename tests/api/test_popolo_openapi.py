"""The Popolo open data in the API's OpenAPI document (PUB-2): each `/api/popolo/` document is
listed, public, with its statuses, and its answer described by the vendored Popolo schemas; a
real answer validates against the documented schema, and the schema can refuse."""

from __future__ import annotations

from typing import Any

import jsonschema_rs
import pytest
from django.test import Client

from pecgov.public import popolo_openapi
from tests.factories import World
from tests.public.helpers import Published, published

DOCUMENTS = sorted(popolo_openapi.DOCUMENTS)


def response_validator(document: dict[str, Any], path: str) -> Any:
    """The 200 answer's schema, its references resolved in the document's components."""
    answer = document["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    return jsonschema_rs.Draft202012Validator({**answer, "components": document["components"]})


@pytest.fixture
def pub(world: World, settings: Any, tmp_path: Any) -> Published:
    settings.MEDIA_ROOT = tmp_path
    return published(world)


@pytest.mark.parametrize("base", ["/api/openapi.json", "/api/v1/openapi.json"])
def test_every_popolo_document_is_in_the_openapi_document(client: Client, db: Any, base: str) -> None:
    """PUB-2: five GET operations, public (no security), 200 and 404 documented."""
    document = client.get(base).json()

    for key in DOCUMENTS:
        operation = document["paths"][f"/api/popolo/{{trust}}/{key}.json"]["get"]
        assert operation["security"] == []
        assert set(operation["responses"]) == {"200", "404"}
        assert [p["name"] for p in operation["parameters"]] == ["trust"]
    assert {"PopoloPerson", "PopoloVoteEvent", "PopoloMembership"} <= set(document["components"]["schemas"])


def test_the_popolo_components_are_the_vendored_schemas_in_openapi_form(client: Client, db: Any) -> None:
    """PUB-2: draft 3's `"required": true` became a required list; references point inside."""
    components = client.get("/api/v1/openapi.json").json()["components"]["schemas"]

    count = components["PopoloCount"]
    assert count["required"] == ["option", "value"]
    assert "required" not in count["properties"]["value"]
    items = components["PopoloPerson"]["properties"]["memberships"]["items"]
    assert items == {"$ref": "#/components/schemas/PopoloMembership"}


@pytest.mark.parametrize("key", DOCUMENTS)
def test_each_answer_validates_against_its_documented_schema(pub: Published, key: str) -> None:
    """PUB-2: the answer the public gets is the one the OpenAPI document describes."""
    client = Client()
    document = client.get("/api/v1/openapi.json").json()
    check = response_validator(document, f"/api/popolo/{{trust}}/{key}.json")

    answer = client.get(f"/api/popolo/{pub.key}/{key}.json")

    assert answer.status_code == 200 and answer.json()[key]
    assert [str(e) for e in check.iter_errors(answer.json())] == []
    wrong = {"id": 5, "name": 5, "start_date": "1 April", "person_id": 5, "organization_id": 5}
    assert not check.is_valid({key: [wrong], "trust": {}})  # the check can fail
    assert Client().get(f"/api/popolo/no-such-trust/{key}.json").status_code == 404


def test_the_recused_option_is_documented(client: Client, db: Any) -> None:
    """PUB-2, COI-3: the option Popolo lacks is in the vote's documented choices."""
    document = client.get("/api/openapi.json").json()
    answer = document["paths"]["/api/popolo/{trust}/vote_events.json"]["get"]["responses"]["200"]
    item = answer["content"]["application/json"]["schema"]["properties"]["vote_events"]["items"]
    votes = item["allOf"][1]["properties"]["votes"]["items"]["allOf"][1]["properties"]

    assert "recused" in votes["option"]["enum"] and "conflict" in votes
