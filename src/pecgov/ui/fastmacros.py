"""Python stand-ins for nhsuk-frontend-jinja's attribute macros, table and tag (X-3).

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

from jinja2 import Environment, Undefined, pass_environment
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
        pairs = "".join(
            f' data-i18n.{key}.{escape(rule)}="{escape(text)}"' for rule, text in messages.items()
        )
        return Markup(pairs + "\n  ")
    message = params.get("message")
    if message and not isinstance(message, Undefined):
        return Markup(f' data-i18n.{key}="{escape(message)}"')
    return Markup("")


# --- The table and tag components ------------------------------------------------------------
# Only the parameters below are drawn here; a table or tag given anything else (sorting, scroll,
# card, responsive, numeric formats...) is drawn by the library's own template, unchanged.
_TABLE_KEYS = frozenset(
    {
        "caption",
        "captionClasses",
        "captionSize",
        "head",
        "rows",
        "id",
        "classes",
        "tableClasses",
        "attributes",
        "firstCellIsHeader",
    }
)
_CAPTION_KEYS = frozenset({"text", "html", "classes", "size"})
_CELL_KEYS = frozenset(
    {"text", "html", "classes", "colspan", "rowspan", "attributes", "visuallyHiddenText", "href"}
)
_CAPTION_SIZES = ("s", "m", "l", "xl")
_TAG_KEYS = frozenset({"text", "html", "colour", "classes", "id", "attributes"})
_TAG_COLOURS = ("white", "grey", "green", "aqua-green", "blue", "purple", "pink", "red", "orange", "yellow")


def _given(value: Any) -> bool:
    return value is not None and not isinstance(value, Undefined)


def _as_cell(item: Any) -> Mapping[str, Any] | None:
    """A head or body cell as a mapping (a string is its text), None to skip it, as the macro.
    Only read, never changed: a mapping is used as given."""
    if isinstance(item, Mapping):
        return item
    if isinstance(item, str):
        return {"text": item, "html": item if isinstance(item, Markup) else None}
    return None


def _cells_supported(cells: Iterable[Any]) -> bool:
    return all(not isinstance(c, Mapping) or c.keys() <= _CELL_KEYS for c in cells)


def _table_supported(params: Any) -> bool:
    if not isinstance(params, Mapping) or not params.keys() <= _TABLE_KEYS:
        return False
    if "sortable" in str(params.get("classes") or params.get("tableClasses") or ""):
        return False
    caption = params.get("caption")
    if isinstance(caption, Mapping) and not caption.keys() <= _CAPTION_KEYS:
        return False
    rows = params.get("rows") or []
    head = params.get("head") or []
    if not isinstance(head, list | tuple) or not _cells_supported(head):
        return False
    return isinstance(rows, list | tuple) and all(
        isinstance(row, list | tuple) and _cells_supported(row) for row in rows
    )


def _indented(html: str, width: int) -> str:
    return html.replace("\n", "\n" + " " * width) if "\n" in html else html


def _cell_value(cell: Mapping[str, Any]) -> str:
    """The macro's `_tableValue`: the html (or escaped text), then any visually hidden text."""
    html, text, hidden = cell.get("html"), cell.get("text"), cell.get("visuallyHiddenText")
    if html or text:
        value = str(html) if html else str(escape(text))
        if hidden:
            value += f'<span class="nhsuk-u-visually-hidden">{escape(" " + str(hidden))}</span>'
        return value.strip()
    return f'<span class="nhsuk-u-visually-hidden">{escape(hidden)}</span>' if hidden else ""


def _optional(name: str, value: Any) -> str:
    """`_pair(name, {"value": value, "optional": True})` without building the mapping: the usual
    values (none, a number, plain text) written at once, anything else by `_pair`."""
    if value is None or value is False:
        return ""
    kind = type(value)
    if kind is str or kind is int:
        return f' {name}="{escape(value)}"'  # escaped text never holds a double quote
    return _pair(name, {"value": value, "optional": True})


def _cell(cell: Mapping[str, Any], element: str, scope: str | None) -> str:
    kind = "nhsuk-table__header" if element == "th" else "nhsuk-table__cell"
    classes = f"{kind} {cell['classes']}" if cell.get("classes") else kind
    # As nhsuk_attributes({"class": ..., "scope": optional, "colspan": optional, "rowspan":
    # optional}) + nhsuk_attributes(cell["attributes"]) writes them, in the same order.
    attrs = f' class="{escape(classes)}"'
    if scope is not None:
        attrs += _optional("scope", scope)
    colspan, rowspan, more = cell.get("colspan"), cell.get("rowspan"), cell.get("attributes")
    if colspan is not None:
        attrs += _optional("colspan", colspan)
    if rowspan is not None:
        attrs += _optional("rowspan", rowspan)
    if more is not None:
        attrs += str(nhsuk_attributes(more))  # text: str + Markup would escape the text
    inner = _cell_value(cell)
    if cell.get("href"):
        inner = f'<a class="nhsuk-link" href="{escape(cell["href"])}">{inner}</a>'
    return f"      <{element}{attrs}>\n        {_indented(inner, 8)}\n      </{element}>\n"


def _caption(params: Mapping[str, Any]) -> str:
    raw = params.get("caption")
    caption = (
        raw
        if isinstance(raw, Mapping)
        else {
            "text": raw if isinstance(raw, str) else None,
            "html": raw if isinstance(raw, Markup) else None,
            "size": params.get("captionSize"),
            "classes": params.get("captionClasses"),
        }
    )
    html, text = caption.get("html"), caption.get("text")
    if not (html or text):
        return ""
    classes, size, extra = "nhsuk-table__caption", caption.get("size"), caption.get("classes")
    prefix = "nhsuk-table__caption--"
    if size in _CAPTION_SIZES and not (
        extra and any(prefix + s in extra for s in ("xxs", "xs", *_CAPTION_SIZES))
    ):
        classes += f" {prefix}{size}"
    if extra:
        classes += f" {extra}"
    inner = str(html).strip() if html else str(escape(str(text).strip()))
    return f'  <caption class="{escape(classes)}">\n    {_indented(inner, 4)}\n  </caption>\n'


def _table_html(params: Mapping[str, Any]) -> str:
    extra = params.get("classes") or params.get("tableClasses")
    attrs = nhsuk_attributes(
        {
            "class": f"nhsuk-table {extra}" if extra else "nhsuk-table",
            "id": {"value": params.get("id"), "optional": True},
        }
    ) + nhsuk_attributes(params.get("attributes"))
    parts = [f"<table{attrs}>\n", _caption(params)]
    head = [c for c in map(_as_cell, params.get("head") or []) if c is not None]
    if head:
        parts.append('  <thead class="nhsuk-table__head">\n    <tr class="nhsuk-table__row">\n')
        parts.extend(_cell(c, "th", "col") for c in head)
        parts.append("    </tr>\n  </thead>\n")
    parts.append('  <tbody class="nhsuk-table__body">\n')
    first_is_header = bool(params.get("firstCellIsHeader"))
    for row in params.get("rows") or []:
        parts.append('    <tr class="nhsuk-table__row">\n')
        for index, item in enumerate(row):
            cell = _as_cell(item)
            if cell is not None:
                as_header = first_is_header and index == 0
                parts.append(_cell(cell, "th" if as_header else "td", "row" if as_header else None))
        parts.append("    </tr>\n")
    parts.append("  </tbody>\n</table>")
    return "".join(parts)


@pass_environment
def nhsuk_table(env: Environment, params: Any = None) -> Markup:
    """`table` from nhsuk-frontend-jinja: the same table, drawn in Python for the usual parameters."""
    params = {} if params is None or isinstance(params, Undefined) else params
    if _table_supported(params):
        return Markup(_table_html(params))
    return Markup(env.get_template("nhsuk/components/tables/template.jinja").render(params=params))


@pass_environment
def nhsuk_tag(env: Environment, params: Any = None) -> Markup:
    """`tag` from nhsuk-frontend-jinja: `<strong class="nhsuk-tag ...">`, drawn in Python."""
    params = {} if params is None or isinstance(params, Undefined) else params
    if not isinstance(params, Mapping) or not params.keys() <= _TAG_KEYS:
        return Markup(env.get_template("nhsuk/components/tag/template.jinja").render(params=params))
    colour, extra = params.get("colour"), params.get("classes")
    classes = "nhsuk-tag"
    if colour in _TAG_COLOURS and not (extra and any(f"nhsuk-tag--{c}" in extra for c in _TAG_COLOURS)):
        classes += f" nhsuk-tag--{colour}"
    if colour is False and not (extra and "nhsuk-tag--no-colour" in extra):
        classes += " nhsuk-tag--no-colour"
    if extra:
        classes += f" {extra}"
    ident = f' id="{escape(params["id"])}"' if params.get("id") else ""
    attrs = nhsuk_attributes(params.get("attributes"))
    html, text = params.get("html"), params.get("text")
    if html:
        inner = "\n  " + _indented(str(html).strip(), 2)
    elif text:
        inner = "\n  " + _indented(str(escape(str(text).strip())), 2)
    else:
        inner = ""
    return Markup(f'<strong class="{escape(classes)}"{ident}{attrs}>{inner}\n</strong>')
