"""Python stand-ins for nhsuk-frontend-jinja's two attribute macros (X-1, X-2).

Every NHS.UK component renders its HTML attributes through `nhsukAttributes` and
`nhsukI18nAttributes`. As Jinja macros they were the largest single cost of a page (a table cell
calls them twice, a register page has hundreds of cells). The templates
`ui/jinja2/nhsuk/macros/attributes.jinja` and `i18n.jinja` shadow the library's and hand these
functions to every component that imports them. The attributes written are the same, in the same
order and with the same escaping (tests/ui/test_fastmacros.py compares them with the library's
macros); only the insignificant whitespace the macros left inside start tags is gone.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from jinja2 import Undefined
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup, escape

_NO_VALUE = object()  # the macro's Jinja `undefined` for a value it could not take


def _json_attr(value: Any) -> str:
    """The macro's `tojson` for `type: "array"` values (its extra escapes are the filter's own)."""
    return str(htmlsafe_json_dumps(value, dumps=json.dumps, sort_keys=True))


def _pair(name: str, item: Any) -> str:
    """One attribute as the macro writes it: ` name="value"`, ` name` or nothing."""
    if isinstance(item, Mapping):
        raw = item.get("value", _NO_VALUE)
        optional = item.get("optional") is True
        kind = item.get("type")
    else:
        raw, optional, kind = item, False, "string"
    value: Any
    if raw is _NO_VALUE or raw is None or isinstance(raw, Undefined):
        value, escaped = None, ""
    elif isinstance(raw, Markup):
        value, escaped = _NO_VALUE, str(raw)  # the macro's `.val` is undefined: not none, not a bool
    elif kind == "array" and isinstance(raw, Iterable):
        value, escaped = _NO_VALUE, _json_attr(raw)
    else:
        value, escaped = raw, str(escape(raw))
    name_html = str(escape(name))
    if optional and value is True:
        return " " + name_html
    if optional and (value is None or value is False):
        return ""
    text = str(value).lower() if isinstance(value, bool) else escaped
    quote = "'" if '"' in escaped else '"'
    return f" {name_html}={quote}{text}{quote}"


def nhsuk_attributes(attributes: Any = None) -> Markup:
    """`nhsukAttributes`: a string as given, a mapping as ` name="value"` pairs, else nothing."""
    if isinstance(attributes, str):
        return Markup(attributes)
    if isinstance(attributes, Mapping):
        return Markup("".join(_pair(str(name), item) for name, item in attributes.items()))
    return Markup("")


def nhsuk_i18n_attributes(params: Any = None) -> Markup:
    """`nhsukI18nAttributes`: ` data-i18n.key="message"` for each message given, else nothing."""
    if not isinstance(params, Mapping):
        return Markup("")
    key = escape(params.get("key", ""))
    messages = params.get("messages")
    if messages:
        pairs = "".join(f' data-i18n.{key}.{escape(rule)}="{escape(text)}"' for rule, text in messages.items())
        return Markup(pairs + "\n  ")
    message = params.get("message")
    if message and not isinstance(message, Undefined):
        return Markup(f' data-i18n.{key}="{escape(message)}"')
    return Markup("")
