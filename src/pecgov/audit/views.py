"""The audit trail page: the trust's events, newest first, and whether the chain holds."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pecgov.audit.models import AuditEvent
from pecgov.ui.viewkit import paginate, trust_view


@trust_view("audit.view")
def ledger(request: HttpRequest) -> HttpResponse:
    events = AuditEvent.objects.filter(trust_id=request.trust_id).select_related("actor").order_by("-id")  # type: ignore[attr-defined]
    page = paginate(request, events)
    return render(
        request,
        "audit/ledger.jinja",
        {"title": "Audit trail", "nav_section": "audit", "page": page},
    )
