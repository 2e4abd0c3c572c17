"""Leaving demo mode (X-1): the demo sign-ins, whose password is published, stop working.

With PECGOV_DEMO off, the first request a server process handles disables every demo account
that still has the published password (no usable password, not active), with one audit event
naming them. A database that held the demo can then never be entered with the published
password, however it was started. `check --database default` warns about them beforehand.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import checks
from django.db import DatabaseError, transaction

from pecgov.actors import SystemActor
from pecgov.audit import chain
from pecgov.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from pecgov.trust.models import Organisation

LEAVING_DEMO = SystemActor(name="leaving demo mode")
_done = False


def published_demo_accounts() -> list[Any]:
    """Active demo accounts that still sign in with the published password."""
    names = [account.username for account in DEMO_ACCOUNTS]
    users = get_user_model().objects.filter(username__in=names, is_active=True).order_by("username")
    return [user for user in users if user.check_password(DEMO_PASSWORD)]


def disable_demo_accounts() -> list[str]:
    """Disable the demo accounts with the published password; return their usernames."""
    with transaction.atomic():
        users = published_demo_accounts()
        for user in users:
            user.set_unusable_password()
            user.is_active = False
            user.save(update_fields=["password", "is_active"])
        names = [user.get_username() for user in users]
        if names:
            chain.append(
                actor=LEAVING_DEMO,
                action="demo.accounts_disabled",
                summary=f"Demo mode is off: demo sign-ins disabled ({', '.join(names)})",
                data={"usernames": names},
            )
    return names


def on_request_started(**_: Any) -> None:
    """Once per server process, outside demo mode: disable the published demo sign-ins."""
    global _done
    if _done or settings.DEMO_MODE:
        return
    try:
        disable_demo_accounts()
    except DatabaseError:
        return  # not migrated yet: try again on the next request
    _done = True


def check_demo_accounts(
    app_configs: Any = None, databases: Any = None, **_: Any
) -> list[checks.CheckMessage]:
    """Outside demo mode, name the demo accounts that still have the published password."""
    if settings.DEMO_MODE or not databases:
        return []
    try:
        names = [user.get_username() for user in published_demo_accounts()]
    except DatabaseError:
        return []
    if not names:
        return []
    return [
        checks.Warning(
            f"Demo mode is off but these demo accounts still sign in with the published password: "
            f"{', '.join(names)}.",
            hint="They are disabled when the server handles its first request. Remove them or give them new passwords.",
            id="pecgov.W001",
        )
    ]


def check_deploy(app_configs: Any = None, **_: Any) -> list[checks.CheckMessage]:
    """`pecgov check --deploy` (ADM-1): refuse a deployment in demo mode, with the published
    secret key, or over a database that holds the demo trust or its published sign-ins."""
    from pecgov.demo.trust import TRUST_CODE, TRUST_NAME  # the loader imports the services

    errors: list[checks.CheckMessage] = []
    if settings.DEMO_MODE:
        errors.append(checks.Error("Demo mode is on.", hint="Set PECGOV_DEMO=0.", id="pecgov.E010"))
    if settings.SECRET_KEY.startswith("django-insecure"):
        errors.append(
            checks.Error(
                "SECRET_KEY is the published demo key.",
                hint='Set SECRET_KEY to a long random value: python -c "import secrets; print(secrets.token_urlsafe(50))"',
                id="pecgov.E011",
            )
        )
    try:
        demo_trust = Organisation.objects.filter(kind="trust", ods_code=TRUST_CODE, name=TRUST_NAME).exists()
        demo_sign_ins = [user.get_username() for user in published_demo_accounts()]
    except DatabaseError:
        return errors  # not migrated yet: nothing to find
    if demo_trust:
        errors.append(
            checks.Error(
                f"The database holds the demo trust, {TRUST_NAME}.",
                hint="Deploy on a new, empty database: `pecgov migrate`, then `pecgov siteadmin create EMAIL`.",
                id="pecgov.E012",
            )
        )
    if demo_sign_ins:
        errors.append(
            checks.Error(
                f"Demo sign-ins with the published password exist: {', '.join(demo_sign_ins)}.",
                hint="Deploy on a new, empty database.",
                id="pecgov.E013",
            )
        )
    return errors
