"""Context every page gets: the CSP nonce for the NHS.UK template's one inline script."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def page_globals(request: HttpRequest) -> dict[str, Any]:
    # Every page carries that script, so the nonce is always made (str() forces it).
    nonce = getattr(request, "csp_nonce", None)
    return {"cspNonce": str(nonce) if nonce is not None else "", "assetPath": "/assets"}
