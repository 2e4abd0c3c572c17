"""Granted roles, revoking them, suspending and reactivating accounts (ADM-4)."""

from __future__ import annotations

import pytest
from django.test import Client

from pecgov.audit.models import AuditEvent
from pecgov.audit.verification import verify
from pecgov.errors import DomainError, NotPermitted
from pecgov.onboarding import queries, services
from pecgov.onboarding.models import Suspension
from pecgov.trust import services as ts
from pecgov.trust.enums import GrantRole
from pecgov.trust.models import RoleGrant
from tests.factories import World, make_user

pytestmark = pytest.mark.django_db


def _lead_grant(world: World) -> RoleGrant:
    return RoleGrant.objects.get(user=world.users["governance_lead"], role=GrantRole.GOVERNANCE_LEAD)


def test_grant_and_revoke_are_ledger_events(world: World) -> None:
    """ADM-4, X-2: the lead grants and revokes; both events name history rows and the chain verifies."""
    lead, member = world.users["governance_lead"], world.users["member"]
    grant = ts.role_grant(
        actor=lead, user=member, trust=world.trust, role=GrantRole.PRACTICE_LEAD, organisation=world.practice
    )
    ts.role_revoke(actor=lead, grant=grant)
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()
    revoke = AuditEvent.objects.get(action="role.revoke")
    assert [ref["model"] for ref in revoke.history_refs] == ["trust.HistoricalRoleGrant"]
    assert verify().ok


def test_a_lead_cannot_revoke_their_own_lead_role_and_one_lead_remains(world: World) -> None:
    """ADM-4: no lead removes themselves; a trust always keeps a governance lead."""
    lead = world.users["governance_lead"]
    with pytest.raises(DomainError) as own:
        ts.role_revoke(actor=lead, grant=_lead_grant(world))
    assert own.value.messages == [
        "You cannot revoke your own governance lead role: ask another lead to do it."
    ]
    second = make_user("second-lead")
    ts.role_grant(actor=lead, user=second, trust=world.trust, role=GrantRole.GOVERNANCE_LEAD)
    ts.role_revoke(actor=second, grant=_lead_grant(world))
    last = RoleGrant.objects.get(user=second, role=GrantRole.GOVERNANCE_LEAD)
    with pytest.raises(DomainError) as only:
        ts.role_revoke(actor=ts.SYSTEM, grant=last)
    assert only.value.messages == [
        "A trust must keep one governance lead: grant the role to someone else first."
    ]


def test_revoke_refused_to_others(world: World, other_world: World) -> None:
    for actor in (world.users["member"], other_world.users["governance_lead"]):
        with pytest.raises(NotPermitted):
            ts.role_revoke(actor=actor, grant=_lead_grant(world))


def test_suspended_account_cannot_sign_in_until_reactivated(world: World) -> None:
    """ADM-4: suspension with a reason stops sign-in; reactivation lets them back; both in the ledger."""
    lead, member = world.users["governance_lead"], world.users["member"]
    session = Client()
    session.force_login(member)
    services.account_suspend(actor=lead, user=member, trust_id=world.trust.pk, reason="Left the trust")
    member.refresh_from_db()
    assert member.is_active is False
    assert Client().login(username=member.username, password="a-long-test-password-1") is False
    assert session.get("/people/").status_code == 302  # signed out on the next request
    services.account_reactivate(actor=lead, user=member, trust_id=world.trust.pk, reason="Came back")
    assert Client().login(username=member.username, password="a-long-test-password-1") is True
    assert Suspension.objects.get(user=member).lifted_at is not None
    assert [e.action for e in AuditEvent.objects.filter(action__startswith="account.").order_by("id")] == [
        "account.suspend",
        "account.reactivate",
    ]


@pytest.mark.parametrize("case", ["self", "no_reason", "outsider", "twice", "last_lead"])
def test_suspension_refusals(world: World, other_world: World, case: str) -> None:
    """ADM-4: each refusal is specific and nothing changes."""
    lead, member = world.users["governance_lead"], world.users["member"]
    user, reason, actor = member, "Left", lead
    if case == "self":
        user = lead
    elif case == "no_reason":
        reason = " "
    elif case == "outsider":
        user = other_world.users["member"]
    elif case == "twice":
        services.account_suspend(actor=lead, user=member, trust_id=world.trust.pk, reason="Left")
    elif case == "last_lead":
        user, actor = lead, ts.SYSTEM
    with pytest.raises(DomainError):
        services.account_suspend(actor=actor, user=user, trust_id=world.trust.pk, reason=reason)
    assert Suspension.objects.filter(user=user).count() == (1 if case == "twice" else 0)


def test_reactivating_an_active_account_is_refused(world: World) -> None:
    with pytest.raises(DomainError):
        services.account_reactivate(
            actor=world.users["governance_lead"], user=world.users["member"], trust_id=world.trust.pk
        )


def test_staff_list_shows_grants_with_since_and_held_seats(world: World) -> None:
    """ADM-4: who holds which role and since when."""
    rows = {r.user.username: r for r in queries.staff(world.trust.pk)}
    lead = rows[world.users["governance_lead"].username]
    assert [g.role for g in lead.grants] == [GrantRole.GOVERNANCE_LEAD]
    assert lead.grants[0].since is not None
    chair = rows[world.users["pec_chair"].username]
    assert sorted(s.committee.kind for s in chair.seats) == ["board", "pec"]
    assert world.users["applicant"].username not in rows  # not of this trust
