"""The Jinja2 environment: NHS.UK component macros, Django helpers, date formats."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.utils import timezone
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader
from markupsafe import Markup

from pecgov.ui.fastmacros import nhsuk_attributes, nhsuk_i18n_attributes, nhsuk_table, nhsuk_tag
from pecgov.ui.forms import date_items, error_list, field_items, field_kind
from pecgov.ui.kept import kept_component, url

NHSUK_FRONTEND_VERSION = "10.6.1"
# The header is kept per set of parameters with this in place of the account name (ui/base.jinja).
ACCOUNT_NAME = "pecgov-account-name-a7c1"


def format_date(value: dt.date | dt.datetime | None, fmt: str = "%-d %B %Y") -> str:
    """NHS style: 15 March 2007. Datetimes are shown in Europe/London."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value)
    return value.strftime(fmt)


def format_datetime(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value)
    return local.strftime("%-d %B %Y at %-I:%M%p").replace("AM", "am").replace("PM", "pm")


def indent(s: Any, width: int | str = 4, first: bool = False, blank: bool = False) -> Any:
    """Jinja's `indent` filter, with the same output, done on plain text.

    The NHS.UK macros indent every nested component; Jinja's filter does it on safe markup, so each
    joined line is escaped again: on a page of many tables that was a third of the render. Safe
    markup stays safe here, and the indentation (spaces, or a string the template gave) is added
    as Jinja adds it, unescaped (tests/ui/test_indent.py compares the two)."""
    safe = isinstance(s, Markup)
    indention = width if isinstance(width, str) else " " * width
    text = str(s) + "\n"  # the same quirk as Jinja's, for splitlines
    if blank:
        rv = ("\n" + indention).join(text.splitlines())
    else:
        lines = text.splitlines()
        rv = lines.pop(0)
        if lines:
            rv += "\n" + "\n".join(indention + line if line else line for line in lines)
    if first:
        rv = indention + rv
    return Markup(rv) if safe else rv


def environment(**options: Any) -> Environment:
    loader = options.pop("loader")
    options.pop("undefined", None)
    env = Environment(
        loader=ChoiceLoader([loader, PackageLoader("nhsuk_frontend_jinja")]),
        undefined=ChainableUndefined,
        extensions=["jinja2.ext.do"],
        **options,
    )
    env.globals.update(
        {
            "static": static,
            "url": url,
            "get_messages": get_messages,
            "DEMO_MODE": settings.DEMO_MODE,
            "NHSUK_FRONTEND_VERSION": NHSUK_FRONTEND_VERSION,
            "today": timezone.localdate,
            "field_kind": field_kind,
            "field_items": field_items,
            "date_items": date_items,
            "error_list": error_list,
            "fast_nhsuk_attributes": nhsuk_attributes,
            "fast_nhsuk_i18n_attributes": nhsuk_i18n_attributes,
            "fast_nhsuk_table": nhsuk_table,
            "fast_nhsuk_tag": nhsuk_tag,
            "kept_component": kept_component,
            "ACCOUNT_NAME": ACCOUNT_NAME,
        }
    )
    env.filters["indent"] = indent
    env.filters["date"] = format_date
    env.filters["datetime"] = format_datetime
    return env
