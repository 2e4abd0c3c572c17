"""Keeping the index in step with the records (PUB-1, X-1): one record's rows rewritten, or
the whole index rebuilt (`pecgov search reindex`, and after `load_demo`).

Each source model has a loader (the record with what its rows need) and a builder
(`documents`). Writing a record's rows replaces them: rows its builder no longer produces (an
item now taken in private loses its public row) are deleted in the same transaction.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import Model, QuerySet

from pecgov.commissioning.models import BusinessCase
from pecgov.meetings.models import AgendaItem, Meeting, Minutes, Paper
from pecgov.search import documents as d
from pecgov.search.extract import paper_text
from pecgov.search.models import Audience, Kind, SearchDocument
from pecgov.trust.models import Committee, Organisation, Person

BATCH = 500
T = TypeVar("T")


@dataclass(frozen=True)
class Source:
    model: type[Model]
    kinds: tuple[str, ...]
    rows: Callable[[], QuerySet[Any]]
    build: Callable[[Any], list[d.Doc]]


def _paper_docs(paper: Paper) -> list[d.Doc]:
    return d.paper_docs(paper, _known_text(paper))


SOURCES: dict[str, Source] = {
    "person": Source(
        Person, (Kind.PERSON,), lambda: Person.objects.select_related("trust", "organisation"), d.person_docs
    ),
    "organisation": Source(
        Organisation, (Kind.ORGANISATION,), lambda: Organisation.objects.all(), d.organisation_docs
    ),
    "committee": Source(
        Committee, (Kind.COMMITTEE,), lambda: Committee.objects.select_related("trust"), d.committee_docs
    ),
    "meeting": Source(
        Meeting, (Kind.MEETING,), lambda: Meeting.objects.select_related("committee__trust"), d.meeting_docs
    ),
    "item": Source(
        AgendaItem,
        (Kind.ITEM, Kind.DECISION),
        lambda: AgendaItem.objects.select_related("meeting__committee__trust"),
        d.item_docs,
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
        d.minutes_docs,
    ),
    "case": Source(
        BusinessCase,
        (Kind.CASE,),
        lambda: BusinessCase.objects.select_related("submitter", "agenda_item__meeting"),
        d.case_docs,
    ),
}


def _known_text(paper: Paper) -> str:
    """The text read when the paper was uploaded: a paper's file never changes after upload."""
    row = SearchDocument.objects.filter(kind=Kind.PAPER, object_id=paper.pk, audience=Audience.TRUST).first()
    return row.body if row is not None else ""


def write(source: str, pk: int, docs: list[d.Doc]) -> None:
    """Replace the rows of one record with `docs`."""
    kinds = SOURCES[source].kinds
    with transaction.atomic():
        keep = {(doc.kind, doc.audience) for doc in docs}
        stale = SearchDocument.objects.filter(kind__in=kinds, object_id=pk)
        for row in stale:
            if (row.kind, row.audience) not in keep:
                row.delete()
        for doc in docs:
            fields = asdict(doc)
            key = {k: fields.pop(k) for k in ("kind", "object_id", "audience")}
            SearchDocument.objects.update_or_create(**key, defaults=fields)


def index(source: str, pk: int, *, read_text: bool = False) -> None:
    """Rewrite the rows of one record, or delete them when it is gone. `read_text`: a paper's
    file has just been uploaded and its text is read now."""
    spec = SOURCES[source]
    obj = spec.rows().filter(pk=pk).first()
    if obj is None:
        SearchDocument.objects.filter(kind__in=spec.kinds, object_id=pk).delete()
        return
    if source == "paper" and read_text:
        write(source, pk, d.paper_docs(obj, paper_text(obj)))
    else:
        write(source, pk, spec.build(obj))


def _all_docs(source: str, *, read_text: bool) -> Iterator[d.Doc]:
    spec = SOURCES[source]
    for obj in spec.rows().order_by("pk").iterator(chunk_size=BATCH):
        if source == "paper" and read_text:
            yield from d.paper_docs(obj, paper_text(obj))
        else:
            yield from spec.build(obj)


def reindex(*, read_text: bool = True, progress: Callable[[str, int], None] | None = None) -> int:
    """Rebuild the whole index; returns the number of rows. `read_text=False` keeps the text
    already read from papers instead of reading every file again."""
    total = 0
    for source in SOURCES:
        known: dict[int, str] = {}
        if source == "paper" and not read_text:
            known = dict(
                SearchDocument.objects.filter(kind=Kind.PAPER, audience=Audience.TRUST).values_list(
                    "object_id", "body"
                )
            )
        docs = list(_all_docs(source, read_text=read_text)) if not known else _with_known(known)
        with transaction.atomic():
            SearchDocument.objects.filter(kind__in=SOURCES[source].kinds).delete()
            SearchDocument.objects.bulk_create(
                [SearchDocument(**asdict(doc)) for doc in docs], batch_size=BATCH
            )
        total += len(docs)
        if progress is not None:
            progress(source, len(docs))
    return total


def _with_known(known: dict[int, str]) -> list[d.Doc]:
    spec = SOURCES["paper"]
    return [
        doc
        for obj in spec.rows().order_by("pk").iterator(chunk_size=BATCH)
        for doc in d.paper_docs(obj, known.get(obj.pk, ""))
    ]


_paused = threading.local()


def paused() -> bool:
    return bool(getattr(_paused, "on", False))


def rebuilt_after(load: Callable[[], T]) -> T:
    """Run `load` (a bulk load: the demo) without indexing record by record, then rebuild the
    index once: the same rows, in one pass instead of one per save."""
    _paused.on = True
    try:
        result = load()
    finally:
        _paused.on = False
    reindex(read_text=True)
    return result
