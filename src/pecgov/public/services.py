"""Private calendar feeds (PUB-2): made, revoked and checked here, each change one audit event."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from pecgov.actors import Actor, require
from pecgov.audit import chain
from pecgov.audit.recording import save_tracked
from pecgov.errors import DomainError
from pecgov.public.models import CalendarFeed

NOT_YOURS = "You can only manage your own calendar feed."


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _trust_of(user: Any) -> int | None:
    person = getattr(user, "person", None)
    return getattr(person, "trust_id", None)


def feed_create(*, actor: Actor, user: Any) -> tuple[CalendarFeed, str]:
    """A new secret address for `user`'s calendar; any address they had stops working. Returns
    the feed and the secret, which is not stored (only its digest)."""
    require(actor, "public.manage_feed", user, message=NOT_YOURS)
    key = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        old = list(CalendarFeed.objects.select_for_update().filter(user=user, revoked_at__isnull=True))
        for feed in old:
            feed.revoked_at = now
            save_tracked(feed, actor=actor, update_fields=["revoked_at"], reason="Replaced by a new address")
        feed = save_tracked(
            CalendarFeed(user=user, prefix=key[:8], key_hash=digest(key), created_at=now),
            actor=actor,
            reason="Calendar feed made",
        )
        chain.append(
            actor=actor,
            action="calendar_feed.create",
            objects=[*old, feed],
            trust_id=_trust_of(user),
            summary=f"Private calendar feed made for {user.get_username()}"
            + (f"; {len(old)} earlier address revoked" if old else ""),
        )
    return feed, key


def feed_revoke(*, actor: Actor, feed: CalendarFeed) -> CalendarFeed:
    require(actor, "public.manage_feed", feed, message=NOT_YOURS)
    if feed.revoked_at is not None:
        raise DomainError("This calendar address has already been revoked")
    with transaction.atomic():
        feed.revoked_at = timezone.now()
        save_tracked(feed, actor=actor, update_fields=["revoked_at"], reason="Calendar feed revoked")
        chain.append(
            actor=actor,
            action="calendar_feed.revoke",
            objects=[feed],
            trust_id=_trust_of(feed.user),
            summary=f"Private calendar feed {feed.prefix}… revoked",
        )
    return feed


def feed_for(key: str) -> CalendarFeed | None:
    """The active feed with this secret, its user active; None otherwise. Reading the feed is not
    an audited change: only when it was last used is noted."""
    if not key or len(key) > 100:
        return None
    feed = (
        CalendarFeed.objects.select_related("user", "user__person")
        .filter(key_hash=digest(key), revoked_at__isnull=True)
        .first()
    )
    if feed is None or not feed.user.is_active:
        return None
    CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=timezone.now())
    return feed
