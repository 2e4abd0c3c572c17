"""Middleware that keeps every page and the API safe without each app doing it (X-1, X-4, X-5).

- RequestContextMiddleware: the request being served, for forms on edit pages (ui.versions).
- PrivateCacheMiddleware: a signed-in or private answer says `Cache-Control: private, no-store`
  (ASVS 14.3), so no shared proxy keeps it.
- BadTextMiddleware: a NUL byte or a lone surrogate in a form, a query or JSON is refused at
  the boundary: 400 page, or 422 JSON with a field map on the API.
- RepeatSubmitMiddleware: a form sent again after it was saved is answered with the first
  redirect; a clash with a row saved at the same moment is a 409 page, never a 500.
- ApiIdempotencyMiddleware: a POST to the API with an `Idempotency-Key` header is answered,
  when repeated, with the first response.
- RateLimitMiddleware: POSTs to the URLs named in settings.RATE_LIMITS (registration) are
  limited per client address.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import DataError, IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from pecgov.ui import versions
from pecgov.ui.addresses import client_address
from pecgov.ui.safety.guards import text_problem
from pecgov.ui.safety.models import Submission
from pecgov.ui.safety.submissions import (
    CLASH_MESSAGE,
    RepeatedSubmission,
    first_result,
    form_key,
    record_location,
    window,
)

GetResponse = Callable[[HttpRequest], HttpResponse]
API_PREFIX = "/api/"
PRIVATE = "private, no-store"


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def error_page(request: HttpRequest, *, title: str, message: str, status: int) -> HttpResponse:
    return render(
        request, "ui/error.jinja", {"title": title, "status": status, "message": message}, status=status
    )


class RequestContextMiddleware:
    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = versions.current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            versions.current_request.reset(token)


class PrivateCacheMiddleware:
    """Anything answered to a signed-in user, to a bearer token or by the API is private."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated)
        # PUB-1: a public page or open-data export marked `cache_public` keeps its
        # `public, max-age` for a visitor who is not signed in, on the API's path too.
        public = getattr(response, "cache_public", False)
        if signed_in or "HTTP_AUTHORIZATION" in request.META or (is_api(request) and not public):
            response["Cache-Control"] = PRIVATE
        return response


def _strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a JSON document (keys too), with the dotted path of its field."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            name = f"{path}.{key}" if path else str(key)
            yield name, str(key)
            yield from _strings(item, name)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}.{index}" if path else str(index))


def bad_text(request: HttpRequest) -> dict[str, list[str]]:
    """Field name → message for each NUL or lone surrogate the request carries."""
    found: dict[str, list[str]] = {}
    sources: list[tuple[str, str]] = [(k, v) for k, values in request.GET.lists() for v in [k, *values]]
    if request.method in {"POST", "PUT", "PATCH"}:
        if request.content_type == "application/json":
            try:
                document = json.loads(request.body or b"null")
            except ValueError:
                document = None  # the API's own parser answers malformed JSON
            sources.extend(_strings(document))
        else:
            sources.extend((k, v) for k, values in request.POST.lists() for v in [k, *values])
    for name, text in sources:
        problem = text_problem(text)
        if problem:
            label = name.replace("_", " ").strip() or "The request"
            found.setdefault(name or "__all__", []).append(f"{label[:1].upper()}{label[1:]} {problem}")
    return found


class BadTextMiddleware:
    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        found = bad_text(request)
        if not found:
            return self.get_response(request)
        if is_api(request):
            detail = [m for msgs in found.values() for m in msgs]
            return JsonResponse({"detail": detail, "errors": found}, status=422)
        return error_page(
            request,
            title="Some text could not be accepted",
            message=(
                "What you sent contains a character that cannot be stored, such as a null "
                "character. Go back, remove it and try again. Nothing was saved."
            ),
            status=400,
        )


class RepeatSubmitMiddleware:
    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = self._key(request)
        response = self.get_response(request)
        if key and response.status_code in {301, 302, 303} and response.get("Location"):
            record_location(key, response["Location"])
        return response

    @staticmethod
    def _key(request: HttpRequest) -> str:
        if request.method != "POST" or is_api(request):
            return ""
        return str(request.POST.get(versions.KEY_FIELD, ""))[:64]

    @staticmethod
    def _answer_repeat(request: HttpRequest, location: str) -> HttpResponse:
        messages.info(request, "This form had already been sent. It was saved once.")
        return HttpResponseRedirect(location)

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> HttpResponse | None:
        """After the CSRF check: a form already saved is answered without running the view."""
        key = self._key(request)
        done = first_result(form_key(key)) if key else None
        if done is not None and done.location:
            return self._answer_repeat(request, done.location)
        return None

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if is_api(request):
            return None
        if isinstance(exception, RepeatedSubmission):
            done = first_result(form_key(exception.key), wait=5.0)
            if done is not None and done.location:
                return self._answer_repeat(request, done.location)
            return error_page(
                request,
                title="This form has already been sent",
                message="It is being saved or was saved a moment ago. Go back and reload the page to check.",
                status=409,
            )
        if isinstance(exception, IntegrityError):
            return error_page(request, title="This could not be saved", message=CLASH_MESSAGE, status=409)
        if isinstance(exception, DataError):
            return error_page(
                request,
                title="Some text could not be accepted",
                message="Something you entered is too long or cannot be stored. Go back, check it and try again.",
                status=400,
            )
        return None


def _json_error(detail: str, status: int) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status)


def _fingerprint(request: HttpRequest) -> str:
    """What was sent, as a digest. A multipart upload (a paper, PUB-2) is read as its fields and
    files, streamed: its raw body may be bigger than Django lets `request.body` hold in memory."""
    if request.content_type != "multipart/form-data":
        return hashlib.sha256(request.body).hexdigest()
    digest = hashlib.sha256()
    for name in sorted(request.POST):
        for value in request.POST.getlist(name):
            digest.update(f"{name}={value}\x00".encode("utf-8", "surrogatepass"))
    for name in sorted(request.FILES):
        for upload in request.FILES.getlist(name):
            digest.update(f"{name}:{upload.name}:{upload.size}\x00".encode("utf-8", "surrogatepass"))
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)
    return digest.hexdigest()


class ApiIdempotencyMiddleware:
    """`Idempotency-Key` on an API POST: the first 2xx response is kept for the submission
    window and answered again for a repeat from the same caller to the same URL (X-5)."""

    header = "HTTP_IDEMPOTENCY_KEY"

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        raw = request.META.get(self.header, "")
        if request.method != "POST" or not is_api(request) or not raw:
            return self.get_response(request)
        if len(raw) > 255:
            return _json_error("The Idempotency-Key header must be 255 characters or fewer", 422)
        # The caller: the bearer token, or else the session.
        who = request.META.get("HTTP_AUTHORIZATION") or request.COOKIES.get(settings.SESSION_COOKIE_NAME, "")
        caller = "|".join([who, request.path, raw])
        key = "api:" + hashlib.sha256(caller.encode("utf-8", "surrogatepass")).hexdigest()
        fingerprint = _fingerprint(request)
        Submission.objects.filter(key=key, created_at__lt=timezone.now() - window()).delete()
        try:
            with transaction.atomic():
                Submission.objects.create(key=key, fingerprint=fingerprint)
        except IntegrityError:
            return self._repeat(key, fingerprint)
        try:
            response = self.get_response(request)
        except BaseException:
            Submission.objects.filter(key=key).delete()
            raise
        if 200 <= response.status_code < 300 and not response.streaming:
            Submission.objects.filter(key=key).update(
                status=response.status_code,
                content=response.content.decode("utf-8"),
                content_type=response.get("Content-Type", "application/json")[:100],
            )
        else:
            # Only a success is kept: a refused request may be corrected and sent again.
            Submission.objects.filter(key=key).delete()
        return response

    @staticmethod
    def _repeat(key: str, fingerprint: str) -> HttpResponse:
        first = first_result(key, wait=5.0)
        if first is None:
            return _json_error("A request with this Idempotency-Key was refused; send it again", 409)
        if first.fingerprint != fingerprint:
            return _json_error("This Idempotency-Key was already used for a different request", 422)
        if first.status is None:
            return _json_error("A request with this Idempotency-Key is still being processed", 409)
        response = HttpResponse(first.content, status=first.status, content_type=first.content_type)
        response["Idempotent-Replayed"] = "true"
        return response


class RateLimitMiddleware:
    """settings.RATE_LIMITS = {"namespace:url_name": (requests, seconds)}: POSTs beyond the
    limit from one client address are answered 429 with a message, for that many seconds."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> HttpResponse | None:
        limits: dict[str, tuple[int, int]] = getattr(settings, "RATE_LIMITS", {})
        match = request.resolver_match
        if request.method != "POST" or match is None or match.view_name not in limits:
            return None
        allowed, seconds = limits[match.view_name]
        address = client_address(request) or "unknown"
        key = f"ratelimit:{match.view_name}:{address}"
        cache.add(key, 0, timeout=seconds)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=seconds)
            count = 1
        if count <= allowed:
            return None
        minutes = max(1, seconds // 60)
        return error_page(
            request,
            title="Too many attempts",
            message=f"Too many tries from your network. Wait {minutes} minutes and try again.",
            status=429,
        )
