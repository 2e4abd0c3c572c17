"""The onboarding pages' rows of the access matrix (X-1, ADM-1, ADM-4), read by
tests/test_access_matrix.py. None of the matrix's roles is a site administrator, so the site
pages refuse them all; tests/onboarding/test_site_admin_access.py asks as one."""

from __future__ import annotations

from typing import Any

from pecgov.actors import SYSTEM
from pecgov.onboarding import services
from pecgov.trust.enums import GrantRole, Profession
from pecgov.trust.models import RoleGrant
from tests.access_roles import LEAD, POST_ONLY, everyone, page
from tests.factories import World, make_person

SITE_PAGES = {
    "onboarding:trust_list": False,
    "onboarding:trust_create": False,
    "onboarding:trust_detail": True,
    "onboarding:trust_rename": True,
    "onboarding:trust_close": True,
    "onboarding:trust_lead": True,
    "onboarding:one_time_password": False,
}

ROWS: dict[str, dict[str, int]] = {
    **{name: page(set(), object_level=level) for name, level in SITE_PAGES.items()},
    "onboarding:staff_list": page(LEAD, object_level=False),
    "onboarding:staff_invite": page(LEAD, object_level=False),
    "onboarding:staff_grant": page(LEAD, object_level=True),
    "onboarding:staff_suspend": page(LEAD, object_level=True),
    "onboarding:staff_reactivate": POST_ONLY,
    "onboarding:grant_revoke": POST_ONLY,
    "onboarding:invitation_revoke": POST_ONLY,
    # Anyone with the link sees it: signed out, the password form; signed in, a page that says so.
    "onboarding:accept": everyone(200),
}


def make_objects(world: World, other_world: World) -> dict[str, Any]:
    person = make_person(world.trust, Profession.NURSE, name="Invited Person")
    invitation, token = services.invitation_create(actor=SYSTEM, person=person, email="invited@example.org")
    grant = RoleGrant.objects.get(user=world.users["practice_lead"], role=GrantRole.PRACTICE_LEAD)
    return {"invitation": invitation, "invitation_token": token, "practice_grant": grant}


def kwargs(name: str, world: World, objects: dict[str, Any]) -> dict[str, Any] | None:
    if not name.startswith("onboarding:"):
        return None
    if name in SITE_PAGES:
        return {"pk": world.trust.pk} if SITE_PAGES[name] else {}
    by_name: dict[str, dict[str, Any]] = {
        "onboarding:staff_grant": {"pk": world.users["member"].pk},
        "onboarding:staff_suspend": {"pk": world.users["member"].pk},
        "onboarding:staff_reactivate": {"pk": world.users["member"].pk},
        "onboarding:grant_revoke": {"pk": objects["practice_grant"].pk},
        "onboarding:invitation_revoke": {"pk": objects["invitation"].pk},
        "onboarding:accept": {"token": objects["invitation_token"]},
    }
    return by_name.get(name, {})
