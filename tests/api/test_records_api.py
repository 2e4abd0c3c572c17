"""Declarations and returns, memberships, policy, delegation, appointments and the audit ledger
over the API (PUB-2), with the pages' permissions (X-1) and the services' validation (X-4, X-5).
"""

from __future__ import annotations

from typing import Any

import pytest

from pecgov.audit.models import AuditEvent
from pecgov.interests.models import Declaration, InterestReturn
from pecgov.policy.services import policy_override
from pecgov.trust import services as ts
from pecgov.trust.enums import LinkKind, OrganisationKind
from pecgov.trust.models import Membership
from tests.appointment_factories import make_round, score_all, shortlist, sift_all
from tests.factories import START, SYSTEM, World, make_org, make_person
from tests.meeting_factories import declare


def post(client: Any, path: str, body: dict[str, Any], **headers: str) -> Any:
    return client.post(path, body, content_type="application/json", **headers)


# Declarations and returns (COI-1) ----------------------------------------------------------


def declaration(person_id: int, **extra: Any) -> dict[str, Any]:
    return {
        "person_id": person_id,
        "category": "financial",
        "description": "Shareholder",
        "start_date": "2024-04-01",
        "organisation_name": "Acme Pharmacy Ltd",
    } | extra


def test_a_member_declares_their_own_interest(client_for: Any, world: World) -> None:
    """COI-1, X-5: 201 with the entry; a repeat with the same key is one declaration."""
    member = client_for("member")
    mine = declaration(world.people["member"].pk)

    first = post(member, "/api/declarations", mine, HTTP_IDEMPOTENCY_KEY="d-1")
    again = post(member, "/api/declarations", mine, HTTP_IDEMPOTENCY_KEY="d-1")

    assert first.status_code == again.status_code == 201
    assert first.json()["organisation"] == "Acme Pharmacy Ltd"
    assert Declaration.objects.filter(person=world.people["member"]).count() == 1


def test_a_member_cannot_declare_for_someone_else(client_for: Any, world: World) -> None:
    """COI-1, X-1: only the person or the lead keeps their declarations: 403, nothing saved."""
    response = post(client_for("member"), "/api/declarations", declaration(world.people["pec_chair"].pk))

    assert response.status_code == 403
    assert not Declaration.objects.exists()


def test_a_bad_declaration_names_each_field_and_saves_nothing(lead_client: Any, world: World) -> None:
    """COI-1, X-4: the form's messages, keyed by field."""
    person = world.people["member"].pk

    empty = post(lead_client, "/api/declarations", {"person_id": person})
    elsewhere = post(lead_client, "/api/declarations", declaration(person, organisation_id=10**9))

    assert empty.status_code == 422 and {"category", "description"} <= set(empty.json()["errors"])
    assert elsewhere.status_code == 422 and "organisation_id" in elsewhere.json()["errors"]
    assert not Declaration.objects.exists()


def test_another_trusts_declaration_is_not_found(client: Any, world: World, other_world: World) -> None:
    """X-1: 404, and their person cannot be declared for."""
    entry = declare(world.people["member"], world.practice)
    client.force_login(other_world.users["governance_lead"])

    assert client.get(f"/api/declarations/{entry.pk}").status_code == 404
    response = post(client, "/api/declarations", declaration(world.people["member"].pk))
    assert response.status_code == 422 and "person_id" in response.json()["errors"]


def test_a_nil_return_is_refused_with_interests_in_force(client_for: Any, world: World) -> None:
    """COI-1: a member with an interest confirms instead; the confirmation is listed."""
    declare(world.people["member"], world.practice)
    member = client_for("member")
    me = world.people["member"].pk

    nil = post(member, "/api/returns", {"person_id": me, "kind": "nil"})
    confirmed = post(member, "/api/returns", {"person_id": me, "kind": "confirmed"})
    listed = member.get("/api/returns", {"person": me}).json()

    assert nil.status_code == 422 and "kind" in nil.json()["errors"]
    assert confirmed.status_code == 201
    assert InterestReturn.objects.count() == 1 and listed["count"] == 1


# Memberships (ORG-4) ----------------------------------------------------------------------


def test_the_lead_seats_and_ends_a_member(lead_client: Any, world: World) -> None:
    """ORG-4: seated with the form's checks; ended with a reason; each one audit event."""
    person = make_person(world.trust, name="Dr New Member")
    path = f"/api/committees/{world.pec.pk}/memberships"

    bad = post(lead_client, path, {"person_id": person.pk, "role": "emperor", "start_date": "2025-01-01"})
    made = post(lead_client, path, {"person_id": person.pk, "role": "clinical", "start_date": "2025-01-01"})
    seat_id = made.json()["id"]
    no_reason = post(lead_client, f"/api/memberships/{seat_id}/end", {"end_date": "2025-06-30"})
    ended = post(
        lead_client, f"/api/memberships/{seat_id}/end", {"end_date": "2025-06-30", "end_reason": "stood_down"}
    )

    assert bad.status_code == 422 and "role" in bad.json()["errors"]
    assert made.status_code == 201 and made.json()["person_name"] == "Dr New Member"
    assert no_reason.status_code == 422 and "end_reason" in no_reason.json()["errors"]
    assert ended.status_code == 200 and ended.json()["end_date"] == "2025-06-30"
    assert Membership.objects.filter(person=person).count() == 1


def test_only_the_lead_seats_members(client_for: Any, world: World, other_world: World) -> None:
    """X-1: a PEC chair is 403; another trust's lead gets 404 for this committee."""
    person = make_person(world.trust)
    body = {"person_id": person.pk, "role": "clinical", "start_date": "2025-01-01"}
    path = f"/api/committees/{world.pec.pk}/memberships"
    other = client_for("anonymous")
    other.force_login(other_world.users["governance_lead"])

    assert post(client_for("pec_chair"), path, body).status_code == 403
    assert post(other, path, body).status_code == 404
    assert not Membership.objects.filter(person=person).exists()


# Policy and delegation (POL-1, TOR-2, TOR-3) ------------------------------------------------


def test_policy_and_its_overrides(client_for: Any, world: World) -> None:
    """POL-1: the parameters in force with their source; the overrides with their reason."""
    policy_override(actor=SYSTEM, trust=world.trust, key="composition.max_members", value=12, reason="Growth")
    member = client_for("member")

    policy = member.get("/api/policy").json()
    overrides = member.get("/api/policy/overrides", {"active": "true"}).json()

    by_key = {p["key"]: p for p in policy["parameters"]}
    assert by_key["composition.max_members"]["value"] == 12
    assert by_key["composition.max_members"]["source"] != by_key["meetings.quorum_percent"]["source"]
    assert [(o["key"], o["reason"]) for o in overrides["items"]] == [("composition.max_members", "Growth")]


def test_lead_areas_and_delegations_are_the_trusts(client_for: Any, other_world: World, world: World) -> None:
    """TOR-2, TOR-3: lists of the caller's trust only (empty here); an applicant is 403."""
    assert client_for("member").get("/api/lead-areas").json() == []
    assert client_for("member").get("/api/delegations").json() == {"items": [], "count": 0}
    assert client_for("applicant").get("/api/lead-areas").status_code == 403


def test_pbc_groups_are_listed_with_their_practices(client_for: Any, world: World) -> None:
    """PBC-6: each open group of the trust, its member practices counted; an applicant is 403."""
    group = make_org(world.trust, OrganisationKind.PBC_GROUP, "North PBC Group")
    ts.organisation_link_create(
        actor=SYSTEM,
        from_organisation=world.practice,
        to_organisation=group,
        kind=LinkKind.MEMBER_OF_PBC_GROUP,
        start_date=START,
    )

    groups = client_for("member").get("/api/pbc-groups").json()

    assert [(g["name"], g["practices"], g["maturity"]) for g in groups] == [("North PBC Group", 1, None)]
    assert client_for("applicant").get("/api/pbc-groups").status_code == 403


# Appointments (APP-1 to APP-7) -------------------------------------------------------------


@pytest.fixture
def round_(world: World) -> Any:
    rnd = make_round(world)
    sift_all(rnd)
    shortlist(rnd)
    score_all(rnd)
    return rnd


def test_the_lead_reads_posts_campaigns_applications_and_scores(lead_client: Any, round_: Any) -> None:
    """APP-2, APP-3, APP-5: every campaign, its panel, its applications and every score."""
    campaign = lead_client.get(f"/api/appointments/campaigns/{round_.campaign.pk}").json()
    applications = lead_client.get(f"/api/appointments/campaigns/{round_.campaign.pk}/applications").json()
    application = round_.applications[0].pk
    scores = lead_client.get(f"/api/appointments/applications/{application}/scores").json()

    assert lead_client.get("/api/appointments/posts").json()["count"] == 1
    assert len(campaign["panel"]) == 3
    assert len(applications) == 3
    assert len({s["scorer_id"] for s in scores}) == 3


def test_a_panel_member_sees_only_their_own_scores(client_for: Any, world: World, round_: Any) -> None:
    """APP-7: the PCT chair sits on the panel but does not chair it: their own scores only."""
    application = round_.applications[0].pk

    scores = client_for("pct_chair").get(f"/api/appointments/applications/{application}/scores").json()

    assert scores and {s["scorer_id"] for s in scores} == {world.people["pct_chair"].pk}


def test_applications_are_hidden_from_the_rest_of_the_trust(client_for: Any, round_: Any) -> None:
    """APP-7: a PEC member is 403 for the lists and 404 for the campaign and its applications."""
    member = client_for("member")
    campaign = round_.campaign.pk

    assert member.get("/api/appointments/campaigns").status_code == 403
    assert member.get("/api/appointments/plans").status_code == 403
    assert member.get(f"/api/appointments/campaigns/{campaign}").status_code == 404
    assert member.get(f"/api/appointments/campaigns/{campaign}/applications").status_code == 404
    assert member.get(f"/api/appointments/applications/{round_.applications[0].pk}/scores").status_code == 404


# The audit ledger (X-2) ---------------------------------------------------------------------


def test_the_ledger_is_read_only_and_the_trusts(client_for: Any, world: World, other_world: World) -> None:
    """X-2: the lead reads their trust's events newest first, filtered by action; a member is
    403; nothing can be written."""
    declare(world.people["member"], world.practice)
    lead = client_for("governance_lead")

    events = lead.get("/api/audit/events", {"action": "declaration.create"}).json()
    everything = lead.get("/api/audit/events").json()

    assert events["count"] == 1 and events["items"][0]["action"] == "declaration.create"
    ids = [e["id"] for e in everything["items"]]
    assert ids == sorted(ids, reverse=True)
    assert set(AuditEvent.objects.filter(pk__in=ids).values_list("trust_id", flat=True)) == {world.trust.pk}
    assert client_for("member").get("/api/audit/events").status_code == 403
    assert post(lead, "/api/audit/events", {}).status_code == 405
    assert lead.get("/api/audit/events", {"ordering": "at"}).status_code == 422
