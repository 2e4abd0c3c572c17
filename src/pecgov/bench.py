"""Bench-only pieces, wired in only when PECGOV_BENCH=1 (`make bench`, see bench/README.md).

The floor view returns a constant through the whole middleware stack, so its throughput is
what the framework and server give with no work at all: every key page is measured against
it in the same run on the same server. The middleware counts the database queries a request
makes and returns the count in an `X-Query-Count` header (query counts stay flat as data grows).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import path


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok\n", content_type="text/plain")


class _Counter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


class QueryCountMiddleware:
    """Outermost, so the queries of sessions, sign-in and every other middleware count too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        counter = _Counter()
        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Query-Count"] = str(counter.count)
        return response


urlpatterns = [path("bench/floor", floor, name="bench_floor")]
