"""Issuing, checking and revoking API tokens."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from pecgov.actors import SYSTEM
from pecgov.api.models import ApiToken
from pecgov.audit import chain
from pecgov.errors import DomainError


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def token_create(*, actor: Any, user: Any, name: str) -> tuple[ApiToken, str]:
    """Create a token for `user`; returns the row and the secret, which is never stored."""
    if not name.strip():
        raise DomainError({"name": "Enter a name for the token, such as the system that will use it"})
    if actor != SYSTEM and getattr(actor, "pk", None) != user.pk:
        raise DomainError("You can only create tokens for yourself")
    key = "pec_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(user=user, name=name.strip(), prefix=key[4:12], key_hash=_digest(key))
        chain.append(
            actor=actor,
            action="api_token.create",
            summary=f"API token '{token.name}' created for {user.get_username()}",
        )
    return token, key


def token_user(key: str) -> Any:
    token = (
        ApiToken.objects.select_related("user").filter(key_hash=_digest(key), revoked_at__isnull=True).first()
    )
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


def token_revoke(*, actor: Any, token: ApiToken) -> ApiToken:
    if actor != SYSTEM and getattr(actor, "pk", None) != token.user_id:
        raise DomainError("You can only revoke your own tokens")
    if token.revoked_at is not None:
        raise DomainError("This token has already been revoked")
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        chain.append(actor=actor, action="api_token.revoke", summary=f"API token '{token.name}' revoked")
    return token
