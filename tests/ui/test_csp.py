"""The Content-Security-Policy middleware built once per process writes django-csp's header (X-1, X-3).

Each response is passed through both `pecgov.ui.csp.CSPMiddleware` and django-csp's own
middleware with the same nonce, and the headers must be equal byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from csp.constants import NONCE, SELF
from csp.decorators import csp_exempt, csp_replace, csp_update
from csp.exceptions import CSPNonceError
from csp.middleware import CSPMiddleware as StockCSPMiddleware
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from pecgov.ui import csp as kept_csp
from pecgov.ui.csp import CSPMiddleware

HEADERS = ("Content-Security-Policy", "Content-Security-Policy-Report-Only")
View = Callable[[HttpRequest], HttpResponse]


def page(request: HttpRequest) -> HttpResponse:
    return HttpResponse("<p>page</p>")


def page_with_nonce(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f'<script nonce="{request.csp_nonce}"></script>')  # type: ignore[attr-defined]


def answer(
    middleware_class: type[StockCSPMiddleware], view: View, nonce: str | None, path: str
) -> HttpResponse:
    request = RequestFactory().get(path)
    if nonce is not None:
        request._csp_nonce = nonce  # type: ignore[attr-defined]  # both middlewares see the same one
    middleware = middleware_class(view)
    response: HttpResponse = middleware(request)
    return response


def both(view: View, nonce: str | None = None, path: str = "/") -> tuple[dict[str, str], dict[str, str]]:
    ours = answer(CSPMiddleware, view, nonce, path)
    stock = answer(StockCSPMiddleware, view, nonce, path)
    return (
        {h: ours[h] for h in HEADERS if ours.has_header(h)},
        {h: stock[h] for h in HEADERS if stock.has_header(h)},
    )


REPORT_ONLY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "report-uri": "/csp-report/",
        "upgrade-insecure-requests": True,
    },
    "EXCLUDE_URL_PREFIXES": ["/excluded/"],
}


def test_csp_page_with_nonce_has_django_csps_header() -> None:
    ours, stock = both(page_with_nonce, nonce="bm9uY2Utb25l")
    assert ours == stock
    assert "'nonce-bm9uY2Utb25l'" in ours["Content-Security-Policy"]


def test_csp_nonce_made_during_the_view_is_in_the_header() -> None:
    response = answer(CSPMiddleware, page_with_nonce, None, "/")
    nonce = response.content.decode().split('"')[1]
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    assert kept_csp.PLACEHOLDER not in response["Content-Security-Policy"]


def test_csp_each_response_carries_its_own_nonce() -> None:
    first = answer(CSPMiddleware, page_with_nonce, "Zmlyc3Q=", "/")
    second = answer(CSPMiddleware, page_with_nonce, "c2Vjb25k", "/")
    assert "'nonce-Zmlyc3Q='" in first["Content-Security-Policy"]
    assert "'nonce-c2Vjb25k'" in second["Content-Security-Policy"]
    assert "Zmlyc3Q=" not in second["Content-Security-Policy"]


def test_csp_page_using_no_nonce_has_django_csps_header() -> None:
    ours, stock = both(page)
    assert ours == stock
    assert "nonce" not in ours["Content-Security-Policy"]


@pytest.mark.parametrize(
    "decorator",
    [
        csp_update({"img-src": ["https://example.org"], "script-src": ["https://cdn.example.org"]}),
        csp_replace({"script-src": [SELF, NONCE, "https://cdn.example.org"], "frame-ancestors": None}),
        csp_exempt(),
        csp_update({"script-src": ["https://cdn.example.org"]}, REPORT_ONLY=True),
        csp_replace({"style-src": ["https://fonts.example.org"]}, REPORT_ONLY=True),
        csp_exempt(REPORT_ONLY=True),
    ],
    ids=["update", "replace", "exempt", "update-ro", "replace-ro", "exempt-ro"],
)
@pytest.mark.parametrize("nonce", [None, "bm9uY2U="])
def test_csp_per_view_policies_have_django_csps_header(
    decorator: Any, nonce: str | None, settings: Any
) -> None:
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = REPORT_ONLY
    ours, stock = both(decorator(page_with_nonce if nonce else page), nonce=nonce)
    assert ours == stock


@pytest.mark.parametrize("path", ["/", "/excluded/page"])
@pytest.mark.parametrize("nonce", [None, "bm9uY2U="])
def test_csp_report_only_policy_has_django_csps_header(path: str, nonce: str | None, settings: Any) -> None:
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = REPORT_ONLY
    ours, stock = both(page_with_nonce if nonce else page, nonce=nonce, path=path)
    assert ours == stock
    assert ("Content-Security-Policy-Report-Only" in ours) == (path == "/")


def test_csp_header_already_set_is_kept() -> None:
    def own(request: HttpRequest) -> HttpResponse:
        response = HttpResponse("x")
        response["Content-Security-Policy"] = "default-src 'none'"
        return response

    ours, stock = both(own)
    assert ours == stock == {"Content-Security-Policy": "default-src 'none'"}


@pytest.mark.parametrize("status", [404, 500])
def test_csp_debug_error_page_has_no_header_as_django_csps(status: int, settings: Any) -> None:
    settings.DEBUG = True
    ours, stock = both(lambda request: HttpResponse("x", status=status))
    assert ours == stock == {}


def test_csp_nonce_asked_after_the_header_is_written_is_refused() -> None:
    request = RequestFactory().get("/")
    CSPMiddleware(page)(request)
    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)  # type: ignore[attr-defined]


def test_csp_policy_text_is_built_once(monkeypatch: Any) -> None:
    calls: list[Any] = []
    build = kept_csp.build_policy

    def counted(**kwargs: Any) -> str:
        calls.append(kwargs)
        return build(**kwargs)

    monkeypatch.setattr(kept_csp, "build_policy", counted)
    monkeypatch.setattr(kept_csp, "_headers", None)
    for nonce in ("b25l", "dHdv", None, "dGhyZWU="):
        answer(CSPMiddleware, page_with_nonce if nonce else page, nonce, "/")
    # The policy with and without a nonce, and the report-only one, found not to be set.
    assert len(calls) == 3


def test_csp_policy_changed_in_settings_is_built_again(settings: Any) -> None:
    answer(CSPMiddleware, page, None, "/")
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    assert answer(CSPMiddleware, page, None, "/")["Content-Security-Policy"] == "default-src 'none'"
