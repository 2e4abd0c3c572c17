"""Keeping the index in step with the records (PUB-1, X-1): some records' rows rewritten, or
the whole index rebuilt (`pecgov search reindex`, and after `load_demo`).

Each source model has a loader (its records with what their rows need, prefetched) and a batch
builder (`documents`). Records are written BATCH at a time: their old rows deleted and the new
ones inserted in bulk, so rows a builder no longer produces (an item now taken in private loses
its public row) go in the same transaction. A whole rebuild is one transaction: readers see the
old index until it commits.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from itertools import islice
from typing import Any, TypeVar

from django.db import connection, transaction
from django.db.models import Model, Prefetch, QuerySet
from django.utils import timezone

from pecgov.commissioning.models import BusinessCase
from pecgov.meetings.models import AgendaItem, Meeting, Minutes, Paper
from pecgov.public.queries import approved_minutes_map, minutes_secrets_map
from pecgov.search import documents as d
from pecgov.search.extract import paper_text
from pecgov.search.models import Audience, Kind, SearchDocument
from pecgov.trust.models import Committee, Membership, Organisation, Person

BATCH = 500
T = TypeVar("T")
Build = Callable[[list[Any], bool], list[d.Doc]]


def _people() -> QuerySet[Person]:
    seats = Membership.objects.select_related("committee").order_by("start_date", "id")
    return Person.objects.select_related("trust", "organisation").prefetch_related(
        Prefetch("memberships", queryset=seats, to_attr="search_seats")
    )


def _person_docs(people: list[Person], read_text: bool) -> list[d.Doc]:
    return [
        doc
        for p in people
        for doc in d.person_docs(p, [m for m in p.search_seats if m.committee.trust_id == p.trust_id])  # type: ignore[attr-defined]
    ]


def _paper_docs(papers: list[Paper], read_text: bool) -> list[d.Doc]:
    """A paper's file never changes after upload: its text is read then (`read_text`) and kept
    from the paper's existing row afterwards."""
    if read_text:
        return [doc for p in papers for doc in d.paper_docs(p, paper_text(p))]
    known = dict(
        SearchDocument.objects.filter(
            kind=Kind.PAPER, audience=Audience.TRUST, object_id__in=[p.pk for p in papers]
        ).values_list("object_id", "body")
    )
    return [doc for p in papers for doc in d.paper_docs(p, known.get(p.pk, ""))]


def _minutes_docs(minutes: list[Minutes], read_text: bool) -> list[d.Doc]:
    latest = approved_minutes_map(sorted({m.meeting_id for m in minutes}))
    found = {meeting_id: m.pk for meeting_id, m in latest.items()}
    # What the public minutes withhold, for the meetings held in public with approved minutes.
    shown = sorted({m.meeting_id for m in minutes if m.meeting.public and m.meeting_id in found})
    secrets = minutes_secrets_map(shown) if shown else {}
    return [
        doc
        for m in minutes
        for doc in d.minutes_docs(m, found.get(m.meeting_id), lambda meeting: secrets[meeting.pk])
    ]


def _each(build: Callable[[Any], list[d.Doc]]) -> Build:
    return lambda records, read_text: [doc for r in records for doc in build(r)]


@dataclass(frozen=True)
class Source:
    model: type[Model]
    kinds: tuple[str, ...]
    rows: Callable[[], QuerySet[Any]]
    build: Build


SOURCES: dict[str, Source] = {
    "person": Source(Person, (Kind.PERSON,), _people, _person_docs),
    "organisation": Source(
        Organisation, (Kind.ORGANISATION,), lambda: Organisation.objects.all(), _each(d.organisation_docs)
    ),
    "committee": Source(
        Committee,
        (Kind.COMMITTEE,),
        lambda: Committee.objects.select_related("trust"),
        _each(d.committee_docs),
    ),
    "meeting": Source(
        Meeting,
        (Kind.MEETING,),
        lambda: Meeting.objects.select_related("committee__trust"),
        _each(d.meeting_docs),
    ),
    "item": Source(
        AgendaItem,
        (Kind.ITEM, Kind.DECISION),
        lambda: AgendaItem.objects.select_related("meeting__committee__trust"),
        _each(d.item_docs),
    ),
    "paper": Source(
        Paper,
        (Kind.PAPER,),
        lambda: Paper.objects.select_related("item__meeting__committee__trust"),
        _paper_docs,
    ),
    "minutes": Source(
        Minutes,
        (Kind.MINUTES,),
        lambda: Minutes.objects.select_related("meeting__committee__trust"),
        _minutes_docs,
    ),
    "case": Source(
        BusinessCase,
        (Kind.CASE,),
        lambda: BusinessCase.objects.select_related("trust", "submitter", "agenda_item__meeting"),
        _each(d.case_docs),
    ),
}


def _chunks(values: Iterable[T], size: int = BATCH) -> Iterator[list[T]]:
    it = iter(values)
    while chunk := list(islice(it, size)):
        yield chunk


def _write(source: str, pks: list[int], docs: list[d.Doc]) -> None:
    """Replace the rows of the records `pks` with `docs` (inside the caller's transaction)."""
    SearchDocument.objects.filter(kind__in=SOURCES[source].kinds, object_id__in=pks).delete()
    SearchDocument.objects.bulk_create([SearchDocument(**asdict(doc)) for doc in docs], batch_size=BATCH)


def _all(source: str, read_text: bool) -> int:
    """Write every record of a source, BATCH at a time; returns the number of rows written."""
    spec, written = SOURCES[source], 0
    for records in _chunks(spec.rows().order_by("pk").iterator(chunk_size=BATCH)):
        docs = spec.build(records, read_text)
        _write(source, [r.pk for r in records], docs)
        written += len(docs)
    return written


def index_many(source: str, pks: Iterable[int], *, read_text: bool = False) -> None:
    """Rewrite the rows of some records of one source; a record that is gone loses its rows.
    `read_text`: the papers' files have just been uploaded and are read now."""
    spec = SOURCES[source]
    with transaction.atomic():
        for chunk in _chunks(sorted(set(pks))):
            records = list(spec.rows().filter(pk__in=chunk).order_by("pk"))
            _write(source, chunk, spec.build(records, read_text))


def index(source: str, pk: int, *, read_text: bool = False) -> None:
    """Rewrite the rows of one record, or delete them when it is gone."""
    index_many(source, [pk], read_text=read_text)


def reindex(*, read_text: bool = True, progress: Callable[[str, int], None] | None = None) -> int:
    """Rebuild the whole index in one transaction; returns the number of rows. `read_text=False`
    keeps the text already read from papers instead of reading every file again. Rows of records
    gone without a signal (deleted in bulk) are dropped at the end."""
    total = 0
    started = timezone.now()
    with transaction.atomic():
        for source in SOURCES:
            written = _all(source, read_text)
            total += written
            if progress is not None:
                progress(source, written)
        SearchDocument.objects.filter(updated_at__lt=started).delete()
    _tidy()
    return total


def _tidy() -> None:
    """After a rebuild: SQLite merges the FTS5 segments into one (faster searches), PostgreSQL
    refreshes the planner's statistics."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
        elif connection.vendor == "postgresql":
            cursor.execute("ANALYZE search_document")


_paused = threading.local()


def paused() -> bool:
    return bool(getattr(_paused, "on", False))


@contextmanager
def paused_indexing() -> Iterator[None]:
    """No record-by-record indexing inside (a bulk load); the caller rebuilds the index after."""
    before = paused()
    _paused.on = True
    try:
        yield
    finally:
        _paused.on = before


def rebuilt_after(load: Callable[[], T]) -> T:
    """Run `load` (a bulk load: the demo) without indexing record by record, then rebuild the
    index once: the same rows, in one pass instead of one per save."""
    with paused_indexing():
        result = load()
    reindex(read_text=True)
    return result
