"""Who may see and choose what (X-1): each person their own notifications and choices; the
governance lead the trust's deliveries (never an email's content beyond its subject)."""

from __future__ import annotations

from typing import Any

from rules.predicates import is_authenticated

from pecgov.trust.rules import add_perm, in_own_trust, is_governance_lead, predicate


@predicate
def is_self(user: Any, obj: Any = None) -> bool:
    return obj is None or getattr(obj, "pk", None) == user.pk


@predicate
def owns(user: Any, obj: Any = None) -> bool:
    return obj is None or getattr(obj, "user_id", None) == user.pk


add_perm("notifications.choose", is_authenticated & is_self)
add_perm("notifications.read", is_authenticated & owns)
add_perm("notifications.manage", is_governance_lead & in_own_trust)
