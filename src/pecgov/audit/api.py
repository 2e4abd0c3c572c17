"""The audit ledger over the API, read-only (X-2, PUB-2): the trust's events, newest first, for
those the ledger page lets in ("audit.view": the governance lead, the PCT chair and the chief
executive). Nothing can be written to the ledger through the API.

The roles come from the request (pecgov.trust.middleware): this app sits below the trust app.
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from pecgov.audit.models import AuditEvent
from pecgov.errors import DomainError

router = Router(tags=["audit"])


class AuditEventOut(Schema):
    id: int
    at: dt.datetime
    actor: str
    action: str
    object: str
    summary: str
    hash: str
    prev_hash: str

    @staticmethod
    def resolve_actor(obj: AuditEvent) -> str:
        return obj.actor_label

    @staticmethod
    def resolve_object(obj: AuditEvent) -> str:
        return obj.object_label


class AuditFilter(Schema):
    action: str = ""
    since: dt.date | None = None
    ordering: str = "-id"


@router.get("/audit/events", response=list[AuditEventOut])
@paginate(LimitOffsetPagination)
def list_audit_events(request: HttpRequest, filters: Query[AuditFilter]) -> Any:
    """The trust's ledger events (X-2), newest first; `action` (for example "vote.record") and
    `since` (a date) narrow it; `ordering` is id or -id. The chain's hashes are included so a
    copy can be checked against `pecgov audit verify`."""
    trust_id = request.roles.trust_id  # type: ignore[attr-defined]  # pecgov.trust.middleware
    if trust_id is None or not request.user.has_perm("audit.view"):
        raise HttpError(403, "Your role does not allow this")
    if filters.ordering not in {"id", "-id"}:
        raise DomainError({"ordering": "Order by one of: id (put - in front to reverse)"})
    events = AuditEvent.objects.filter(trust_id=trust_id)
    if filters.action:
        events = events.filter(action=filters.action[:100])
    if filters.since is not None:
        events = events.filter(at__date__gte=filters.since)
    return events.order_by(filters.ordering)
