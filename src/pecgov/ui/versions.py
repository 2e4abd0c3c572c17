"""The version a form was read at, and what changed since (X-5: no lost updates).

A form that edits a record carries, in a signed hidden field, the values it showed. When it is
saved, `viewkit.submit` reads the record again inside the transaction, with the row locked
(`select_for_update`; SQLite's immediate transactions serialise writers), and compares: if
someone else changed a value this form showed, the save is refused with what changed
("start date 1 April 2026 → 1 May 2026") and the person's own entries stay on the page.

Why the values shown and not a version column or the latest history id: it needs no schema
change on any app's table, it works for models with and without history, and it refuses only
what would really be lost. A save writes just the fields that differ from the record
(servicekit.apply_changes), so a change someone made to a field this form does not show is
kept either way.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from typing import Any

from django import forms
from django.core import signing
from django.db import models
from django.forms.models import model_to_dict
from django.http import HttpRequest

VERSION_FIELD = "read_version"
KEY_FIELD = "submission_key"
INTERNAL_FIELDS = (VERSION_FIELD, KEY_FIELD)

_SALT = "pecgov.ui.versions"
# Long values (minutes, descriptions) travel as a digest: the message then says "changed".
_LONG = 200
_DIGEST = "\x00sha256:"

# The request being served, set by pecgov.ui.middleware.RequestContextMiddleware: a plain
# form on an edit page (a URL named "..._edit") is versioned by the values it was given.
current_request: ContextVar[HttpRequest | None] = ContextVar("pecgov_current_request", default=None)


def on_edit_page() -> bool:
    request = current_request.get()
    match = getattr(request, "resolver_match", None) if request is not None else None
    return bool(match and str(match.url_name or "").endswith("_edit"))


def normalise(value: Any) -> str:
    """One value as stable text, the same whether read at render or at save."""
    if callable(value):
        value = value()
    if value is None:
        return ""
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, dt.date | dt.datetime | dt.time):
        text = value.isoformat()
    elif isinstance(value, list | tuple | set | frozenset | models.QuerySet):
        text = "|".join(sorted(normalise(v) for v in value))
    else:
        text = str(value)
    if len(text) > _LONG:
        return _DIGEST + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return text


def snapshot(form: forms.BaseForm, values: Mapping[str, Any]) -> dict[str, str]:
    """The form's own fields' values (from `values`) as stable text."""
    return {
        name: normalise(values[name])
        for name in form.fields
        if name not in INTERNAL_FIELDS and name in values
    }


def shown_values(form: forms.BaseForm) -> dict[str, str]:
    """What an unbound form shows: its initial values (a ModelForm's include its instance's)."""
    values = {name: form.get_initial_for_field(field, name) for name, field in form.fields.items()}
    keys = set(form.initial) | set(_model_keys(form))
    return snapshot(form, {k: v for k, v in values.items() if k in keys})


def encode(values: Mapping[str, str]) -> str:
    return signing.dumps(dict(values), salt=_SALT, compress=True)


def decode(token: str) -> dict[str, str] | None:
    """The values a form showed, or None if the token is not one this site signed."""
    try:
        data = signing.loads(token, salt=_SALT)
    except (signing.BadSignature, ValueError, UnicodeError):
        return None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        return None
    return {str(k): v for k, v in data.items()}


def versioned_row(form: forms.BaseForm) -> models.Model | None:
    """The saved record a form edits: `version_of`, or a ModelForm's instance with a pk."""
    row = getattr(form, "version_of", None) or getattr(form, "instance", None)
    if isinstance(row, models.Model) and row.pk is not None:
        return row
    return None


def _model_keys(form: forms.BaseForm) -> list[str]:
    row = versioned_row(form)
    if row is None:
        return []
    names = {f.name for f in row._meta.get_fields() if getattr(f, "concrete", False) or f.many_to_many}
    return [name for name in form.fields if name in names]


def current_values(form: forms.BaseForm, keys: Iterable[str]) -> dict[str, str]:
    """The values now, for the fields a form showed. The record is read again with its row
    locked until the transaction ends; call inside `transaction.atomic()`."""
    keys = list(keys)
    values = {
        name: form.get_initial_for_field(form.fields[name], name)
        for name in keys
        if name in form.fields and name in form.initial
    }
    row = versioned_row(form)
    if row is not None:
        model_keys = [k for k in _model_keys(form) if k in keys]
        fresh = type(row)._default_manager.select_for_update().get(pk=row.pk)
        values.update(model_to_dict(fresh, fields=model_keys))
    return snapshot(form, values)


def _show(field: forms.Field | None, raw: str) -> str | None:
    """A value as a person reads it; None for a long text kept as a digest."""
    if raw.startswith(_DIGEST):
        return None
    if raw == "":
        return "blank"
    if isinstance(field, forms.BooleanField):
        return "yes" if raw == "True" else "no"
    if isinstance(field, forms.ChoiceField):
        choices: Any = field.choices
        labels = {str(getattr(v, "value", v)): str(label) for v, label in choices}
        return ", ".join(labels.get(part, part) for part in raw.split("|"))
    if isinstance(field, forms.DateField):
        try:
            return f"{dt.date.fromisoformat(raw):%-d %B %Y}"
        except ValueError:
            return raw
    return raw


def changes(form: forms.BaseForm, before: Mapping[str, str], now: Mapping[str, str]) -> list[str]:
    """'start date 1 April 2026 → 1 May 2026' for each field whose value differs."""
    lines = []
    for name, was in before.items():
        if name not in now or now[name] == was:
            continue
        field = form.fields.get(name)
        label = str(getattr(field, "label", None) or name.replace("_", " ")).strip()
        label = label[:1].lower() + label[1:]
        old, new = _show(field, was), _show(field, now[name])
        lines.append(f"{label} changed" if old is None or new is None else f"{label} {old} → {new}")
    return lines


def take_their_changes(form: forms.BaseForm, before: Mapping[str, str], now: Mapping[str, str]) -> None:
    """On a refused save, show the newer value of each field this person did not change
    themselves, so that saving again keeps both people's work; a field both changed keeps
    this person's entry (the message shows the other). Call after `is_valid()`."""
    cleaned = getattr(form, "cleaned_data", {})
    data: Any = form.data
    data = data.copy()
    for name, was in before.items():
        field = form.fields.get(name)
        new = now.get(name, was)
        if field is None or new == was or new.startswith(_DIGEST) or name not in cleaned:
            continue
        if normalise(cleaned[name]) != was:
            continue  # they changed it too: keep what they entered
        _set_data(data, form.add_prefix(name), field, new)
    form.data = data


def _set_data(data: Any, key: str, field: forms.Field, value: str) -> None:
    widget = field.widget
    parts = getattr(widget, "parts", None)
    if parts:  # the NHS.UK date input: name-day, name-month, name-year
        for part in parts:
            data.pop(f"{key}[{part}]", None)
        year, month, day = [*value.split("-"), "", "", ""][:3] if value else ["", "", ""]
        data[f"{key}-day"], data[f"{key}-month"], data[f"{key}-year"] = day, month, year
    elif isinstance(widget, forms.CheckboxInput):
        if value == "True":
            data[key] = "on"
        else:
            data.pop(key, None)
    elif getattr(widget, "allow_multiple_selected", False) and hasattr(data, "setlist"):
        data.setlist(key, value.split("|") if value else [])
    else:
        data[key] = value


def conflict_message(lines: list[str]) -> str:
    return (
        f"Someone else changed this while you were editing: {'; '.join(lines)}. "
        "Your changes have not been saved; review and save again."
    )
