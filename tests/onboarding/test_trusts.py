"""The site administrator's trust services and permissions (ADM-1)."""

from __future__ import annotations

import pytest

from pecgov.actors import SYSTEM
from pecgov.audit.models import AuditEvent
from pecgov.errors import DomainError, NotPermitted
from pecgov.onboarding import services
from pecgov.policy.models import TrustPolicy
from pecgov.trust.enums import CommitteeKind, GrantRole
from pecgov.trust.models import Committee, Organisation, Person, SiteAdministrator
from tests.factories import World
from tests.onboarding.helpers import make_site_admin, open_trust

pytestmark = pytest.mark.django_db


def test_trust_open_creates_trust_policy_board_and_named_pec() -> None:
    """ADM-1: a site administrator sets up a trust with its pack and its own name for the PEC."""
    admin = make_site_admin()
    trust = open_trust(admin)
    assert (trust.name, trust.ods_code, trust.trust_id) == ("Newtown PCT", "5NT", trust.pk)
    assert TrustPolicy.objects.get(trust=trust).pack == "dh2007"
    pec = Committee.objects.get(trust=trust, kind=CommitteeKind.PEC)
    assert pec.name == "Newtown PEC"
    assert pec.parent == Committee.objects.get(trust=trust, kind=CommitteeKind.BOARD)
    event = AuditEvent.objects.get(action="trust.open")
    assert (event.actor_id, event.trust_id) == (admin.pk, trust.pk)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"name": ""}, "name", "Enter the trust's name"),
        ({"ods_code": ""}, "ods_code", "Enter the trust's ODS code, for example 5ZZ"),
        (
            {"ods_code": "5N-T"},
            "ods_code",
            "ODS code must be letters and numbers only, 12 characters or fewer",
        ),
        ({"pack": "nonsense"}, "pack", "Select a policy pack"),
        ({"ods_code": "5zz"}, "ods_code", "Another trust already has the ODS code 5ZZ"),
        ({"name": "existing pct"}, "name", "There is already a trust called existing pct"),
    ],
)
def test_trust_open_refuses_bad_input_and_saves_nothing(
    fields: dict[str, str], field: str, message: str
) -> None:
    """ADM-1, X-4: each refusal names the field and nothing is saved."""
    admin = make_site_admin()
    services.trust_open(actor=admin, name="Existing PCT", ods_code="5ZZ", pack="dh2007")
    before = Organisation.objects.count()
    kwargs = {"name": "Newtown PCT", "ods_code": "5NT", "pack": "dh2007"} | fields
    with pytest.raises(DomainError) as raised:
        services.trust_open(actor=admin, **kwargs)
    assert raised.value.errors == {field: [message]}
    assert Organisation.objects.count() == before


def test_trust_open_refused_to_a_lead_and_to_a_plain_user(world: World) -> None:
    """ADM-1: only a site administrator (or the system) sets up a trust, not a trust's lead."""
    for user in (world.users["governance_lead"], world.users["applicant"]):
        with pytest.raises(NotPermitted):
            services.trust_open(actor=user, name="Sneaky PCT", ods_code="5SN", pack="dh2007")
    assert not Organisation.objects.filter(name="Sneaky PCT").exists()


def test_site_admin_is_not_a_superuser_and_holds_no_trust_permission(world: World) -> None:
    """ADM-1: the site administrator sees trusts, not a trust's records or declarations."""
    admin = make_site_admin()
    assert admin.is_superuser is False
    assert admin.has_perm("trust.administer_site") is True
    assert [admin.has_perm(p) for p in ("trust.view", "trust.manage", "interests.view_register")] == [
        False
    ] * 3
    assert world.users["governance_lead"].has_perm("trust.administer_site") is False


def test_trust_rename_and_close(world: World) -> None:
    """ADM-1: renamed and closed with a reason, each an audit event; closing twice is refused."""
    admin = make_site_admin()
    trust = open_trust(admin)
    services.trust_rename(actor=admin, trust=trust, name="Newtown and District PCT")
    with pytest.raises(DomainError) as clash:
        services.trust_rename(actor=admin, trust=trust, name=world.trust.name)
    assert clash.value.messages == [f"There is already a trust called {world.trust.name}"]
    with pytest.raises(DomainError):
        services.trust_close(actor=admin, trust=trust, reason=" ")
    services.trust_close(actor=admin, trust=trust, reason="Merged into the new CCG")
    trust.refresh_from_db()
    assert (trust.name, trust.closed_on is not None) == ("Newtown and District PCT", True)
    with pytest.raises(DomainError):
        services.trust_close(actor=admin, trust=trust, reason="Again")
    assert list(
        AuditEvent.objects.filter(trust_id=trust.pk, action__in=["trust.rename", "trust.close"])
        .values_list("action", flat=True)
        .order_by("id")
    ) == ["trust.rename", "trust.close"]
    with pytest.raises(NotPermitted):
        services.trust_rename(actor=world.users["governance_lead"], trust=world.trust, name="Mine now")


def test_trust_name_lead_invites_once_and_is_refused_when_the_trust_has_a_lead(world: World) -> None:
    """ADM-1: the first governance lead is named by invitation; afterwards the lead invites."""
    admin = make_site_admin()
    trust = open_trust(admin)
    invitation, token = services.trust_name_lead(
        actor=admin, trust=trust, name="Lee Lead", email="Lee@Example.org"
    )
    assert (invitation.role, invitation.email, invitation.person.name) == (
        GrantRole.GOVERNANCE_LEAD,
        "lee@example.org",
        "Lee Lead",
    )
    assert invitation.token_hash != token and len(token) > 30
    with pytest.raises(DomainError) as raised:
        services.trust_name_lead(actor=admin, trust=world.trust, name="Another", email="another@example.org")
    assert raised.value.messages == ["This trust already has a governance lead: they invite everyone else."]


def test_closed_trust_withdraws_invitations_and_refuses_new_ones() -> None:
    """ADM-1: no one joins a closed trust."""
    admin = make_site_admin()
    trust = open_trust(admin)
    invitation, _ = services.trust_name_lead(
        actor=admin, trust=trust, name="Lee Lead", email="lee@example.org"
    )
    services.trust_close(actor=admin, trust=trust, reason="Merged")
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    with pytest.raises(DomainError) as raised:
        services.trust_name_lead(actor=admin, trust=trust, name="Late Lead", email="late@example.org")
    assert raised.value.messages == ["Newtown PCT is closed: no one can be invited to it."]
    assert not Person.objects.filter(name="Late Lead").exists()


def test_siteadmin_create_gives_a_temporary_password_and_refuses_a_duplicate() -> None:
    """ADM-1: the one-time password works, is marked temporary, and an address is used once."""
    user, password = services.siteadmin_create(actor=SYSTEM, email="Boss@Example.org")
    assert user.check_password(password) and user.username == "boss@example.org"
    assert SiteAdministrator.objects.get(user=user).password_is_temporary is True
    with pytest.raises(DomainError) as raised:
        services.siteadmin_create(actor=SYSTEM, email="boss@example.org")
    assert raised.value.errors == {"email": ["An account for boss@example.org already exists"]}
    with pytest.raises(DomainError):
        services.siteadmin_create(actor=SYSTEM, email="not-an-address")
    assert AuditEvent.objects.filter(action="siteadmin.create").count() == 1


def test_siteadmin_password_change_validates_and_clears_the_temporary_mark() -> None:
    """ADM-1: the one-time password is replaced by one that passes Django's validators."""
    user, password = services.siteadmin_create(actor=SYSTEM, email="boss@example.org")
    for bad in ("short", "password123", password):
        with pytest.raises(DomainError):
            services.siteadmin_password_change(user=user, password=bad)
    services.siteadmin_password_change(user=user, password="a-much-better-passphrase-42")
    user.refresh_from_db()
    assert user.check_password("a-much-better-passphrase-42")
    assert SiteAdministrator.objects.get(user=user).password_is_temporary is False


def test_siteadmin_password_change_refused_for_other_users(world: World) -> None:
    with pytest.raises(DomainError):
        services.siteadmin_password_change(user=world.users["member"], password="a-much-better-passphrase-42")
