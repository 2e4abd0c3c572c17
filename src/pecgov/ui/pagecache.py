"""Rendered pages kept until the data changes (so the key pages stay fast at national scale).

A page decorated with `cached_page` is rendered once and then served from the cache to the
same signed-in session until a write that could change it is committed. How:

* Data versions (src/pecgov/ui/dataversion.py) go up after every committed transaction that
  saved, deleted or re-linked a row of the application's own models or of the users and groups
  (`post_save`, `post_delete`, `m2m_changed`, once per transaction, on commit): the version of
  each trust the transaction's audit events name, or the version shared by all trusts when it
  cannot be tied to one. Every service write also appends an audit event with `.save()`, so
  writes made with `queryset.update()` are caught too. A page is kept under the version of the
  trust it shows (its scope, given where the page is named as kept) and the shared version, or
  under the whole site's version when it is not tied to one trust, so a write makes every page
  it could have changed unreachable at once: no page has to know which writes concern it.
* The key also holds the full path, the user, the session, the CSRF cookie and today's date,
  so a page is only ever served back to the session that rendered it, on the day it was
  rendered ("overdue" and "in force" depend on the date), with the CSRF token it was rendered
  with. Access decorators run before this one, so a revoked permission is refused at once.
  Pages that show nothing of the person are named with `ui.rolepages.for_role_sets` instead:
  kept once for everyone whose permissions answer the page's questions alike, with the name,
  CSRF token and nonce of the visitor put in when served.
* Not kept: anything but a GET answered 200; a page rendered while a message was waiting, or
  that queued one; a render that set a cookie, made a new CSRF secret or changed the session.
  The CSP nonce of the
  NHS.UK template's inline script is replaced with this request's on every hit.

Read-side audit events (`*.read`, APP-7), sign-in events (`auth.*`) and Django stamping
`last_login` change no data version: signing in throws away no kept page. Pages whose every
view writes such an event must not use this decorator: none of the decorated ones do.

`PECGOV_PAGE_CACHE=0` turns it off; the test suite runs with it off, except the tests of this
module. Under `make bench` a request with `X-Bench-No-Cache: 1` skips it, so the bench measures
the render as well as the kept page.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import partial, wraps
from typing import Any, Protocol, runtime_checkable

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import FileResponse, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver
from django.utils import timezone

from pecgov.ui import kept
from pecgov.ui.dataversion import current_version, remember_session_trust, trust_version

CACHE_ALIAS = "pages"
NONCE_MARK = "__pecgov_csp_nonce__"
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Vary", "Cache-Control")
# What a kept page's data belongs to: the trust whose version keys it, or None for the whole site.
Scope = Callable[[HttpRequest], "int | None"]


@runtime_checkable
class Keeping(Protocol):
    """A `kept_pages` entry that keeps its page its own way (`ui.rolepages.for_role_sets`)."""

    def keep(self, view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]: ...


def request_version(request: HttpRequest) -> str:
    """The whole-site version, read once per request and shared by the roles memo and the key of
    a page that is not tied to one trust."""
    version: str | None = getattr(request, "_pecgov_data_version", None)
    if version is None:
        version = current_version()
        request._pecgov_data_version = version  # type: ignore[attr-defined]
    return version


def page_version(request: HttpRequest, scope: Scope | None) -> str:
    """The version a kept page is keyed on: its trust's (with the shared one) when the page shows
    one trust's data, else the whole site's."""
    scopes: dict[Scope, int | None] = request.__dict__.setdefault("_pecgov_scopes", {})
    if scope is not None and scope not in scopes:
        scopes[scope] = scope(request)
    trust_id = scopes[scope] if scope is not None else None
    if trust_id is None:
        return request_version(request)
    read: dict[int, str] = request.__dict__.setdefault("_pecgov_trust_versions", {})
    if trust_id not in read:  # once per request: the role-set and session keys both ask
        read[trust_id] = trust_version(trust_id)
        session_key = getattr(getattr(request, "session", None), "session_key", None)
        if session_key:  # the session's next read reads this trust's version with it
            remember_session_trust(session_key, trust_id)
    return read[trust_id]


class VersionMemo:
    """A small per-process memo of values derived from the data, valid for one version (the
    accounts version, `ui.dataversion`), one day and at most `seconds`: `ui.auth.KeptUserBackend` keeps each signed-in user here (with
    the memo its copies share, where roles are kept), so a signed-in page does not read the same
    rows on every request. Used only with the page cache on."""

    def __init__(self, size: int = 2048, seconds: float = 300.0) -> None:
        self.size = size
        self.seconds = seconds  # a bound on what a change made outside the application can cost
        self.version = ""
        self.day = ""
        self.since = 0.0
        self.values: dict[Any, Any] = {}

    def get(self, version: str, key: Any) -> Any:
        day = timezone.localdate().isoformat()
        now = time.monotonic()
        if version != self.version or day != self.day or now - self.since > self.seconds:
            self.version, self.day, self.since, self.values = version, day, now, {}
            return None
        return self.values.get(key)

    def put(self, version: str, key: Any, value: Any) -> None:
        if version != self.version:
            return
        if len(self.values) >= self.size:
            self.values.clear()
        self.values[key] = value


# The per-process memo of signed-in users (ui.auth.KeptUserBackend).
USERS = VersionMemo()


def forget() -> None:
    """Empty this process's kept pages, roles and users (tests, and after a database restore)."""
    caches[CACHE_ALIAS].clear()
    USERS.version, USERS.values = "", {}
    kept.forget()  # and the components, URLs and reference data kept beside them


def _skip(request: HttpRequest) -> bool:
    if not settings.PAGE_CACHE or request.method != "GET":
        return True
    if settings.BENCH and request.headers.get("X-Bench-No-Cache"):
        return True
    return len(get_messages(request)) > 0  # counts without marking them shown


def key_for(request: HttpRequest, scope: Scope | None = None) -> str:
    # The signed-in user as the session names them: loading the session checks it still exists
    # (a signed-out session is gone), and a password change or a deactivated account saves the
    # user, which changes the data version. So the user row itself need not be read here.
    session = getattr(request, "session", None)
    parts = [
        page_version(request, scope),
        timezone.localdate().isoformat(),
        request.get_full_path(),
        str(session.get(SESSION_KEY, "-")) if session is not None else "-",
        request.headers.get("Authorization", "-"),  # an API bearer token is the caller's identity
        (session.session_key or "-") if session is not None else "-",
        request.COOKIES.get(settings.CSRF_COOKIE_NAME, "-"),
    ]
    return "page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


# A download (FileResponse) is kept too when it is at most this big: read once, kept as bytes.
KEEP_FILE_BYTES = 10 * 1024 * 1024


def _in_memory(response: HttpResponse) -> HttpResponse:
    """A small download (a statement's PDF) as a plain response holding its bytes, so it can be
    kept like a page; any other response as it is."""
    size = response.get("Content-Length")
    if not isinstance(response, FileResponse) or size is None or int(size) > KEEP_FILE_BYTES:
        return response
    plain = HttpResponse(b"".join(response.streaming_content), status=response.status_code)
    for header, value in response.items():
        plain[header] = value
    response.close()
    return plain


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # The CSRF secret the page's forms carry is the one the visitor's cookie (in the key) holds,
        # not one made for this request.
        and request.META.get("CSRF_COOKIE") in {None, request.COOKIES.get(settings.CSRF_COOKIE_NAME)}
        and not getattr(getattr(request, "session", None), "modified", False)
        and len(get_messages(request)) == 0
    )


def _freeze(request: HttpRequest, response: HttpResponse) -> dict[str, Any]:
    body = response.content
    nonce = getattr(request, "_csp_nonce", None)
    if nonce and response.get("Content-Type", "").startswith("text/html"):
        body = body.replace(str(nonce).encode(), NONCE_MARK.encode())
    return {"body": body, "headers": {h: response[h] for h in KEPT_HEADERS if response.has_header(h)}}


def _replay(request: HttpRequest, kept: dict[str, Any]) -> HttpResponse:
    body: bytes = kept["body"]
    if NONCE_MARK.encode() in body:
        body = body.replace(NONCE_MARK.encode(), str(request.csp_nonce).encode())  # type: ignore[attr-defined]
    response = HttpResponse(body)
    for header, value in kept["headers"].items():
        response[header] = value
    response["X-Page-Cache"] = "hit"
    return response


_RENDERING: dict[str, threading.Lock] = {}
_RENDERING_GUARD = threading.Lock()
RENDER_WAIT_SECONDS = 30.0


@contextmanager
def _one_render(key: str) -> Iterator[None]:
    with _RENDERING_GUARD:
        lock = _RENDERING.setdefault(key, threading.Lock())
    acquired = lock.acquire(timeout=RENDER_WAIT_SECONDS)  # past that, render anyway
    try:
        yield
    finally:
        if acquired:
            with _RENDERING_GUARD:
                if _RENDERING.get(key) is lock:
                    del _RENDERING[key]
            lock.release()


def cached_page(view: Callable[..., HttpResponse], scope: Scope | None = None) -> Callable[..., HttpResponse]:
    """Keep the view's page until the data it shows changes; put it inside the access decorator.

    `scope` names the one trust whose data the page shows (None: any trust's): the page is then
    kept until a write in that trust, or one shared by all trusts."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if _skip(request):
            return view(request, *args, **kwargs)
        cache = caches[CACHE_ALIAS]
        key = key_for(request, scope)
        kept = cache.get(key)
        if kept is not None:
            return _replay(request, kept)
        # One render per key at a time in this process: the server's other threads asking for the
        # same page wait for it rather than render it again beside it (a PDF takes a second).
        with _one_render(key):
            kept = cache.get(key)
            if kept is not None:
                return _replay(request, kept)
            response = _in_memory(view(request, *args, **kwargs))
            if _storable(request, response):
                cache.set(key, _freeze(request, response))
                response["X-Page-Cache"] = "miss"
            return response

    return wrapped


def kept_pages(patterns: list[Any], names: Mapping[str, Scope | Keeping | None]) -> list[Any]:
    """The site's URL patterns with the views named "namespace:name" in `names` kept like pages,
    each with the scope that says which trust's data it shows, kept per session; or, named with
    `ui.rolepages.for_role_sets(scope)`, kept once per role set.

    The one place that says which pages are kept: the apps' views know nothing of the cache
    (ARCHITECTURE.md). A name that no longer matches a route is refused at start-up."""
    found: set[str] = set()

    def walk(items: list[Any], namespace: str) -> None:
        for item in items:
            if isinstance(item, URLResolver):
                inner = f"{namespace}{item.namespace}:" if item.namespace else namespace
                walk(item.url_patterns, inner)
            elif isinstance(item, URLPattern) and f"{namespace}{item.name}" in names:
                found.add(f"{namespace}{item.name}")
                entry = names[f"{namespace}{item.name}"]
                keep = entry.keep if isinstance(entry, Keeping) else partial(cached_page, scope=entry)
                item.callback = keep(item.callback)

    walk(patterns, "")
    if set(names) - found:
        raise LookupError(f"No page named {sorted(set(names) - found)}")  # a renamed route: say so
    return patterns


def cached_api_urls(
    urls: tuple[list[Any], str, str],
    *,
    signed_in: Mapping[str, Scope | None],
    public: Mapping[str, Scope | None],
    auth: list[Any],
) -> tuple[list[Any], str, str]:
    """The API's URL patterns with the named GET lists kept like pages.

    The API checks who is calling inside its own view, so a kept list is served only once the
    caller has passed the API's own authentication (`auth`, the same callables the API uses):
    a session that is signed in or a valid bearer token, which is part of the key. What the
    caller may see follows from the data, and every change to it (a revoked token, a role
    ended) changes the data version. `public` lists need no sign-in.
    """
    patterns, app_name, namespace = urls
    found = {p.name for p in patterns if hasattr(p, "name")}
    missing = (set(signed_in) | set(public)) - found
    if missing:
        raise LookupError(f"No API route named {sorted(missing)}")  # a renamed route: say so
    for pattern in patterns:
        if pattern.name in signed_in:
            pattern.callback = _kept_when_authenticated(pattern.callback, auth, signed_in[pattern.name])
        elif pattern.name in public:
            pattern.callback = cached_page(pattern.callback, public[pattern.name])
    return patterns, app_name, namespace


def _kept_when_authenticated(
    callback: Callable[..., HttpResponse], auth: list[Any], scope: Scope | None
) -> Callable[..., Any]:
    kept = cached_page(callback, scope)

    @wraps(callback)
    def view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "GET" and any(check(request) for check in auth):
            return kept(request, *args, **kwargs)
        return callback(request, *args, **kwargs)  # the API answers 401 or 405 itself

    for name in ("csrf_exempt",):  # ninja's views are CSRF-exempt: keep that on the wrapper
        if hasattr(callback, name):
            setattr(view, name, getattr(callback, name))
    return view
