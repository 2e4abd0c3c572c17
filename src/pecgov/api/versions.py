"""Lost updates over the API (X-5): the page's read versions, in HTTP's words.

A read of a record that can be edited answers an `ETag`: the values an edit form would show,
signed (pecgov.ui.versions, the same token the pages carry in `read_version`). A write sent with
`If-Match: <that ETag>` is compared, inside the write's transaction and with the row locked,
with the values now: if someone changed one since, nothing is saved and the answer is 412 with
what changed ("where the meeting is held Room 1 → Room 2"), each line under its field in
`errors`. Without `If-Match` the write goes ahead as the page's would without a read version.

Why the values and not a counter: no table gains a column, and a change to a field the client
did not read (a decided item's outcome, say) is named, not just "it changed".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.http import HttpResponse
from django.utils import timezone

from pecgov.ui import versions

IF_MATCH = "If-Match"
IF_MATCH_HELP = (
    "Optional: the ETag of your last read of this record. If it has changed since, nothing is "
    "saved and the answer is 412 saying what changed (X-5)."
)


class StaleVersion(Exception):
    """The record changed since the client read it: 412 with what changed, field by field."""

    def __init__(self, detail: str, errors: dict[str, list[str]]) -> None:
        super().__init__(detail)
        self.detail, self.errors = detail, errors


def _token(values: Mapping[str, Any]) -> dict[str, str]:
    return {name: versions.normalise(value) for name, value in values.items()}


def etag(values: Mapping[str, Any]) -> str:
    """The ETag for a record whose editable values are `values` (a strong, quoted tag)."""
    return '"' + versions.encode(_token(values)) + '"'


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


def check(if_match: str, now: Mapping[str, Any], labels: Mapping[str, str]) -> None:
    """Refuse (StaleVersion) if a value read at `if_match` differs from `now`. Call inside the
    write's transaction after locking the row (`select_for_update`)."""
    raw = if_match.strip()
    if not raw or raw == "*":
        return
    before = versions.decode(raw.removeprefix("W/").strip('"'))
    if before is None:
        detail = "If-Match is not an ETag this API gave. Read the record again and send its ETag."
        raise StaleVersion(detail, {"If-Match": [detail]})
    current = _token(now)
    errors: dict[str, list[str]] = {}
    for name, was in before.items():
        if name not in current or current[name] == was:
            continue
        label = labels.get(name, name.replace("_", " "))
        old, new = _show(was), _show(current[name])
        errors[name] = [f"{label} changed" if old is None or new is None else f"{label} {old} → {new}"]
    if errors:
        lines = [line for group in errors.values() for line in group]
        detail = (
            f"Someone else changed this since you read it: {'; '.join(lines)}. "
            "Nothing has been saved; read it again, review and send your changes again."
        )
        raise StaleVersion(detail, errors)
