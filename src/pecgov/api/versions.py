"""Lost updates over the API (X-5): one convention for every edit, in HTTP's words.

A read of a record that can be edited answers an `ETag`: the values its edit sets, signed
(pecgov.ui.versions, the same token the pages carry in their hidden `read_version`). An edit,
PATCH or POST, sent with `If-Match: <that ETag>` is compared, inside the edit's transaction and
with the row locked, with the values now: if someone changed one since, nothing is saved and the
answer is 412 with what changed, in the page's words ("where the meeting is held Room 1 → Room 2"),
each line under its field in `errors`. A version this site did not sign is 412 too: it matches
no version of the record. Without a version the edit goes ahead, as a page's form would.

The POST edits (a function, a post, a campaign, a plan's step) also answer the same token as
`read_version` in the read's body and take it back in the edit's body, for clients that cannot
set headers: the same check, the same 412.

Why the values and not a counter: no table gains a column, and a change to a field the client
did not read (a decided item's outcome, say) is named, not just "it changed".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any, Generic, TypeVar

from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from ninja import Field
from ninja.params import functions as params

from pecgov.ui import versions

IF_MATCH = "If-Match"
READ_VERSION = versions.VERSION_FIELD
IF_MATCH_HELP = (
    "Optional: the ETag of your last read of this record. If it has changed since, nothing is "
    "saved and the answer is 412 saying what changed (X-5)."
)
READ_VERSION_HELP = (
    "Optional: the read_version of your last read of this record (the same token as its ETag, "
    "for clients that cannot send If-Match). If it has changed since, nothing is saved and the "
    "answer is 412 saying what changed (X-5)."
)
VERSION_OUT_HELP = "This read's version (the same token as the ETag): send it back to edit (X-5)"
# The header parameter every versioned edit takes: its presence documents 412 (api_root).
IF_MATCH_HEADER: Any = params.Header("", alias=IF_MATCH, description=IF_MATCH_HELP)
# A versioned edit's body field, and a versioned read's.
READ_VERSION_IN: Any = Field("", description=READ_VERSION_HELP)
READ_VERSION_OUT: Any = Field(description=VERSION_OUT_HELP)
# A versioned read documents its ETag header (openapi_extra=ETAG_DOC on the operation).
ETAG_DOC: dict[str, Any] = {
    "responses": {
        "200": {
            "headers": {
                "ETag": {
                    "description": "The record's version: send it back as If-Match on an edit (X-5)",
                    "schema": {"type": "string"},
                }
            }
        }
    }
}


class StaleVersion(Exception):
    """The record changed since the client read it (or the version is not one this site gave):
    412 with what changed, field by field."""

    def __init__(self, detail: str, errors: dict[str, list[str]]) -> None:
        super().__init__(detail)
        self.detail, self.errors = detail, errors


def _token(values: Mapping[str, Any]) -> dict[str, str]:
    return {name: versions.normalise(value) for name, value in values.items()}


def token(values: Mapping[str, Any]) -> str:
    """The version of a record whose editable values are `values` (a body's `read_version`)."""
    return versions.encode(_token(values))


def etag(values: Mapping[str, Any]) -> str:
    """The same version as an ETag: a strong, quoted tag."""
    return '"' + token(values) + '"'


def tag(response: HttpResponse, values: Mapping[str, Any]) -> None:
    """Answer with the record's ETag (ninja merges the temporal response's headers)."""
    response["ETag"] = etag(values)


def _show(raw: str) -> str | None:
    """A value as a person reads it; None for long text kept as a digest."""
    if raw.startswith("\x00sha256:"):
        return None
    if raw == "":
        return "blank"
    if raw in {"True", "False"}:
        return "yes" if raw == "True" else "no"
    try:
        moment = dt.datetime.fromisoformat(raw)
    except ValueError:
        return raw
    if len(raw) == 10:
        return f"{moment:%-d %B %Y}"
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"{moment:%-d %B %Y %H:%M}"


# How a field's stored value reads to a person, where the raw value is an id.
Shown = Mapping[str, Callable[[str], str]]


def _compare(
    sent: str, sent_as: str, current: dict[str, str], labels: Mapping[str, str], shown: Shown
) -> None:
    before = versions.decode(sent.removeprefix("W/").strip('"'))
    if before is None or set(before) != set(current):
        detail = (
            f"{sent_as} is not a version this API gave for this record. "
            "Read the record again and send the version it answers."
        )
        raise StaleVersion(detail, {sent_as: [detail]})
    errors: dict[str, list[str]] = {}
    for name, was in before.items():
        if current[name] == was:
            continue
        label = labels.get(name, name.replace("_", " "))
        show = shown.get(name)
        old, new = (show(was), show(current[name])) if show else (_show(was), _show(current[name]))
        errors[name] = [f"{label} changed" if old is None or new is None else f"{label} {old} → {new}"]
    if errors:
        lines = [line for group in errors.values() for line in group]
        detail = (
            f"Someone else changed this since you read it: {'; '.join(lines)}. "
            "Nothing has been saved; read it again, review and send your changes again."
        )
        raise StaleVersion(detail, errors)


def check(
    if_match: str,
    now: Mapping[str, Any],
    labels: Mapping[str, str],
    *,
    read_version: str = "",
    shown: Shown | None = None,
) -> None:
    """Refuse (StaleVersion, 412) if a value read at the version sent (`If-Match`, or the body's
    `read_version`) differs from `now`. Call inside the edit's transaction after locking the row
    (`select_for_update`). A blank version (or `If-Match: *`) asks for no check."""
    current = _token(now)
    for sent, sent_as in ((if_match.strip(), IF_MATCH), (read_version.strip(), READ_VERSION)):
        if sent and sent != "*":
            _compare(sent, sent_as, current, labels, shown or {})


Row = TypeVar("Row", bound=models.Model)


@dataclass(frozen=True)
class Editable(Generic[Row]):
    """What one kind of record's edit sets: each name in the edit's body and how it is read from
    the row (an attribute name, or a function of the row), and the page's word for each."""

    fields: Mapping[str, str | Callable[[Row], Any]]
    labels: Mapping[str, str]
    # Fields whose values are ids, shown in a refusal as the page shows them (names, not ids).
    shown: Shown = dataclass_field(default_factory=dict)

    @classmethod
    def named(cls, labels: Mapping[str, str], shown: Shown | None = None) -> Editable[Row]:
        """A record whose edit's body names are its attributes: the labels name both."""
        return cls(fields={name: name for name in labels}, labels=labels, shown=shown or {})

    def values(self, row: Row) -> dict[str, Any]:
        return {
            name: read(row) if callable(read) else getattr(row, read) for name, read in self.fields.items()
        }

    def read_version(self, row: Row) -> str:
        return token(self.values(row))

    def tag(self, response: HttpResponse, row: Row) -> None:
        tag(response, self.values(row))

    def check(self, row: Row, *, if_match: str = "", read_version: str = "") -> Row:
        """Lock `row` and refuse the edit (412) if it changed since the version sent; the locked,
        fresh row comes back for the service. Call inside the edit's transaction."""
        fresh = type(row)._default_manager.select_for_update().get(pk=row.pk)
        check(if_match, self.values(fresh), self.labels, read_version=read_version, shown=self.shown)
        return fresh
