"""What every service module shares: the system actor, the lead check, the audit event."""

from __future__ import annotations

from typing import Any

from pecgov.audit import chain
from pecgov.errors import NotPermitted
from pecgov.trust.roles import roles_of

SYSTEM = "system"


def require_lead(actor: Any, trust_id: int) -> None:
    """Only the trust's governance lead (or the system, loading data) may do this."""
    if actor == SYSTEM:
        return
    roles = roles_of(actor)
    if not (roles.is_governance_lead and roles.trust_id == trust_id):
        raise NotPermitted("Only the trust's governance lead can do this.")


def event(actor: Any, action: str, obj: Any, trust_id: int, summary: str, **data: Any) -> None:
    """One audit event naming every history row the objects' saves wrote (X-2); `obj` is one
    saved row or a list of them."""
    objects = obj if isinstance(obj, list) else [obj]
    chain.append(actor=actor, action=action, objects=objects, trust_id=trust_id, summary=summary, data=data)
