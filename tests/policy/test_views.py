"""The policy pages and forms over HTTP: pack choice, overrides, withdrawal, permissions (POL-1, POL-2, X-4)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from pecgov.audit.models import AuditEvent
from pecgov.policy.models import PolicyOverride, TrustPolicy
from pecgov.policy.services import policy_override
from tests.factories import World

pytestmark = pytest.mark.django_db

OVERRIDE_URL = "/policy/overrides/new/"


def record_override(world: World, value: str = "10") -> PolicyOverride:
    return policy_override(
        actor=world.users["governance_lead"],
        trust=world.trust,
        key="composition.max_members",
        value=value,
        reason="Two PCTs merged",
    )


def test_override_form_without_reason_returns_400_and_saves_nothing(world: World, lead_client: Any) -> None:
    before = (PolicyOverride.objects.count(), AuditEvent.objects.count())

    response = lead_client.post(OVERRIDE_URL, {"key": "composition.max_members", "value": "10", "reason": ""})

    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter the reason for the local decision" in html
    assert (PolicyOverride.objects.count(), AuditEvent.objects.count()) == before


def test_override_form_with_bad_value_returns_400_and_saves_nothing(world: World, lead_client: Any) -> None:
    response = lead_client.post(
        OVERRIDE_URL, {"key": "composition.max_members", "value": "ten", "reason": "Two PCTs merged"}
    )

    assert response.status_code == 400
    assert "Enter a whole number, like 8" in response.content.decode()
    assert PolicyOverride.objects.count() == 0


def test_override_form_without_key_returns_400(world: World, lead_client: Any) -> None:
    response = lead_client.post(OVERRIDE_URL, {"key": "", "value": "10", "reason": "Two PCTs merged"})

    assert response.status_code == 400
    assert "Select the parameter to override" in response.content.decode()
    assert PolicyOverride.objects.count() == 0


def test_override_form_with_reason_shows_the_local_value(world: World, lead_client: Any) -> None:
    response = lead_client.post(
        OVERRIDE_URL, {"key": "composition.max_members", "value": "10", "reason": "Two PCTs merged"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/policy/"
    page = lead_client.get("/policy/").content.decode()
    assert re.search(r'<strong class="nhsuk-tag nhsuk-tag--blue"\s*>\s*Local\s*</strong>', page)
    assert "Pack value: 8. Reason: Two PCTs merged" in page
    assert "Local override of DH 6.2" in page
    assert "Local value recorded for composition.max_members." in page
    assert list(PolicyOverride.objects.values_list("key", "value", "reason")) == [
        ("composition.max_members", 10, "Two PCTs merged")
    ]


def test_override_reaches_the_committee_page(world: World, lead_client: Any) -> None:
    lead_client.post(OVERRIDE_URL, {"key": "composition.max_members", "value": "5", "reason": "Small trust"})

    html = lead_client.get(f"/committees/{world.pec.pk}/").content.decode()

    assert "6 members (not counting co-opted members); the policy allows at most 5." in html
    assert "with local overrides" in html


def test_pack_form_switch_to_alliance_changes_the_committee_findings(world: World, lead_client: Any) -> None:
    committee_url = f"/committees/{world.pec.pk}/"
    before = lead_client.get(committee_url).content.decode()

    response = lead_client.post("/policy/pack/", {"pack": "alliance2006", "reason": "Board decision"})

    after = lead_client.get(committee_url).content.decode()
    assert response.status_code == 302
    assert TrustPolicy.objects.get(trust=world.trust).pack == "alliance2006"
    assert 'data-rule="size"' in before
    assert 'data-rule="managers"' not in before
    assert 'data-rule="size"' not in after
    assert 'data-rule="managers" data-status="fail"' in after
    assert "1 senior manager; the policy asks for at least 3." in after


def test_pack_form_with_unknown_pack_returns_400(world: World, lead_client: Any) -> None:
    response = lead_client.post("/policy/pack/", {"pack": "nhs2010"})

    assert response.status_code == 400
    assert not TrustPolicy.objects.filter(trust=world.trust).exists()


def test_withdraw_as_lead_restores_the_pack_value(world: World, lead_client: Any) -> None:
    override = record_override(world)

    response = lead_client.post(f"/policy/overrides/{override.pk}/withdraw/")

    override.refresh_from_db()
    assert response.status_code == 302
    assert override.withdrawn_at is not None
    page = lead_client.get("/policy/").content.decode()
    assert "Pack value: 8" not in page
    assert "Withdrawn" in page


def test_withdraw_by_get_is_not_allowed(world: World, lead_client: Any) -> None:
    override = record_override(world)

    response = lead_client.get(f"/policy/overrides/{override.pk}/withdraw/")

    override.refresh_from_db()
    assert response.status_code == 405
    assert override.withdrawn_at is None


def test_withdraw_of_another_trusts_override_is_not_found(
    world: World, other_world: World, lead_client: Any
) -> None:
    theirs = record_override(other_world)

    response = lead_client.post(f"/policy/overrides/{theirs.pk}/withdraw/")

    theirs.refresh_from_db()
    assert response.status_code == 404
    assert theirs.withdrawn_at is None


@pytest.mark.parametrize("method", ["get", "post"])
def test_member_cannot_use_the_pack_form(world: World, client_for: Any, method: str) -> None:
    client = client_for("member")

    response = getattr(client, method)("/policy/pack/", {"pack": "alliance2006"})

    assert response.status_code == 403
    assert not TrustPolicy.objects.filter(trust=world.trust).exists()


def test_member_cannot_withdraw_an_override(world: World, client_for: Any) -> None:
    override = record_override(world)

    response = client_for("member").post(f"/policy/overrides/{override.pk}/withdraw/")

    override.refresh_from_db()
    assert response.status_code == 403
    assert override.withdrawn_at is None


def test_member_cannot_record_an_override(world: World, client_for: Any) -> None:
    response = client_for("member").post(
        OVERRIDE_URL, {"key": "composition.max_members", "value": "10", "reason": "Because"}
    )

    assert response.status_code == 403
    assert PolicyOverride.objects.count() == 0


def test_member_sees_the_policy_page_without_change_links(world: World, client_for: Any) -> None:
    record_override(world)

    response = client_for("member").get("/policy/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Change the policy pack" not in html
    assert "In force" in html


def test_policy_page_for_anonymous_redirects_to_sign_in(world: World, client_for: Any) -> None:
    response = client_for("anonymous").get("/policy/")

    assert response.status_code == 302
    assert "next=/policy/" in response["Location"]
