"""The members API (PUB-2; PERF-1, REM-1, REM-2): reads as the pages, claims written through the
same service with the same messages."""

from __future__ import annotations

import json
from typing import Any

from pecgov.members.models import Claim
from tests.factories import World
from tests.members.helpers import TODAY, agreed_objective, framework


def test_objectives_own_for_a_member_and_everyone_for_the_chair(world: World, client_for: Any) -> None:
    """PERF-1: the member's own; the chair's appointees' too."""
    mine = agreed_objective(world)
    agreed_objective(world, key="executive_director", title="Balance the budget")
    own = client_for("member").get("/api/members/objectives").json()["items"]
    assert [(o["id"], o["agreed"]) for o in own] == [(mine.pk, True)]
    assert len(client_for("pec_chair").get("/api/members/objectives").json()["items"]) == 2


def test_claim_created_refused_and_listed(world: World, client_for: Any) -> None:
    """REM-1: 201 with the claim; 422 naming the field and saving nothing; 403 with no PEC seat."""
    member = client_for("member")
    body = {"month": TODAY().replace(day=1).isoformat(), "sessions": "6"}
    made = member.post("/api/members/claims", json.dumps(body), content_type="application/json")
    assert made.status_code == 201
    assert (made.json()["status"], made.json()["sessions"]) == ("submitted", "6.0")
    again = member.post("/api/members/claims", json.dumps(body), content_type="application/json")
    assert again.status_code == 422
    assert list(again.json()["errors"]) == ["month"]
    lead = client_for("governance_lead")
    assert (
        lead.post("/api/members/claims", json.dumps(body), content_type="application/json").status_code == 403
    )
    assert Claim.objects.count() == 1
    assert [c["id"] for c in lead.get("/api/members/claims").json()["items"]] == [made.json()["id"]]


def test_pay_equity_report_names_members_paid_differently(world: World, client_for: Any) -> None:
    """REM-2: the framework pays every clinical member alike: no finding; the rows by profession."""
    framework(world)
    report = client_for("pec_chair").get("/api/members/pay-equity").json()
    assert report["findings"] == []
    assert {r["profession"] for r in report["rows"]} >= {"GP", "Nurse"}
    assert client_for("member").get("/api/members/pay-equity").status_code == 403
