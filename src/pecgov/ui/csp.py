"""django-csp's middleware with the policy's header text built once per process (X-1, X-3).

django-csp rebuilds the Content-Security-Policy header from the settings on every response: two
`build_policy` calls (the policy and the report-only one), each after a `dataclasses.asdict`,
which is about a tenth of the CPU a kept page costs. The settings' policy is the same on every
response but for the nonce, so its text is built once with a placeholder where the nonce goes
(and once without one, for a page that used no nonce) and this request's nonce is put in.

The header is the one django-csp writes, byte for byte (tests/ui/test_csp.py compares them). A
response carrying its own policy (django-csp's `csp_update`, `csp_replace` or per-view config
decorators) gets django-csp's own answer, built on the spot: no view uses them today. The rest is
django-csp's: the nonce made on first use, the exempt and excluded-prefix rules, and a nonce asked
for after the header is written is refused (`CSPNonceError`).
"""

from __future__ import annotations

import http.client as http_client
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as StockCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponseBase

# Stands for the nonce while the text is built: no policy source can hold a NUL.
PLACEHOLDER = "\x00pecgov-csp-nonce\x00"
# What a response sets to carry a policy of its own (csp.decorators): then django-csp builds it.
OWN_POLICY = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)
DEBUG_CODES = (http_client.INTERNAL_SERVER_ERROR, http_client.NOT_FOUND)


@dataclass(frozen=True)
class Header:
    """One of the two headers as the settings give it: its text with and without a nonce."""

    name: str
    exempt_attr: str
    excluded: tuple[str, ...]
    with_nonce: str  # PLACEHOLDER where the nonce goes, if the policy names one
    without_nonce: str

    def text(self, nonce: str | None) -> str:
        return self.with_nonce.replace(PLACEHOLDER, nonce) if nonce else self.without_nonce


def _header(name: str, setting: str, exempt_attr: str, report_only: bool) -> Header | None:
    with_nonce = build_policy(nonce=PLACEHOLDER, report_only=report_only)
    if not with_nonce:
        return None  # no such policy configured: django-csp writes no header
    policy = getattr(settings, setting, None) or {}
    return Header(
        name=name,
        exempt_attr=exempt_attr,
        excluded=tuple(policy.get("EXCLUDE_URL_PREFIXES", None) or ()),
        with_nonce=with_nonce,
        without_nonce=build_policy(nonce=None, report_only=report_only),
    )


_headers: tuple[Header, ...] | None = None


def headers() -> tuple[Header, ...]:
    """The headers the settings' policies give, built on first use in this process."""
    global _headers
    if _headers is None:
        built = (
            _header(HEADER, "CONTENT_SECURITY_POLICY", "_csp_exempt", report_only=False),
            _header(
                HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY", "_csp_exempt_ro", report_only=True
            ),
        )
        _headers = tuple(h for h in built if h is not None)
    return _headers


def _forget(*, setting: str, **kwargs: Any) -> None:
    global _headers
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _headers = None  # a test changed the policy: build it again


setting_changed.connect(_forget, dispatch_uid="pecgov-csp-headers")


class CSPMiddleware(StockCSPMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if any(getattr(response, attr, None) is not None for attr in OWN_POLICY):
            return super().process_response(request, response)
        if response.status_code in DEBUG_CODES and settings.DEBUG:
            return response  # as django-csp: Django's debug pages keep their inline script
        nonce = getattr(request, "_csp_nonce", None)
        for header in headers():
            if (
                header.name not in response
                and getattr(response, header.exempt_attr, False) is False
                and not request.path_info.startswith(header.excluded)
                and (text := header.text(nonce))
            ):
                response[header.name] = text
        if nonce is None:
            # The header is written: a nonce made now would be in no header (django-csp's rule).
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)  # type: ignore[attr-defined]
        return response
