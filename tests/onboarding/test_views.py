"""The onboarding pages: thin views over the services (ADM-1, ADM-4, X-4)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from pecgov.actors import SYSTEM
from pecgov.onboarding import services
from pecgov.onboarding.models import Invitation, Suspension
from pecgov.trust.enums import GrantRole, Profession
from pecgov.trust.models import Organisation, Person, RoleGrant
from tests.factories import World, make_person
from tests.onboarding.helpers import make_site_admin, open_trust, token_from_outbox

pytestmark = pytest.mark.django_db
GOOD = "a-much-better-passphrase-42"


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_site_admin_sets_up_a_trust_from_the_page() -> None:
    """ADM-1: the form sets up the trust; bad input is answered 400 with the field's message."""
    client = _client(make_site_admin())
    bad = client.post(reverse("onboarding:trust_create"), {"name": "", "ods_code": "5NT", "pack": "dh2007"})
    assert bad.status_code == 400
    assert "Enter trust name" in bad.content.decode()
    assert not Organisation.objects.filter(ods_code="5NT").exists()
    made = client.post(
        reverse("onboarding:trust_create"),
        {"name": "Newtown PCT", "ods_code": "5nt", "pack": "alliance2006", "pec_name": "Clinical Executive"},
    )
    trust = Organisation.objects.get(ods_code="5NT")
    assert made.status_code == 302 and made["Location"] == reverse("onboarding:trust_detail", args=[trust.pk])
    listing = client.get(reverse("onboarding:trust_list")).content.decode()
    assert "Newtown PCT" in listing and "alliance2006" in listing


def test_site_admin_names_the_lead_who_accepts_and_lands_home_with_the_checklist() -> None:
    """ADM-1, ADM-4: invitation → password → signed in on home, with the setup checklist."""
    admin = make_site_admin()
    trust = open_trust(admin)
    response = _client(admin).post(
        reverse("onboarding:trust_lead", args=[trust.pk]), {"name": "Lee Lead", "email": "lee@example.org"}
    )
    assert response.status_code == 302
    token = token_from_outbox("lee@example.org")
    invitee = Client()
    form = invitee.get(reverse("onboarding:accept", args=[token]))
    assert form.status_code == 200 and "Set your password" in form.content.decode()
    mismatch = invitee.post(
        reverse("onboarding:accept", args=[token]), {"password": GOOD, "password_again": GOOD + "x"}
    )
    assert mismatch.status_code == 400
    done = invitee.post(
        reverse("onboarding:accept", args=[token]), {"password": GOOD, "password_again": GOOD}
    )
    assert done.status_code == 302 and done["Location"] == reverse("home")
    home = invitee.get(reverse("home")).content.decode()
    assert 'id="setup-checklist"' in home
    assert 'id="setup-policy"' in home and "Schedule the first meeting" in home
    assert RoleGrant.objects.filter(
        trust=trust, role=GrantRole.GOVERNANCE_LEAD, user__username="lee@example.org"
    ).exists()


def test_used_link_answers_gone_with_a_message(world: World) -> None:
    """ADM-4: a used link says so (410), and creates nothing."""
    person = make_person(world.trust, Profession.NURSE)
    _inv, token = services.invitation_create(actor=SYSTEM, person=person, email="n@example.org")
    services.invitation_accept(token=token, password=GOOD)
    response = Client().get(reverse("onboarding:accept", args=[token]))
    assert response.status_code == 410
    assert "already been used" in response.content.decode()


def test_lead_invites_someone_new_and_someone_on_the_records(world: World, lead_client: Any) -> None:
    """ADM-4: a new person is added and invited in one step; an existing one is chosen."""
    url = reverse("onboarding:staff_invite")
    missing = lead_client.post(url, {"person": "", "name": "", "email": ""})
    assert missing.status_code == 400
    new = lead_client.post(
        url, {"person": "", "name": "Nia New", "profession": Profession.GP, "email": "nia@example.org"}
    )
    assert new.status_code == 302
    assert Invitation.objects.get(email="nia@example.org").person.name == "Nia New"
    known = make_person(world.trust, Profession.NURSE, email="kim@example.org")
    assert lead_client.post(url, {"person": known.pk}).status_code == 302
    assert Invitation.objects.get(person=known).email == "kim@example.org"


def test_invite_refusal_leaves_no_half_made_person(world: World, lead_client: Any) -> None:
    """X-4: the person is not kept when the invitation is refused."""
    world.users["member"].email = "taken@example.org"
    world.users["member"].save()
    response = lead_client.post(
        reverse("onboarding:staff_invite"),
        {"person": "", "name": "Dup Licate", "profession": Profession.GP, "email": "taken@example.org"},
    )
    assert response.status_code == 400
    assert not Person.objects.filter(name="Dup Licate").exists()


def test_staff_page_grants_suspends_reactivates_and_revokes(world: World, lead_client: Any) -> None:
    """ADM-4: each action from the staff page, each shown on it afterwards."""
    member = world.users["member"]
    page = lead_client.get(reverse("onboarding:staff_list")).content.decode()
    assert world.people["member"].name in page and "Governance lead" in page
    granted = lead_client.post(
        reverse("onboarding:staff_grant", args=[member.pk]),
        {"role": GrantRole.PRACTICE_LEAD, "organisation": ""},
    )
    assert granted.status_code == 400  # a practice lead acts for a named practice
    lead_client.post(
        reverse("onboarding:staff_grant", args=[member.pk]),
        {"role": GrantRole.PRACTICE_LEAD, "organisation": world.practice.pk},
    )
    grant = RoleGrant.objects.get(user=member, role=GrantRole.PRACTICE_LEAD)
    lead_client.post(reverse("onboarding:staff_suspend", args=[member.pk]), {"reason": "On leave"})
    member.refresh_from_db()
    assert member.is_active is False
    assert "On leave" in lead_client.get(reverse("onboarding:staff_list")).content.decode()
    lead_client.post(reverse("onboarding:staff_reactivate", args=[member.pk]))
    member.refresh_from_db()
    assert member.is_active is True and Suspension.objects.get(user=member).lifted_at is not None
    lead_client.post(reverse("onboarding:grant_revoke", args=[grant.pk]))
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()


def test_revoking_own_lead_role_from_the_page_shows_why(world: World, lead_client: Any) -> None:
    grant = RoleGrant.objects.get(user=world.users["governance_lead"], role=GrantRole.GOVERNANCE_LEAD)
    response = lead_client.post(reverse("onboarding:grant_revoke", args=[grant.pk]), follow=True)
    assert "You cannot revoke your own governance lead role" in response.content.decode()
    assert RoleGrant.objects.filter(pk=grant.pk).exists()


def test_one_time_password_must_be_changed_first(db: Any) -> None:
    """ADM-1: a site administrator with a one-time password is held on the change page."""
    _user, password = services.siteadmin_create(actor=SYSTEM, email="boss@example.org")
    client = Client()
    assert client.login(username="boss@example.org", password=password)
    assert client.get(reverse("onboarding:trust_list"))["Location"] == reverse("onboarding:one_time_password")
    response = client.post(
        reverse("onboarding:one_time_password"), {"password": GOOD, "password_again": GOOD}
    )
    assert response.status_code == 302
    assert client.get(reverse("onboarding:trust_list")).status_code == 200
    assert client.get(reverse("home"))["Location"] == reverse("onboarding:trust_list")
