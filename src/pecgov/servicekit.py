"""What every service module shares: the lead check, the audit event, the checks on ending a
dated row, storing a built PDF once. The actor and the permission check are in pecgov.actors."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, NoReturn, Protocol, TypeVar, cast

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from pecgov.actors import SYSTEM, Actor, require
from pecgov.audit import chain
from pecgov.audit.recording import save_tracked
from pecgov.errors import DomainError

T = TypeVar("T", bound=Model)

__all__ = [
    "SYSTEM",
    "apply_changes",
    "check_editable",
    "check_end",
    "event",
    "one_event",
    "require_lead",
    "store_pdf_once",
    "stored_pdf",
]

# While `one_event` runs, the rows each service's `event` names are gathered here instead.
_GATHERED: ContextVar[list[Model] | None] = ContextVar("servicekit_gathered", default=None)


def require_lead(actor: Actor, trust_id: int) -> None:
    """Only the trust's governance lead (or the system, loading data) may do this: the
    "trust.manage" permission on that trust (pecgov.trust.rules)."""
    require(actor, "trust.manage", trust_id, message="Only the trust's governance lead can do this.")


def event(actor: Actor, action: str, obj: Any, trust_id: int, summary: str, **data: Any) -> None:
    """One audit event naming every history row the objects' saves wrote (X-2); `obj` is one
    saved row or a list of them."""
    objects = obj if isinstance(obj, list) else [obj]
    gathered = _GATHERED.get()
    if gathered is not None:
        gathered.extend(objects)
        return
    chain.append(actor=actor, action=action, objects=objects, trust_id=trust_id, summary=summary, data=data)


@contextmanager
def one_event(actor: Actor, action: str, trust_id: int, summary: str, **data: Any) -> Iterator[list[Model]]:
    """Many service calls as one action (an import, ADM-2): inside the block each service
    validates and saves with history as it always does, but the rows its event would name are
    gathered, and one audit event at the end names every history row they wrote (X-2). All in
    one transaction: an error inside the block saves nothing and writes no event."""
    if _GATHERED.get() is not None:
        raise RuntimeError("one_event blocks do not nest")
    gathered: list[Model] = []
    with transaction.atomic():
        token = _GATHERED.set(gathered)
        try:
            yield gathered
        finally:
            _GATHERED.reset(token)
        refs = chain.gathered_refs(gathered)
        chain.append(actor=actor, action=action, trust_id=trust_id, summary=summary, data=data, refs=refs)


def check_end(
    row: Any,
    end_date: dt.date | None,
    *,
    missing: str,
    already_ended: str,
    before_start: str,
    ended_first: bool = False,
) -> None:
    """Refuse to end a row that runs from `row.start_date` to `row.end_date` (None while it runs)
    unless the end date is given, the row has not already ended and the end date is not before
    its start. Raises DomainError with the first problem found, `missing` and `before_start` on
    the end_date field and `already_ended` on the whole form; the caller has saved nothing yet.

    Each message is a str.format template: {ended} is the date the row ended and {start} the date
    it started, as "1 April 2020". A missing end date is reported before an earlier ending unless
    `ended_first`: each service keeps the order and the words it has always had."""

    def refuse(field: str, template: str) -> NoReturn:
        ended = f"{row.end_date:%-d %B %Y}" if row.end_date is not None else ""
        raise DomainError({field: template.format(ended=ended, start=f"{row.start_date:%-d %B %Y}")})

    if ended_first and row.end_date is not None:
        refuse("__all__", already_ended)
    if end_date is None:
        refuse("end_date", missing)
    if row.end_date is not None:
        refuse("__all__", already_ended)
    if end_date < row.start_date:
        refuse("end_date", before_start)


def check_editable(changes: Mapping[str, Any], allowed: Iterable[str]) -> None:
    """Refuse a change to any field outside `allowed`, naming them (X-4)."""
    unknown = set(changes) - set(allowed)
    if unknown:
        raise DomainError(f"These cannot be changed here: {', '.join(sorted(unknown))}")


def apply_changes(
    row: T,
    changes: Mapping[str, Any],
    *,
    actor: Actor,
    action: str,
    trust_id: int,
    summary: str,
    reason: str,
    also_save: Iterable[str] = (),
    strip: bool = False,
) -> dict[str, Any]:
    """The one update routine (X-2): set the fields whose value differs, save just those (and
    `also_save`) with history, and write one audit event, in one transaction. Returns what
    changed; an empty dict means nothing differed and nothing was written. The caller has
    already checked permission and validated the merged record; it may wrap this in its own
    transaction to do more in the same one."""
    changed = {key: value for key, value in changes.items() if getattr(row, key) != value}
    if not changed:
        return {}
    with transaction.atomic():
        for key, value in changed.items():
            setattr(row, key, value.strip() if strip and isinstance(value, str) else value)
        save_tracked(row, actor=actor, update_fields=[*changed, *also_save], reason=reason)
        event(actor, action, row, trust_id, summary)
    return changed


class _BuiltPdf(Protocol):
    """The fields a row keeps its built PDF in (a statement version, an annual report)."""

    pdf: bytes
    pdf_sha256: str
    pdf_built_at: dt.datetime | None
    sha256: str


def store_pdf_once(
    model: type[T],
    pk: int,
    pdf: bytes,
    *,
    action: str,
    trust_id: int,
    summary: str,
    reason: str,
    **data: Any,
) -> T:
    """Store a PDF built from a frozen row's content on that row, once (X-2, X-4): lock the row;
    unless another worker stored one first, set `pdf`, `pdf_sha256` (its SHA-256) and
    `pdf_built_at`, save those with history and write one audit event naming the content's digest
    (`sha256`) and the PDF's. Returns the row, its bytes deferred. The caller renders outside the
    transaction and checks `pdf_ready` first, so a second run builds nothing."""
    digest = hashlib.sha256(pdf).hexdigest()
    with transaction.atomic():
        locked = model._default_manager.select_for_update().defer("pdf").get(pk=pk)
        row = cast(_BuiltPdf, locked)
        if row.pdf_sha256:  # another worker finished first
            return locked
        row.pdf, row.pdf_sha256, row.pdf_built_at = pdf, digest, timezone.now()
        save_tracked(locked, actor=SYSTEM, update_fields=["pdf", "pdf_sha256", "pdf_built_at"], reason=reason)
        event(SYSTEM, action, locked, trust_id, summary, sha256=row.sha256, pdf_sha256=digest, **data)
    return locked


def stored_pdf(row: T, build: Callable[[int], object]) -> bytes:
    """A frozen row's stored PDF, never a new rendering (X-4): `build` (the task's body, which
    stores it through `store_pdf_once`) runs first, once, if the worker has not reached it yet."""
    if not cast(_BuiltPdf, row).pdf_sha256:
        build(row.pk)
    return bytes(type(row)._default_manager.values_list("pdf", flat=True).get(pk=row.pk))
