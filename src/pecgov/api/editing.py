"""Edits over the API carry the version they read, as an edit form does (X-5: no lost updates).

A record an API client may edit answers, when read, a `read_version`: the values of the fields
that endpoint edits, signed by the site (the same encoding as a form's hidden read version,
`pecgov.ui.versions`). The edit sends it back. Inside the edit's transaction the record is read
again with its row locked and compared: if someone changed one of those fields since, the edit
is refused with 409, saying what changed (`title "A" → "B"`) with a field map, and nothing is
saved. A version this site did not sign is 422 on `read_version`.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.db import models

from pecgov.errors import DomainError
from pecgov.ui import versions

READ_VERSION_HELP = (
    "The read_version the record answered when you read it: the edit is refused (409, saying "
    "what changed) if someone changed it since"
)


class Stale(Exception):
    """Someone changed the record since the client read it: 409 with what changed."""

    def __init__(self, changed: Mapping[str, str]) -> None:
        self.errors = {name: [line] for name, line in changed.items()}
        super().__init__(versions.conflict_message(list(changed.values())))


def _values(row: models.Model, fields: Mapping[str, str]) -> dict[str, str]:
    return {name: versions.normalise(getattr(row, attribute)) for name, attribute in fields.items()}


def read_version(row: models.Model, fields: Mapping[str, str]) -> str:
    """The version of `row` as an API client reads it: `fields` maps each name in the edit's
    body to the model attribute it sets (`{"title": "title", "committee_id": "committee_id"}`)."""
    return versions.encode(_values(row, fields))


def _show(raw: str) -> str:
    if raw.startswith(versions._DIGEST):
        return ""
    return f'"{raw}"' if raw else "blank"


def check_version(row: models.Model, fields: Mapping[str, str], token: str) -> None:
    """Refuse the edit if `row` changed since `token` was read (409), or if `token` is not a
    version this site gave (422). Call inside the edit's transaction, before the service."""
    before = versions.decode(token or "")
    if before is None or set(before) != set(fields):
        raise DomainError({"read_version": "Send the read_version you got when you read this record"})
    fresh = type(row)._default_manager.select_for_update().get(pk=row.pk)
    now = _values(fresh, fields)
    changed = {}
    for name, was in before.items():
        if now[name] == was:
            continue
        old, new = _show(was), _show(now[name])
        label = name.replace("_", " ")
        changed[name] = f"{label} changed" if not old or not new else f"{label} {old} → {new}"
    if changed:
        raise Stale(changed)
