"""Text that must never reach the database (X-4), checked the same way on every database.

PostgreSQL refuses a NUL byte and a too-long value with a DataError (a 500), SQLite stores
both, and a lone surrogate cannot be encoded at all. The forms and the API refuse these at the
boundary with a message; this guard is the net under every other way in (a service called
from the API, a command): a model save with such text raises DomainError naming the field.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import models

from pecgov.errors import DomainError

# A lone surrogate (U+D800-U+DFFF) is not a character: it cannot be written as UTF-8.
_SURROGATE = re.compile("[\ud800-\udfff]")


def text_problem(value: str) -> str | None:
    """Why `value` cannot be stored, as the end of a sentence; None when it can."""
    if "\x00" in value:
        return "must not contain a null character"
    if _SURROGATE.search(value):
        return "must not contain an unpaired surrogate character"
    return None


def label_of(field: models.Field[Any, Any]) -> str:
    text = str(field.verbose_name or field.name).strip()
    return text[:1].upper() + text[1:]


def too_long(label: str, limit: int) -> str:
    return f"{label} must be {limit} characters or fewer"


def refuse_bad_text(sender: type[models.Model], instance: models.Model, raw: bool = False, **_: Any) -> None:
    """pre_save: refuse a text column holding a NUL, a lone surrogate or more than its length."""
    if raw:
        return
    errors: dict[str, str | list[str]] = {}
    for field in sender._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField):
            continue
        value = getattr(instance, field.attname, None)
        if not isinstance(value, str):
            continue
        problem = text_problem(value)
        if problem:
            errors[field.name] = f"{label_of(field)} {problem}"
        elif isinstance(field, models.CharField) and field.max_length and len(value) > field.max_length:
            errors[field.name] = too_long(label_of(field), field.max_length)
    if errors:
        raise DomainError(errors)
