"""Shared set-up for the onboarding tests: a site administrator and a freshly opened trust."""

from __future__ import annotations

from typing import Any

from django.core import mail

from pecgov.actors import SYSTEM
from pecgov.notifications.models import OutboxMessage
from pecgov.onboarding import services
from pecgov.trust.models import Organisation, SiteAdministrator


def make_site_admin(email: str = "admin@example.org", *, temporary: bool = False) -> Any:
    """A site administrator; by default one who has already replaced the one-time password."""
    user, _password = services.siteadmin_create(actor=SYSTEM, email=email)
    if not temporary:
        SiteAdministrator.objects.filter(user=user).update(password_is_temporary=False)
    return user


def open_trust(admin: Any, name: str = "Newtown PCT", ods: str = "5NT") -> Organisation:
    return services.trust_open(actor=admin, name=name, ods_code=ods, pack="dh2007", pec_name="Newtown PEC")


def token_in(body: str) -> str:
    start = body.index("/invitation/") + len("/invitation/")
    return body[start : body.index("/", start)]


def token_from_mail(to: str) -> str:
    """The invitation token in the last email sent to `to` (Django's locmem outbox)."""
    sent = [m for m in mail.outbox if to in m.to]
    assert sent, f"no email to {to}"
    return token_in(sent[-1].body)


def token_from_outbox(to: str) -> str:
    """The invitation token in the last outbox row for `to` (NOT-2)."""
    row = OutboxMessage.objects.filter(to_email=to, kind="invitation").order_by("-id").first()
    assert row is not None, f"no invitation queued for {to}"
    return token_in(row.text)


def add_staff(world: Any, n: int) -> None:
    """n accounts in the trust: each a person with a seat and a practice-lead grant (ADM-4)."""
    from pecgov.trust import services as ts
    from pecgov.trust.enums import GrantRole, MembershipRole, Profession
    from tests.factories import make_person, make_user, seat

    for _ in range(n):
        user = make_user()
        person = make_person(world.trust, Profession.GP, user=user, organisation=world.practice)
        seat(person, world.board, MembershipRole.NON_EXECUTIVE)
        ts.role_grant(
            actor=SYSTEM,
            user=user,
            trust=world.trust,
            role=GrantRole.PRACTICE_LEAD,
            organisation=world.practice,
        )
