"""Pages kept once for everyone who holds the same roles, not once per session (X-1 to X-4 at
national scale, ADM-1).

`ui.pagecache` keeps a page per session: after a write in a trust, each of its users renders
each page again. A page named in `urls.py` with `for_role_sets(scope)` is kept once per *role
set* instead, and the parts that belong to one person are put in when it is served:

* **What makes the role set.** While the page renders, every permission question it asks of the
  user (`user.has_perm(perm, obj)`: the access check, the header's items, "may this user record
  attendance at this meeting") is written down with its answer. The kept page is filed under
  the questions and their answers. Another user is served it only when the same questions,
  asked again of them (with the same objects), get the same answers: then their own render would
  have taken every branch the first one took, so it would be the same page. A page asks its
  questions in a fixed order for a given set of answers, so a few sets of questions (at most
  `QUESTION_SETS`) cover every role.
* **What is never shared.** The page is kept only for its session (as `ui.pagecache` does) when
  the render asked anything but `has_perm` of the user (`get_all_permissions`...), asked about
  an object with no key, or when it is not HTML. The rest of the key is the page's data version
  (its trust's, see `ui.dataversion`), the day, the path, whether the user is signed in and the
  trust they work in. A page that shows the person themselves (the home page, "your actions")
  is not named with `for_role_sets`: it stays per session.
* **Per-person parts, filled in when served.** The CSP nonce (as before); every form's CSRF token
  (`csrfmiddlewaretoken` inputs) becomes this visitor's; the account name in the header becomes
  theirs, escaped. A render is refused for sharing, and kept per session instead, when after
  that the page still holds anything of the person who rendered it: a token made from their
  CSRF secret, the secret itself, their session key, user name or email address, or a header
  where their name is not exactly once.
"""

from __future__ import annotations

import copy
import hashlib
import pickle
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware import csrf
from django.middleware.csrf import get_token
from django.utils import timezone
from markupsafe import escape

from pecgov.ui import pagecache
from pecgov.ui.pagecache import CACHE_ALIAS, Scope

NAME_MARK = "__pecgov_account_name__"
CSRF_MARK = "__pecgov_csrf_token__"
QUESTION_SETS = 8  # sets of questions kept per page: one per path through its permission checks
CSRF_INPUT = re.compile(rb'(<input type="hidden" name="csrfmiddlewaretoken" value=")([A-Za-z0-9]{64})(")')
TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
HEADER = re.compile(rb"<header\b.*?</header>", re.S)
# Whatever else a user object answers about permissions: a page asking it is kept per session.
UNSHAREABLE = (
    "has_perms",
    "has_module_perms",
    "get_all_permissions",
    "get_user_permissions",
    "get_group_permissions",
)

Question = tuple[str, Any]  # a permission and the object it was asked about (None: in general)


@dataclass(frozen=True)
class ForRoleSets:
    """A `PAGES_KEPT` entry: the page is kept once per role set, under `scope`'s trust."""

    scope: Scope | None

    def keep(self, view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        return kept_for_role_sets(view, self.scope)


def for_role_sets(scope: Scope | None) -> ForRoleSets:
    """Name a page kept once for everyone whose permissions answer its questions alike."""
    return ForRoleSets(scope)


class _Asked:
    """The questions a render asked of the user, each once, with their answers."""

    def __init__(self) -> None:
        self.questions: list[Question] = []
        self.answers: list[bool] = []
        self.seen: set[tuple[str, Any]] = set()
        self.personal = False

    def note(self, perm: str, obj: Any, answer: bool) -> None:
        ident = _identity(obj)
        if ident is False:
            self.personal = True  # an object the key cannot name: keep per session
            return
        if (perm, ident) not in self.seen:
            self.seen.add((perm, ident))
            self.questions.append((perm, _snapshot(obj)))
            self.answers.append(answer)


def _identity(obj: Any) -> Any:
    """What names the object a question was about: None, or its model and key; False if none."""
    if obj is None:
        return None
    meta = getattr(obj, "_meta", None)
    pk = getattr(obj, "pk", None)
    if meta is None or pk is None:
        return False
    return (meta.label, pk)


def _snapshot(obj: Any) -> Any:
    """The object as kept beside the page, to ask the question again: without what was
    prefetched for the page (the rows a predicate reads are loaded again if needed)."""
    if obj is None:
        return None
    clone = copy.copy(obj)
    clone.__dict__.pop("_prefetched_objects_cache", None)
    return clone


@contextmanager
def _recording(request: HttpRequest, asked: _Asked) -> Iterator[None]:
    """Write down the permission questions the render asks of `request.user` (a copy for this
    request, `ui.auth`), then put the user back as it was."""
    user = request.user
    original = user.has_perm

    def has_perm(perm: str, obj: Any = None) -> bool:
        answer = bool(original(perm, obj))
        asked.note(perm, obj, answer)
        return answer

    def refuse(name: str) -> Callable[..., Any]:
        method = getattr(user, name)

        def call(*args: Any, **kwargs: Any) -> Any:
            asked.personal = True
            return method(*args, **kwargs)

        return call

    replaced = {"has_perm": has_perm} | {name: refuse(name) for name in UNSHAREABLE if hasattr(user, name)}
    for name, value in replaced.items():
        setattr(user, name, value)
    try:
        yield
    finally:
        for name in replaced:
            delattr(user, name)


def _index_key(request: HttpRequest, scope: Scope | None) -> str:
    user = request.user
    roles = getattr(request, "roles", None)
    parts = [
        pagecache.page_version(request, scope),
        timezone.localdate().isoformat(),
        request.get_full_path(),
        "in" if user.is_authenticated else "out",
        str(getattr(roles, "trust_id", None)),
        "-" if request.headers.get("Authorization") is None else "bearer",
    ]
    return "roles:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _signature(questions: list[Question]) -> str:
    return repr([(perm, _identity(obj)) for perm, obj in questions])


def _variant_key(index_key: str, questions: list[Question], answers: list[bool]) -> str:
    text = f"{index_key}\x1f{_signature(questions)}\x1f{''.join('1' if a else '0' for a in answers)}"
    return "page:" + hashlib.sha256(text.encode()).hexdigest()


def _memo(request: HttpRequest) -> dict[Any, Any] | None:
    """The memo the copies of a signed-in user share while their accounts are unchanged
    (`ui.auth`): the page a user matched is found there again without asking the questions (its
    key holds the page's data version, so a write in the trust asks them again)."""
    memo: dict[Any, Any] | None = getattr(request.user, "_pecgov_memo", None)
    return memo


def _find(request: HttpRequest, index_key: str) -> dict[str, Any] | None:
    """The page kept for a role set this user's answers match, if any."""
    cache = caches[CACHE_ALIAS]
    memo = _memo(request)
    known = memo.get(("rolepages", index_key)) if memo is not None else None
    if known is not None and (kept := cache.get(known)) is not None:
        return kept  # type: ignore[no-any-return]
    for questions in cache.get(index_key) or []:
        answers = [bool(request.user.has_perm(perm, obj)) for perm, obj in questions]
        variant = _variant_key(index_key, questions, answers)
        kept = cache.get(variant)
        if kept is not None:
            if memo is not None:
                memo[("rolepages", index_key)] = variant
            return kept  # type: ignore[no-any-return]
    return None


def _remember(request: HttpRequest, index_key: str, asked: _Asked, kept: dict[str, Any]) -> None:
    cache = caches[CACHE_ALIAS]
    variant = _variant_key(index_key, asked.questions, asked.answers)
    cache.set(variant, kept)
    if (memo := _memo(request)) is not None:
        memo[("rolepages", index_key)] = variant
    sets: list[list[Question]] = cache.get(index_key) or []
    signature = _signature(asked.questions)
    if all(_signature(q) != signature for q in sets):
        cache.set(index_key, [asked.questions, *sets][:QUESTION_SETS])


def account_name(user: Any) -> str:
    """The name the header shows for a signed-in user (`ui/base.jinja`), escaped."""
    return str(escape(user.get_full_name() or user.get_username()))


def _mark_name(request: HttpRequest, body: bytes) -> bytes | None:
    """The header's account name as a mark; None when the header does not hold it exactly once."""
    user = request.user
    if not user.is_authenticated:
        return body
    name = account_name(user).encode()
    header = HEADER.search(body)
    if header is None or header.group(0).count(name) != 1:
        return None
    marked = header.group(0).replace(name, NAME_MARK.encode())
    return body[: header.start()] + marked + body[header.end() :]


def _holds_the_person(request: HttpRequest, body: bytes) -> bool:
    """After the marks: does the page still hold anything of the person who rendered it?"""
    secret = request.META.get("CSRF_COOKIE") or request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    if secret:
        if secret.encode() in body:
            return True
        for token in TOKEN.findall(body):
            try:
                if csrf._unmask_cipher_token(token.decode()) == secret:  # type: ignore[attr-defined]
                    return True
            except ValueError:
                continue
    session = getattr(request, "session", None)
    own = [getattr(session, "session_key", None)]
    if request.user.is_authenticated:
        own += [request.user.get_username(), getattr(request.user, "email", "")]
    return any(value and str(escape(value)).encode() in body for value in own)


def _freeze_shared(request: HttpRequest, response: HttpResponse) -> dict[str, Any] | None:
    """The page with marks where its per-person parts were; None if it cannot be shared."""
    if not response.get("Content-Type", "").startswith("text/html"):
        return None
    frozen = pagecache._freeze(request, response)
    body = CSRF_INPUT.sub(lambda m: m.group(1) + CSRF_MARK.encode() + m.group(3), frozen["body"])
    marked = _mark_name(request, body)
    if marked is None or _holds_the_person(request, marked):
        return None
    return {"body": marked, "headers": frozen["headers"]}


def _serve(request: HttpRequest, kept: dict[str, Any]) -> HttpResponse:
    body: bytes = kept["body"]
    if CSRF_MARK.encode() in body:
        body = body.replace(CSRF_MARK.encode(), get_token(request).encode())
    if NAME_MARK.encode() in body:
        body = body.replace(NAME_MARK.encode(), account_name(request.user).encode())
    return pagecache._replay(request, {"body": body, "headers": kept["headers"]})


def kept_for_role_sets(view: Callable[..., HttpResponse], scope: Scope | None) -> Callable[..., HttpResponse]:
    """The view, kept once per role set (see the module); per session when it cannot be shared."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if pagecache._skip(request):
            return view(request, *args, **kwargs)
        cache = caches[CACHE_ALIAS]
        index_key = _index_key(request, scope)
        found = _find(request, index_key)
        if found is not None:
            return _serve(request, found)
        own_key = pagecache.key_for(request, scope)  # a page that could not be shared
        own = cache.get(own_key)
        if own is not None:
            return pagecache._replay(request, own)
        with pagecache._one_render(index_key):  # role-mates asking at once wait for one render
            found = _find(request, index_key)
            if found is not None:
                return _serve(request, found)
            asked = _Asked()
            with _recording(request, asked):
                response = view(request, *args, **kwargs)
            if pagecache._storable(request, response):
                sharing = not asked.personal and picklable(asked.questions)
                shared = _freeze_shared(request, response) if sharing else None
                if shared is not None:
                    _remember(request, index_key, asked, shared)
                else:
                    cache.set(own_key, pagecache._freeze(request, response))
                response["X-Page-Cache"] = "miss"
            return response

    return wrapped


def picklable(questions: list[Question]) -> bool:
    """Whether the questions can be kept in a shared cache (tests: every kept page's can)."""
    try:
        pickle.dumps(questions)
    except (pickle.PicklingError, TypeError, AttributeError):
        return False
    return True
