"""Who acts, and may they: every service takes an `actor` (X-1, X-2).

The actor is a signed-in user, or the system itself: the demo loader, a command run by the
operator, a scheduled job. Services ask the `rules` permissions through `require`, the same
permissions the pages and the API ask to show or hide an action, so a rule is written once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeAlias

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, PermissionsMixin

from pecgov.errors import NotPermitted


@dataclass(frozen=True)
class SystemActor:
    """The system acting on the operator's behalf. It may do anything a service allows, and the
    ledger names it by `name`; it is never a signed-in user (no history user is recorded)."""

    name: str = "system"
    is_authenticated = False
    pk = None

    def get_username(self) -> str:
        return self.name

    def __str__(self) -> str:
        return self.name


SYSTEM = SystemActor()

# request.user is typed by django-stubs as AbstractBaseUser | AnonymousUser; services accept it.
Actor: TypeAlias = AbstractBaseUser | AnonymousUser | SystemActor


def may(actor: Actor, perm: str, obj: Any = None) -> bool:
    """Whether `actor` holds the `rules` permission `perm` on `obj`: the one question pages, the
    API and services all ask (X-1)."""
    if isinstance(actor, SystemActor):
        return True
    if isinstance(actor, PermissionsMixin | AnonymousUser):
        return actor.has_perm(perm, obj)
    return False


def require(actor: Actor, perm: str, obj: Any = None, *, message: str) -> None:
    """Refuse with `message` (shown to the user) unless `actor` may `perm` on `obj`."""
    if not may(actor, perm, obj):
        raise NotPermitted(message)


def user_of(actor: Actor) -> AbstractBaseUser | None:
    """The signed-in user behind an actor, for history's "who"; None for the system."""
    if isinstance(actor, AbstractBaseUser) and actor.is_authenticated:
        return actor
    return None
