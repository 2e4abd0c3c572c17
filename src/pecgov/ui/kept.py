"""Components drawn once per set of parameters, and URLs reversed once (X-3 at national scale).

The NHS.UK header, footer and select are pure: the same parameters give the same HTML. The header
is the same for everyone with the same permissions on the same section of the site, so it is kept
per set of parameters (the account name goes in afterwards, see `ui/base.jinja`), not drawn again
on every page. A value the key cannot hold (an object) draws the component as before.

`url()` in templates keeps what `reverse` answered for the same name, arguments, script prefix
and URL configuration: a page of 50 rows no longer walks the resolver 50 times.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from threading import Lock
from typing import Any, TypeVar, cast

from django.conf import settings
from django.core.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from jinja2 import Undefined
from markupsafe import Markup

from pecgov.ui.dataversion import trust_version

T = TypeVar("T")

KEPT_PER_COMPONENT = 512
KEPT_URLS = 8192


class _Unkeepable(Exception):
    """A parameter the key cannot hold: the component is drawn afresh."""


def freeze(value: Any) -> Any:
    """A hashable key for parameters built of dicts, lists, strings, numbers and booleans."""
    if isinstance(value, str):
        return (type(value) is Markup, value)  # markup and text with one spelling draw differently
    if value is None or isinstance(value, bool | int | float):
        return (type(value).__name__, value)
    if isinstance(value, Undefined):
        return ("undefined",)
    if isinstance(value, Mapping):
        return ("map", tuple((str(k), freeze(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return ("seq", tuple(freeze(v) for v in value))
    raise _Unkeepable


class _Kept:
    """A bounded memo, oldest out first; shared by the threads of a process."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[Any, Any] = OrderedDict()
        self.lock = Lock()

    def get(self, key: Any) -> Any:
        with self.lock:
            value = self.items.get(key)
            if value is not None:
                self.items.move_to_end(key)
            return value

    def put(self, key: Any, value: Any) -> None:
        with self.lock:
            self.items[key] = value
            if len(self.items) > self.size:
                self.items.popitem(last=False)


_COMPONENTS: dict[str, _Kept] = {}
_URLS = _Kept(KEPT_URLS)


def kept_component(macro: Callable[..., Any]) -> Callable[..., Markup]:
    """The macro, drawing each set of parameters once."""
    name = str(getattr(macro, "name", macro))
    memo = _COMPONENTS.setdefault(name, _Kept(KEPT_PER_COMPONENT))

    def draw(params: Any = None) -> Markup:
        params = {} if params is None else params
        try:
            key = freeze(params)
        except _Unkeepable:
            return Markup(macro(params))
        html: Markup | None = memo.get(key)
        if html is None:
            html = Markup(macro(params))
            memo.put(key, html)
        return html

    return draw


def url(name: str, *args: Any, **kwargs: Any) -> str:
    """`reverse(name, args, kwargs)`, kept per name, arguments, script prefix and URL conf."""
    try:
        key = (name, freeze(args), freeze(kwargs), get_script_prefix(), get_urlconf())
    except _Unkeepable:
        return reverse(name, args=args or None, kwargs=kwargs or None)
    path = _URLS.get(key)
    if path is None:
        path = reverse(name, args=args or None, kwargs=kwargs or None)
        _URLS.put(key, path)
    return str(path)


class _PerTrust:
    """Values read from one trust's data, each valid for the trust's data version, one day and at
    most `seconds` (a bound on what a change made outside the application can cost)."""

    def __init__(self, size: int = 4096, seconds: float = 300.0) -> None:
        self.size = size
        self.seconds = seconds
        self.items: dict[tuple[int, str], tuple[str, str, float, Any]] = {}
        self.lock = Lock()


_PER_TRUST = _PerTrust()


def per_trust(trust_id: int, name: str, read: Callable[[], T]) -> T:
    """`read()`, kept per trust under its data version (`ui.dataversion.trust_version`): one
    indexed query instead of the reads. The version is read first, so a write committed while
    `read()` runs keys the next request afresh. Without the page cache no version moves: read."""
    if not settings.PAGE_CACHE:
        return read()
    version = trust_version(trust_id)
    if version.startswith("-:"):
        return read()  # no version row yet (a database just made): nothing to key on
    day = timezone.localdate().isoformat()
    key = (trust_id, name)
    with _PER_TRUST.lock:
        hit = _PER_TRUST.items.get(key)
    if hit is not None and hit[:2] == (version, day) and time.monotonic() - hit[2] < _PER_TRUST.seconds:
        return cast(T, hit[3])
    value = read()
    with _PER_TRUST.lock:
        if len(_PER_TRUST.items) >= _PER_TRUST.size:
            _PER_TRUST.items.clear()
        _PER_TRUST.items[key] = (version, day, time.monotonic(), value)
    return value


def forget_per_trust() -> None:
    """Drop the reference data kept per trust: what a write in every trust would do."""
    with _PER_TRUST.lock:
        _PER_TRUST.items.clear()


def forget() -> None:
    """Drop everything kept (tests that change the URL configuration call it)."""
    for memo in (*_COMPONENTS.values(), _URLS):
        with memo.lock:
            memo.items.clear()
    forget_per_trust()


def _setting_changed(*, setting: str, **kwargs: Any) -> None:
    if setting == "ROOT_URLCONF":
        forget()


setting_changed.connect(_setting_changed, dispatch_uid="pecgov-ui-kept")


SHARED = 0  # no trust has this id: what every trust's pages share is kept under it


def shared(name: str, read: Callable[[], T]) -> T:
    """`read()` kept as `per_trust` keeps a trust's data, under the version of what trusts share
    (a trust's own row moves it): the list of trusts every public page offers."""
    return per_trust(SHARED, name, read)
