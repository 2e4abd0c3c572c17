"""Signed-in users are kept per accounts version (src/pecgov/ui/auth.py, src/pecgov/ui/dataversion.py):
a declaration, an attendance or a case stage in any trust keeps every signed-in user and their
roles; a change to a user, a grant, a person or a seat reads them again (X-1 to X-4 at national
scale, ADM-1, ADM-4).

These tests commit for real (`transactional_db`): the versions go up on commit.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from pecgov.actors import SYSTEM
from pecgov.interests import services as interests
from pecgov.interests.enums import Category
from pecgov.trust import services as trust_services
from pecgov.trust.enums import EndReason, GrantRole
from pecgov.trust.models import Membership, RoleGrant
from pecgov.trust.roles import roles_of
from pecgov.ui import dataversion
from pecgov.ui.auth import KeptUserBackend
from tests.factories import World, make_trust

pytestmark = pytest.mark.usefixtures("transactional_db", "page_cache_on")


@pytest.fixture
def elsewhere(transactional_db: Any) -> World:
    return make_trust(name="Elsewhere PCT", code="ELS")


def declare(world: World, name: str) -> None:
    interests.declaration_create(
        actor=SYSTEM,
        person=world.people["member"],
        category=Category.NON_FINANCIAL_PERSONAL,
        organisation_name=name,
        description="Trustee",
        start_date=dt.date.today() - dt.timedelta(days=3),
    )


def test_a_declaration_in_any_trust_keeps_signed_in_users_and_their_roles(
    world: World, elsewhere: World, django_assert_num_queries: Any
) -> None:
    """X-1 to X-4: the writes people make all day do not make every user be read again."""
    backend = KeptUserBackend()
    lead = world.users["governance_lead"]
    assert roles_of(backend.get_user(lead.pk)).is_governance_lead  # read once, kept
    site, accounts = dataversion.current_version(), dataversion.accounts_version()

    declare(elsewhere, "A charity elsewhere")
    declare(world, "A charity here")

    assert dataversion.current_version() != site  # the whole site's version moved
    assert dataversion.accounts_version() == accounts  # the accounts' did not
    with django_assert_num_queries(1):  # the accounts version: no user, grant or seat read
        assert roles_of(backend.get_user(lead.pk)).is_governance_lead


def test_an_ended_seat_is_read_again_on_the_next_request(world: World) -> None:
    """ORG-4: a member whose seat ended is no longer a PEC member on their next page."""
    backend = KeptUserBackend()
    member = world.users["member"]
    assert roles_of(backend.get_user(member.pk)).is_pec_member
    accounts = dataversion.accounts_version()

    seat = Membership.objects.get(person__user=member, committee=world.pec)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    assert seat.start_date <= yesterday  # the factory's seats began in the past
    trust_services.membership_end(
        actor=world.users["governance_lead"],
        membership=seat,
        end_date=yesterday,
        end_reason=EndReason.values[0],
    )

    assert dataversion.accounts_version() != accounts
    assert not roles_of(backend.get_user(member.pk)).is_pec_member


def test_a_revoked_grant_is_refused_on_the_next_request(world: World) -> None:
    """ADM-4: a lead whose role is revoked is refused at once, though the page was kept."""
    lead = world.users["governance_lead"]
    other = world.users["practice_lead"]
    trust_services.role_grant(actor=SYSTEM, user=other, trust=world.trust, role=GrantRole.GOVERNANCE_LEAD)
    path = reverse("trust:committee_detail", args=[world.pec.pk])
    client = Client()
    client.force_login(lead)
    client.get(path)
    client.get(path)
    assert client.get(path)["X-Page-Cache"] == "hit"
    accounts = dataversion.accounts_version()

    grant = RoleGrant.objects.get(user=lead, trust=world.trust, role=GrantRole.GOVERNANCE_LEAD)
    trust_services.role_revoke(actor=other, grant=grant)

    assert dataversion.accounts_version() != accounts
    assert not roles_of(KeptUserBackend().get_user(lead.pk)).is_governance_lead


def test_a_user_saved_moves_the_accounts_version_and_a_sign_in_does_not(world: World) -> None:
    """X-2: a deactivated account is read again; Django stamping the sign-in time is not a change."""
    user = world.users["member"]
    accounts = dataversion.accounts_version()
    assert KeptUserBackend().get_user(user.pk) is not None  # kept
    assert Client().login(username=user.get_username(), password="a-long-test-password-1")
    assert dataversion.accounts_version() == accounts

    user.is_active = False
    user.save()
    assert dataversion.accounts_version() != accounts
    assert KeptUserBackend().get_user(user.pk) is None  # read again: an inactive user is no one


def test_the_accounts_version_is_read_in_one_query(world: World, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(1):
        version = dataversion.accounts_version()
    assert ":a" in version
