"""Who may do what with private calendar feeds (X-1): each signed-in user their own."""

from __future__ import annotations

from typing import Any

from rules.predicates import is_authenticated

from pecgov.trust.rules import add_perm, predicate


@predicate
def owns_feed(user: Any, obj: Any = None) -> bool:
    """No object (the user's own feed page), the user themselves, or a feed that is theirs."""
    if obj is None:
        return True
    owner = getattr(obj, "user_id", getattr(obj, "pk", None))
    return owner == user.pk


add_perm("public.manage_feed", is_authenticated & owns_feed)
