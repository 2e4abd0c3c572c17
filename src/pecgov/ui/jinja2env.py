"""The Jinja2 environment: NHS.UK component macros, Django helpers, date formats."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader

from pecgov.ui.forms import date_items, error_list, field_items, field_kind

NHSUK_FRONTEND_VERSION = "10.6.1"


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


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
        }
    )
    env.filters["date"] = format_date
    env.filters["datetime"] = format_datetime
    return env
