"""Shared by the integrity tests: reading a form's hidden safety fields, a second session."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

from django.test import Client


def hidden(response: Any, name: str) -> str:
    """The value of the hidden input `name` on a rendered form page."""
    text = response.content.decode()
    match = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', text)
    assert match, f"no hidden {name} on the page"
    return html.unescape(match.group(1))


def safety_fields(response: Any) -> dict[str, str]:
    fields = {"submission_key": hidden(response, "submission_key")}
    if 'name="read_version"' in response.content.decode():
        fields["read_version"] = hidden(response, "read_version")
    return fields


def session_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def date_parts(name: str, value: dt.date | None) -> dict[str, str]:
    if value is None:
        return {f"{name}-day": "", f"{name}-month": "", f"{name}-year": ""}
    return {f"{name}-day": str(value.day), f"{name}-month": str(value.month), f"{name}-year": str(value.year)}


def page_text(response: Any) -> str:
    """The page's text with tags dropped and whitespace collapsed, entities decoded."""
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(text))


def form_values(response: Any) -> dict[str, str]:
    """The values a rendered form would post as it stands (inputs, checked radios, selects)."""
    text = response.content.decode()
    form = text[text.index('id="main-form"') :]
    values: dict[str, str] = {}
    for tag in re.findall(r"<input[^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        kind = re.search(r'type="([^"]+)"', tag)
        if not name or name.group(1) == "csrfmiddlewaretoken":
            continue
        if kind and kind.group(1) in {"radio", "checkbox"} and "checked" not in tag:
            continue
        values[name.group(1)] = value.group(1) if value else ""
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.DOTALL):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        values[name] = chosen.group(1) if chosen else ""
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.DOTALL):
        values[name] = body.strip()
    return values
