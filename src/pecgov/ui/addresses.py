"""The client's address, for rate limits and the ledger (ASVS 6.3, 16.3).

REMOTE_ADDR, unless settings.TRUSTED_PROXY_COUNT says how many proxies of our own stand in
front of the application: then the address that many places from the right of X-Forwarded-For
(each proxy appends the address it saw). With no trusted proxy X-Forwarded-For is ignored, as
anyone can send it.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    count = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))
    candidate = ""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= count:
            candidate = hops[-count]
    if not candidate:
        candidate = str(request.META.get("REMOTE_ADDR", ""))
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return ""
