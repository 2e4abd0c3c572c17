"""The EMPTY demo (`make run EMPTY=1`, `pecgov load_demo --empty`): no trust at all, and one
site administrator whose one-time password is printed, to walk through setting up a trust from
nothing (ADM-1). Demo mode only; run again, it issues a new one-time password while the first
has not been replaced, and leaves an administrator who chose their own password alone."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from pecgov.actors import SystemActor
from pecgov.demo.trust import TRUST_CODE, TRUST_NAME
from pecgov.errors import DomainError
from pecgov.onboarding import services
from pecgov.trust.enums import OrganisationKind
from pecgov.trust.models import Organisation, SiteAdministrator

ADMIN_EMAIL = "admin@example.org"
EMPTY_DEMO = SystemActor(name="EMPTY demo")


def load_empty(email: str = ADMIN_EMAIL) -> str | None:
    """The one-time password to print, or None when the administrator has their own already."""
    if Organisation.objects.filter(
        kind=OrganisationKind.TRUST, ods_code=TRUST_CODE, name=TRUST_NAME
    ).exists():
        raise DomainError("This database holds the demo trust: the EMPTY demo needs its own database.")
    user = get_user_model().objects.filter(username=email).first()
    if user is None:
        _user, password = services.siteadmin_create(actor=EMPTY_DEMO, email=email)
        return password
    admin = SiteAdministrator.objects.filter(user=user).first()
    if admin is None:
        raise DomainError(f"{email} exists and is not a site administrator.")
    if not admin.password_is_temporary:
        return None
    return services.siteadmin_issue_password(actor=EMPTY_DEMO, user=user)
