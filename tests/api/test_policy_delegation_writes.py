"""The policy and delegation forms over the API (PUB-2; POL-1, TOR-1..3): the same services, so
the same rules, history and ledger event; the governance lead only (403 for a member); bad
input 422 with a field map and nothing saved; an edit read at an older version 412 with what
changed (X-5)."""

from __future__ import annotations

from typing import Any

from pecgov.audit.models import AuditEvent
from pecgov.delegation.enums import Authority, DecisionKind, FunctionGroup
from pecgov.delegation.models import Delegation, Function, LeadArea, Scheme
from pecgov.policy.models import PolicyOverride, TrustPolicy
from pecgov.trust.enums import Profession
from tests.delegation.helpers import delegate, give_lead, local, rows
from tests.factories import START, World, make_person

JSON = "application/json"


def post(client: Any, path: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(path, body or {}, content_type=JSON)


# Policy (POL-1)


def test_the_lead_overrides_a_parameter_and_withdraws_it(lead_client: Any, world: World) -> None:
    """POL-1: an override with its reason, then withdrawn; each a ledger event."""
    events = AuditEvent.objects.count()

    made = post(
        lead_client,
        "/api/policy/overrides",
        {"key": "composition.max_members", "value": "10", "reason": "Board minute 12"},
    )

    assert made.status_code == 201, made.content
    override = PolicyOverride.objects.get(pk=made.json()["id"])
    assert override.trust_id == world.trust.pk and made.json()["active"] is True
    withdrawn = post(lead_client, f"/api/policy/overrides/{override.pk}/withdraw")
    assert withdrawn.status_code == 200 and withdrawn.json()["active"] is False
    assert AuditEvent.objects.count() == events + 2
    again = post(lead_client, f"/api/policy/overrides/{override.pk}/withdraw")
    assert again.status_code == 422


def test_an_override_without_a_reason_is_422_and_saves_nothing(lead_client: Any, world: World) -> None:
    """POL-1: the reason is required (the service's words), the key must be the pack's."""
    key = "composition.max_members"

    no_reason = post(lead_client, "/api/policy/overrides", {"key": key, "value": "3", "reason": " "})
    bad_key = post(lead_client, "/api/policy/overrides", {"key": "nope", "value": "3", "reason": "x"})
    bad_value = post(lead_client, "/api/policy/overrides", {"key": key, "value": "many", "reason": "x"})

    assert no_reason.status_code == 422 and "reason" in no_reason.json()["errors"]
    assert bad_key.status_code == 422 and "key" in bad_key.json()["errors"]
    assert bad_value.status_code == 422 and "value" in bad_value.json()["errors"]
    assert not PolicyOverride.objects.exists()


def test_the_lead_chooses_the_pack(lead_client: Any, world: World) -> None:
    """POL-1: the pack in force changes, with a reason; an unknown pack is 422."""
    changed = post(lead_client, "/api/policy/pack", {"pack": "alliance2006", "reason": "Board chose it"})
    unknown = post(lead_client, "/api/policy/pack", {"pack": "nope"})

    assert changed.status_code == 200 and changed.json()["pack"] == "alliance2006"
    assert TrustPolicy.objects.get(trust=world.trust).pack == "alliance2006"
    assert unknown.status_code == 422 and "pack" in unknown.json()["errors"]


def test_policy_writes_are_the_leads_only(client_for: Any, world: World) -> None:
    """X-1: a PEC member and the PEC chair may read the policy but not change it."""
    override = PolicyOverride.objects.create(
        trust=world.trust, key="x", value=1, reason="r", created_at="2026-01-01T00:00:00Z"
    )
    for role in ("member", "pec_chair"):
        c = client_for(role)
        assert post(c, "/api/policy/pack", {"pack": "alliance2006"}).status_code == 403
        assert post(c, "/api/policy/overrides", {"key": "x", "value": "1", "reason": "r"}).status_code == 403
        assert post(c, f"/api/policy/overrides/{override.pk}/withdraw").status_code == 403
    assert client_for("anonymous").post("/api/policy/pack", {}, content_type=JSON).status_code == 401
    assert not TrustPolicy.objects.filter(trust=world.trust, pack="alliance2006").exists()


def test_another_trusts_override_is_not_found(lead_client: Any, other_world: World) -> None:
    """X-1: another trust's override is 404, never withdrawn."""
    theirs = PolicyOverride.objects.create(
        trust=other_world.trust, key="x", value=1, reason="r", created_at="2026-01-01T00:00:00Z"
    )

    assert post(lead_client, f"/api/policy/overrides/{theirs.pk}/withdraw").status_code == 404
    theirs.refresh_from_db()
    assert theirs.withdrawn_at is None


# Delegation (TOR-1..3)


def test_the_lead_adds_edits_and_retires_a_function(lead_client: Any, world: World) -> None:
    """TOR-1: create, read with its version, edit with it, retire; each in the ledger."""
    made = post(lead_client, "/api/functions", {"group": FunctionGroup.VISION, "name": "Urgent care lead"})
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    read = lead_client.get(f"/api/functions/{pk}").json()

    edited = post(
        lead_client,
        f"/api/functions/{pk}",
        {"group": FunctionGroup.VISION, "name": "Urgent care", "read_version": read["read_version"]},
    )
    retired = post(lead_client, f"/api/functions/{pk}/retire", {"retired_on": "2030-01-01"})

    assert edited.status_code == 200 and edited.json()["name"] == "Urgent care"
    assert retired.status_code == 200 and retired.json()["retired_on"] == "2030-01-01"
    assert AuditEvent.objects.filter(action__startswith="function.").count() >= 3
    assert lead_client.get("/api/functions", {"retired": True, "ordering": "-name"}).json()["count"] == 1


def test_an_edit_at_an_older_version_is_412_with_what_changed(lead_client: Any, world: World) -> None:
    """X-5: someone renamed the function since it was read: 412 naming the change in the page's
    words, nothing saved, the same for the ETag sent as If-Match and for the body's
    `read_version`; a version this site did not give is 412 too, under the name it came by."""
    function = local(world, name="Prescribing lead")
    read = lead_client.get(f"/api/functions/{function.pk}")
    version, etag = read.json()["read_version"], read["ETag"]
    Function.objects.filter(pk=function.pk).update(name="Prescribing and medicines")
    before = rows()

    stale = post(
        lead_client,
        f"/api/functions/{function.pk}",
        {"group": function.group, "name": "Mine", "read_version": version},
    )
    by_header = lead_client.post(
        f"/api/functions/{function.pk}",
        {"group": function.group, "name": "Mine"},
        content_type=JSON,
        headers={"If-Match": etag},
    )
    forged = post(
        lead_client,
        f"/api/functions/{function.pk}",
        {"group": function.group, "name": "Mine", "read_version": "x"},
    )

    assert etag == f'"{version}"'
    assert stale.status_code == by_header.status_code == 412
    assert stale.json() == by_header.json()
    assert stale.json()["errors"] == {"name": ["function Prescribing lead → Prescribing and medicines"]}
    assert forged.status_code == 412 and list(forged.json()["errors"]) == ["read_version"]
    assert rows() == before and Function.objects.get(pk=function.pk).name == "Prescribing and medicines"


def test_a_bad_function_is_422_with_a_field_map(lead_client: Any, world: World) -> None:
    """TOR-1: a group outside the list and a blank name are the service's 422s; nothing saved."""
    before = rows()

    bad_group = post(lead_client, "/api/functions", {"group": "nope", "name": "X"})
    no_name = post(lead_client, "/api/functions", {"group": FunctionGroup.VISION, "name": " "})

    assert bad_group.status_code == 422 and "group" in bad_group.json()["errors"]
    assert no_name.status_code == 422 and "name" in no_name.json()["errors"]
    assert rows() == before


def test_the_lead_delegates_a_function_and_ends_it(lead_client: Any, world: World) -> None:
    """TOR-1: the Board delegates to the PEC with an authority; ends it; the Board itself is refused."""
    function = local(world)
    made = post(
        lead_client,
        f"/api/functions/{function.pk}/delegations",
        {"committee_id": world.pec.pk, "authority": Authority.DECIDE, "start_date": str(START)},
    )
    to_board = post(
        lead_client,
        f"/api/functions/{function.pk}/delegations",
        {"committee_id": world.board.pk, "authority": Authority.DECIDE, "start_date": str(START)},
    )

    assert made.status_code == 201, made.content
    assert to_board.status_code == 422 and "committee_id" in to_board.json()["errors"]
    ended = post(lead_client, f"/api/delegations/{made.json()['id']}/end", {"end_date": "2030-01-01"})
    assert ended.status_code == 200 and ended.json()["end_date"] == "2030-01-01"
    assert Delegation.objects.count() == 1


def test_the_lead_gives_and_ends_a_lead_area(lead_client: Any, world: World) -> None:
    """TOR-3: a member leads on an area; someone with no seat is refused (422 on person_id)."""
    made = post(
        lead_client,
        "/api/lead-areas",
        {"person_id": world.people["member"].pk, "area": "Urgent care", "start_date": str(START)},
    )
    seatless = post(
        lead_client,
        "/api/lead-areas",
        {"person_id": make_person(world.trust, Profession.NURSE).pk, "area": "X", "start_date": str(START)},
    )

    assert made.status_code == 201, made.content
    assert seatless.status_code == 422 and "person_id" in seatless.json()["errors"]
    ended = post(lead_client, f"/api/lead-areas/{made.json()['id']}/end", {"end_date": "2030-01-01"})
    assert ended.status_code == 200
    assert LeadArea.objects.count() == 1


def test_a_scheme_is_adopted_whole_or_refused_whole(lead_client: Any, world: World) -> None:
    """TOR-2: a sound scheme is a new version; a gap is refused with every problem named."""
    kind = DecisionKind.BUSINESS_CASE
    sound = {
        "reason": "Board minute 7",
        "bands": [
            {"lower": 0, "upper": 50000, "decider": "executive_director"},
            {"lower": 50001, "decider": "board"},
        ],
    }
    gap = {
        "reason": "x",
        "bands": [{"lower": 0, "upper": 10, "decider": "board"}, {"lower": 20, "decider": "board"}],
    }

    adopted = post(lead_client, f"/api/scheme/{kind}", sound)
    refused = post(lead_client, f"/api/scheme/{kind}", gap)
    no_reason = post(lead_client, f"/api/scheme/{kind}", {**sound, "reason": ""})

    assert adopted.status_code == 201, adopted.content
    assert adopted.json()["version"] == 1 and len(adopted.json()["bands"]) == 2
    assert refused.status_code == 422 and refused.json()["errors"]["bands"]
    # The service's words, the same as the page's (TOR-2)
    assert no_reason.status_code == 422
    assert no_reason.json()["errors"]["reason"] == ["Enter why the scheme is changing"]
    assert Scheme.objects.filter(trust=world.trust, decision_kind=kind).count() == 1
    assert post(lead_client, "/api/scheme/nope", sound).status_code == 404


def test_delegation_writes_are_the_leads_only(client_for: Any, world: World, other_world: World) -> None:
    """X-1: the PEC chair and a member are 403; another trust's function is 404."""
    function = local(world)
    delegation = delegate(function, world.pec)
    lead = give_lead(world, area="Urgent care")
    theirs = local(other_world)
    clients = [client_for(role) for role in ("member", "pec_chair")]  # signing in is a ledger event
    lead_client = client_for("governance_lead")
    before = rows()
    for c in clients:
        assert post(c, "/api/functions", {"group": FunctionGroup.VISION, "name": "Z"}).status_code == 403
        assert post(c, f"/api/delegations/{delegation.pk}/end", {"end_date": "2030-01-01"}).status_code == 403
        assert post(c, f"/api/lead-areas/{lead.pk}/end", {"end_date": "2030-01-01"}).status_code == 403
        assert post(c, "/api/scheme/adopt-default").status_code == 403
    lead_client = client_for("governance_lead")
    assert (
        post(lead_client, f"/api/functions/{theirs.pk}/retire", {"retired_on": "2030-01-01"}).status_code
        == 404
    )
    assert lead_client.get(f"/api/functions/{theirs.pk}").status_code == 404
    after = rows()
    # Nothing saved; the ledger may gain a sign-in event, never a delegation one.
    assert {k: v for k, v in after.items() if k != "AuditEvent"} == {
        k: v for k, v in before.items() if k != "AuditEvent"
    }
    actions = AuditEvent.objects.order_by("-id").values_list("action", flat=True)[
        : after["AuditEvent"] - before["AuditEvent"]
    ]
    assert not [a for a in actions if a.split(".")[0] in {"function", "delegation", "lead_area", "scheme"}]


def test_the_lead_adds_the_published_functions_once(lead_client: Any, world: World) -> None:
    """TOR-1: the published catalogue is added; a second time adds nothing."""
    first = post(lead_client, "/api/catalogue/seed")
    second = post(lead_client, "/api/catalogue/seed")

    assert first.status_code == 200 and first.json()["added"] > 0
    assert second.status_code == 200 and second.json() == {"added": 0}
    assert Function.objects.filter(trust=world.trust).count() == first.json()["added"]
