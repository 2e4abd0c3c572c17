"""The scheme of delegation, routing and function coverage over the API (PUB-2; TOR-2, PBC-2, POL-3).

Any user of the trust reads them; anonymous is 401 and a user outside any trust 403.
The scheme and coverage are the caller's trust's only, and the route is the one a
submitted case records.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from pecgov.delegation import queries
from pecgov.delegation import services as ds
from pecgov.delegation.enums import Authority, DecisionKind, FunctionGroup
from pecgov.delegation.models import DelegationRule, Function, Scheme
from pecgov.delegation.scheme import Band
from tests.api.test_api import TRUST_ROLES
from tests.commissioning_factories import make_commissioning, submit_case
from tests.factories import START, SYSTEM, World

SCHEME_ENDPOINTS = [
    "/api/scheme",
    "/api/scheme/route?kind=business_case&value=100",
    "/api/functions/coverage",
]


def _scheme_by_kind(response: Any) -> dict[str, Any]:
    assert response.status_code == 200, response.content
    return {row["kind"]: row for row in response.json()}


# Permissions


def test_scheme_api_anonymous_is_unauthorised(client_for: Any, world: World) -> None:
    make_commissioning(world)
    anonymous = client_for("anonymous")

    statuses = {path: anonymous.get(path).status_code for path in SCHEME_ENDPOINTS}

    assert statuses == dict.fromkeys(SCHEME_ENDPOINTS, 401)


def test_scheme_api_applicant_without_trust_is_forbidden(client_for: Any, world: World) -> None:
    make_commissioning(world)
    applicant = client_for("applicant")

    statuses = {path: applicant.get(path).status_code for path in SCHEME_ENDPOINTS}

    assert statuses == dict.fromkeys(SCHEME_ENDPOINTS, 403)


@pytest.mark.parametrize("role", TRUST_ROLES)
def test_scheme_api_every_trust_role_can_read(client_for: Any, world: World, role: str) -> None:
    make_commissioning(world)
    user_client = client_for(role)

    statuses = {path: user_client.get(path).status_code for path in SCHEME_ENDPOINTS}

    assert statuses == dict.fromkeys(SCHEME_ENDPOINTS, 200)


# GET /api/scheme (TOR-2)


def test_scheme_api_lists_the_bands_in_force_for_each_kind(lead_client: Any, world: World) -> None:
    make_commissioning(world)

    schemes = _scheme_by_kind(lead_client.get("/api/scheme"))

    assert set(schemes) == set(DecisionKind.values)
    case_scheme = Scheme.objects.get(trust=world.trust, decision_kind=DecisionKind.BUSINESS_CASE)
    expected = [
        (r.lower, r.upper, r.decider, r.get_decider_display())
        for r in DelegationRule.objects.filter(scheme=case_scheme).order_by("lower")
    ]
    got = schemes["business_case"]
    assert got["version"] == case_scheme.version == 1
    assert got["adopted_on"] == case_scheme.adopted_on.isoformat()
    assert [(b["lower"], b["upper"], b["decider"], b["decider_label"]) for b in got["bands"]] == expected
    assert got["bands"][0]["summary"] == f"up to £{got['bands'][0]['upper']:,}"


def test_scheme_api_shows_the_newest_version(lead_client: Any, world: World) -> None:
    make_commissioning(world)
    bands = [Band(0, 9_999, "executive_director"), Band(10_000, None, "board")]
    ds.scheme_adopt(
        actor=SYSTEM, trust=world.trust, decision_kind="business_case", bands=bands, reason="Tighter"
    )

    schemes = _scheme_by_kind(lead_client.get("/api/scheme"))

    assert schemes["business_case"]["version"] == 2
    assert [(b["lower"], b["upper"], b["decider"]) for b in schemes["business_case"]["bands"]] == [
        (0, 9_999, "executive_director"),
        (10_000, None, "board"),
    ]
    assert schemes["commissioning_plan"]["version"] == 1


def test_scheme_api_kind_without_a_scheme_has_no_version_or_bands(lead_client: Any, world: World) -> None:
    schemes = _scheme_by_kind(lead_client.get("/api/scheme"))

    assert {kind: (row["version"], row["adopted_on"], row["bands"]) for kind, row in schemes.items()} == {
        kind: (None, None, []) for kind in DecisionKind.values
    }


def test_scheme_api_shows_only_the_callers_trust(lead_client: Any, world: World, other_world: World) -> None:
    make_commissioning(world)
    ds.scheme_adopt(
        actor=SYSTEM,
        trust=other_world.trust,
        decision_kind="business_case",
        bands=[Band(0, None, "board")],
        reason="Agreed by the Board",
    )

    mine = _scheme_by_kind(lead_client.get("/api/scheme"))["business_case"]
    elsewhere = Client()
    elsewhere.force_login(other_world.users["governance_lead"])
    theirs = _scheme_by_kind(elsewhere.get("/api/scheme"))["business_case"]

    assert [b["decider"] for b in theirs["bands"]] == ["board"]
    assert [b["decider"] for b in mine["bands"]] == [
        "executive_director",
        "pbc_approvals",
        "pec_recommends",
        "board",
    ]


# GET /api/scheme/route (PBC-2)


@pytest.mark.parametrize(
    ("value", "decider"),
    [
        (0, "executive_director"),
        (50_000, "executive_director"),
        (50_001, "pbc_approvals"),
        (250_000, "pbc_approvals"),
        (250_001, "pec_recommends"),
        (1_000_001, "board"),
    ],
)
def test_route_api_names_the_decider_at_each_band_edge(
    lead_client: Any, world: World, value: int, decider: str
) -> None:
    make_commissioning(world)

    response = lead_client.get("/api/scheme/route", {"kind": "business_case", "value": value})

    body = response.json()
    assert response.status_code == 200, body
    assert (body["value"], body["decider"], body["band"]["decider"]) == (value, decider, decider)
    assert body["band"]["lower"] <= value
    assert body["band"]["upper"] is None or value <= body["band"]["upper"]
    assert body["scheme_version"] == 1


def test_route_api_gives_the_reason_a_submitted_case_records(lead_client: Any, world: World) -> None:
    make_commissioning(world)
    case = submit_case(world, value=120_000)

    body = lead_client.get("/api/scheme/route", {"kind": "business_case", "value": 120_000}).json()

    assert body["reason"] == case.route_reason
    assert body["decider"] == case.decider == "pbc_approvals"
    assert body["decider_label"] == "The PBC approvals committee"
    assert body["scheme_version"] == case.scheme.version


def test_route_api_follows_the_newest_version(lead_client: Any, world: World) -> None:
    make_commissioning(world)
    ds.scheme_adopt(
        actor=SYSTEM,
        trust=world.trust,
        decision_kind="business_case",
        bands=[Band(0, 9_999, "executive_director"), Band(10_000, None, "board")],
        reason="Agreed by the Board",
    )

    body = lead_client.get("/api/scheme/route", {"kind": "business_case", "value": 20_000}).json()

    assert (body["decider"], body["scheme_version"]) == ("board", 2)


def test_route_api_uses_the_callers_trusts_scheme(world: World, other_world: World) -> None:
    make_commissioning(world)
    ds.scheme_adopt(
        actor=SYSTEM,
        trust=other_world.trust,
        decision_kind="business_case",
        bands=[Band(0, None, "board")],
        reason="Agreed by the Board",
    )
    elsewhere = Client()
    elsewhere.force_login(other_world.users["member"])

    body = elsewhere.get("/api/scheme/route", {"kind": "business_case", "value": 100}).json()

    assert body["decider"] == "board"


def test_route_api_missing_value_says_to_enter_it(lead_client: Any, world: World) -> None:
    make_commissioning(world)

    response = lead_client.get("/api/scheme/route", {"kind": "business_case"})

    assert response.status_code == 422
    assert response.json()["errors"] == {"value": ["Enter the value of the case in pounds"]}


def test_route_api_negative_value_is_refused(lead_client: Any, world: World) -> None:
    make_commissioning(world)

    response = lead_client.get("/api/scheme/route", {"kind": "business_case", "value": -1})

    assert response.status_code == 422
    assert response.json()["errors"] == {"value": ["The value cannot be negative: enter £0 or more"]}


def test_route_api_value_that_is_not_a_number_is_refused(lead_client: Any, world: World) -> None:
    make_commissioning(world)

    response = lead_client.get("/api/scheme/route", {"kind": "business_case", "value": "lots"})

    assert response.status_code == 422


def test_route_api_unknown_kind_is_refused(lead_client: Any, world: World) -> None:
    make_commissioning(world)

    response = lead_client.get("/api/scheme/route", {"kind": "car_park", "value": 100})

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["kind"]


def test_route_api_without_a_scheme_is_a_conflict_with_the_reason(lead_client: Any, world: World) -> None:
    response = lead_client.get("/api/scheme/route", {"kind": "commissioning_plan", "value": 100})

    assert response.status_code == 409
    assert response.json()["detail"] == (
        "The trust has no scheme of delegation for a commissioning plan yet, so it cannot be routed. "
        "Ask the governance lead to adopt one."
    )


# GET /api/functions/coverage (POL-3)


def test_coverage_api_matches_the_query(lead_client: Any, world: World) -> None:
    expected = [f.as_dict() for f in queries.coverage_findings(world.trust)]

    body = lead_client.get("/api/functions/coverage").json()

    assert body["findings"] == expected
    assert body["framework"] == "dh"
    assert [f["status"] for f in body["findings"]] == ["fail"] * 4
    assert body["worst"] == "fail"


def test_coverage_api_passes_a_group_delegated_and_led(lead_client: Any, world: World) -> None:
    ds.catalogue_seed(actor=SYSTEM, trust=world.trust)
    function = Function.objects.filter(trust=world.trust, group=FunctionGroup.VISION).first()
    assert function is not None
    ds.delegation_create(
        actor=SYSTEM, function=function, committee=world.pec, authority=Authority.DECIDE, start_date=START
    )
    ds.lead_area_create(
        actor=SYSTEM, person=world.people["member"], area="Strategy", function=function, start_date=START
    )

    findings = {f["rule"]: f for f in lead_client.get("/api/functions/coverage").json()["findings"]}

    assert findings["coverage.vision"]["status"] == "pass"
    assert findings["coverage.vision"]["names"] == [world.people["member"].name]
    assert findings["coverage.commissioning"]["status"] == "fail"


def test_coverage_api_is_the_callers_trusts(world: World, other_world: World) -> None:
    ds.catalogue_seed(actor=SYSTEM, trust=world.trust)
    function = Function.objects.filter(trust=world.trust, group=FunctionGroup.VISION).first()
    assert function is not None
    ds.delegation_create(
        actor=SYSTEM, function=function, committee=world.pec, authority=Authority.DECIDE, start_date=START
    )
    ds.lead_area_create(
        actor=SYSTEM, person=world.people["member"], area="Strategy", function=function, start_date=START
    )
    elsewhere = Client()
    elsewhere.force_login(other_world.users["governance_lead"])

    findings = {f["rule"]: f["status"] for f in elsewhere.get("/api/functions/coverage").json()["findings"]}

    assert findings["coverage.vision"] == "fail"


def test_route_api_documents_its_409(client: Any) -> None:
    """PUB-2: every status an operation answers is in the OpenAPI document, the route's 409 too."""
    document = client.get("/api/v1/openapi.json").json()
    answers = document["paths"]["/api/v1/scheme/route"]["get"]["responses"]
    assert "409" in answers and "adopt" in answers["409"]["description"]
