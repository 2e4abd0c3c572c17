"""The versioned base path and the OpenAPI document (PUB-2, X-4).

/api/v1/ is the API; /api/ is its alias for existing clients: the same answers, permissions
and idempotency. The OpenAPI document lists every response an operation can give: a test walks
it and fails for an operation missing an error status.
"""

from __future__ import annotations

from typing import Any

import pytest

from pecgov.actors import SYSTEM
from pecgov.api.tokens import token_create
from pecgov.commissioning.models import BusinessCase
from tests.factories import World

POPOLO = "/api/popolo/"  # the open data, at its own address: not under the versioned path
READ_ERRORS = {"400", "401", "403", "404", "422"}
WRITE_ERRORS = READ_ERRORS | {"409", "413"}
# The paths the complete API added (PUB-2): the meeting's record, declarations and returns,
# memberships, policy, delegation, PBC groups, appointments and the ledger.
COMPLETE_API = {
    "/api/memberships/{membership_id}",
    "/api/memberships/{membership_id}/end",
    "/api/policy",
    "/api/policy/overrides",
    "/api/meetings/{meeting_id}/items",
    "/api/meetings/{meeting_id}/attendance",
    "/api/meetings/{meeting_id}/minutes",
    "/api/meetings/{meeting_id}/actions",
    "/api/items/{item_id}",
    "/api/items/{item_id}/papers",
    "/api/items/{item_id}/votes",
    "/api/items/{item_id}/decision",
    "/api/items/{item_id}/board-decision",
    "/api/papers/{paper_id}",
    "/api/papers/{paper_id}/download",
    "/api/minutes/{minutes_id}",
    "/api/minutes/{minutes_id}/approve",
    "/api/actions",
    "/api/actions/{action_id}/complete",
    "/api/board-decisions",
    "/api/declarations/{declaration_id}",
    "/api/returns",
    "/api/lead-areas",
    "/api/delegations",
    "/api/appointments/plans",
    "/api/appointments/posts",
    "/api/appointments/campaigns",
    "/api/appointments/campaigns/{campaign_id}",
    "/api/appointments/campaigns/{campaign_id}/applications",
    "/api/appointments/applications/{application_id}/scores",
    "/api/audit/events",
    "/api/pbc-groups",
}


def test_the_v1_base_path_answers_as_the_alias(lead_client: Any, world: World) -> None:
    """PUB-2: /api/v1/people and /api/people are the same answer."""
    v1 = lead_client.get("/api/v1/people", {"limit": 3})
    alias = lead_client.get("/api/people", {"limit": 3})

    assert v1.status_code == alias.status_code == 200
    assert v1.json() == alias.json() and v1.json()["count"] > 0


@pytest.mark.parametrize("path", ["/api/v1/people", f"/api/v1/committees/{10**9}"])
def test_the_v1_base_path_has_the_same_permissions(client_for: Any, path: str) -> None:
    """X-1: anonymous 401, an applicant 403, on v1 as on the alias."""
    assert client_for("anonymous").get(path).status_code == 401
    assert client_for("applicant").get(path).status_code == 403


def test_an_unknown_v1_path_is_not_found(lead_client: Any) -> None:
    """PUB-2: only the API's own operations are under /api/v1/ (no page, no nested v1)."""
    assert lead_client.get("/api/v1/nothing-here").status_code == 404
    assert lead_client.get("/api/v1/v1/people").status_code == 404
    assert lead_client.get("/api/v1/popolo/persons").status_code == 404


def test_a_token_writes_through_v1_without_a_csrf_cookie(client: Any, world: World) -> None:
    """PUB-2: a bearer token posts to /api/v1/ as to /api/ (the token needs no CSRF check)."""
    _, key = token_create(actor=SYSTEM, user=world.users["governance_lead"], name="v1")
    client.enforce_csrf_checks = True

    response = client.post(
        "/api/v1/cases", {}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    )

    assert response.status_code == 422 and "errors" in response.json()
    assert not BusinessCase.objects.exists()


def test_the_v1_document_lists_the_v1_paths(client: Any, db: Any) -> None:
    """PUB-2: /api/v1/openapi.json names /api/v1/ paths; the alias's names /api/ paths."""
    v1 = client.get("/api/v1/openapi.json").json()
    alias = client.get("/api/openapi.json").json()

    v1_paths = [p for p in v1["paths"] if not p.startswith(POPOLO)]
    alias_paths = [p for p in alias["paths"] if not p.startswith(POPOLO)]
    assert "/api/v1/meetings" in v1_paths and all(p.startswith("/api/v1/") for p in v1_paths)
    assert {p.removeprefix("/api/v1/") for p in v1_paths} == {p.removeprefix("/api/") for p in alias_paths}


def test_every_operation_documents_its_statuses(client: Any, db: Any) -> None:
    """X-4: every operation documents a success and each error it can give (401, 403, 404, 400,
    422 for all; 409 and 413 for writes), each error with the JSON error shape."""
    document = client.get("/api/v1/openapi.json").json()
    missing = []
    for path, operations in document["paths"].items():
        if path.startswith(POPOLO):
            continue  # public open data, no sign-in: its statuses are checked in test_popolo_openapi.py
        for method, operation in operations.items():
            codes = set(operation["responses"])
            expected = WRITE_ERRORS if method in {"post", "put", "patch", "delete"} else READ_ERRORS
            if not any(c.startswith("2") for c in codes) or not expected <= codes:
                missing.append(f"{method.upper()} {path}: {sorted(expected - codes)}")
            for code in expected & codes:
                content = operation["responses"][code].get("content", {})
                if content.get("application/json", {}).get("schema") != {
                    "$ref": "#/components/schemas/Error"
                }:
                    missing.append(f"{method.upper()} {path} {code}: not the error shape")
    assert missing == []
    assert {"/api/v1/" + p.removeprefix("/api/") for p in COMPLETE_API} <= set(document["paths"])


def test_every_error_is_json_with_a_field_map(lead_client: Any, world: World) -> None:
    """X-4: a refused write says which field, in JSON, on both base paths."""
    for base in ("/api/", "/api/v1/"):
        response = lead_client.post(f"{base}meetings", {}, content_type="application/json")
        assert response.status_code == 422
        assert response.json()["errors"]["committee_id"] == ["Select one of the trust's committees"]


def test_a_number_too_big_for_the_database_is_bad_input(lead_client: Any) -> None:
    """X-4: schemathesis sent /api/delegations?committee=36483622374712964120838144; SQLite
    refuses the int before SQL runs: 422 JSON, never a 500."""
    response = lead_client.get(
        "/api/delegations", {"committee": 36483622374712964120838144, "offset": 3211522083039420}
    )

    assert response.status_code in (200, 422)
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.usefixtures("transactional_db", "page_cache_on")
def test_a_kept_v1_list_changes_with_a_write(lead_client: Any, world: World) -> None:
    """PUB-2: /api/v1/meetings is kept by the page cache as /api/meetings is, and a write
    through either path is seen on the next read of both."""
    soon = "2030-03-01T10:00:00Z"
    before_v1 = lead_client.get("/api/v1/meetings").json()["count"]
    before_alias = lead_client.get("/api/meetings").json()["count"]

    made = lead_client.post(
        "/api/v1/meetings",
        {"committee_id": world.pec.pk, "starts_at": soon, "location": "Room 9"},
        content_type="application/json",
    )

    assert made.status_code == 201
    assert lead_client.get("/api/v1/meetings").json()["count"] == before_v1 + 1
    assert lead_client.get("/api/meetings").json()["count"] == before_alias + 1
