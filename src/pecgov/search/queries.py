"""The one search the pages and the API ask (PUB-1, PUB-2, X-1): what a signed-in user may see
in their trust, or what the public site publishes for one trust.

Signed in: a kind is searched only if the user may open its list page (`trust.view`,
`meetings.view`, `commissioning.view_cases`), and every hit is then asked the permission its
own page asks, with the object's trust and key (a business case's submitter), through the same
`rules` predicates. Public: only rows written from `public.queries`, from their publication day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.utils import timezone

from pecgov.public.queries import papers_days
from pecgov.search import backends
from pecgov.search.models import Audience, Kind, SearchDocument
from pecgov.search.text import Parsed, QueryError, parse, snippet
from pecgov.trust.models import Organisation

PER_PAGE = 20

# the permission of each kind's list page: a kind the user may not list is not searched.
LIST_PERMS: dict[str, str] = {
    Kind.PERSON: "trust.view",
    Kind.ORGANISATION: "trust.view",
    Kind.COMMITTEE: "trust.view",
    Kind.MEETING: "meetings.view",
    Kind.ITEM: "meetings.view",
    Kind.DECISION: "meetings.view",
    Kind.PAPER: "meetings.view",
    Kind.MINUTES: "meetings.view",
    Kind.CASE: "commissioning.view_cases",
}
PUBLIC_KINDS = (
    Kind.COMMITTEE,
    Kind.PERSON,
    Kind.MEETING,
    Kind.ITEM,
    Kind.DECISION,
    Kind.PAPER,
    Kind.MINUTES,
    Kind.CASE,
)
LABELS = dict(Kind.choices)


@dataclass(frozen=True)
class Found:
    """What a permission is asked about: the hit's trust and its object key."""

    pk: int
    trust_id: int
    submitter_id: int | None


@dataclass(frozen=True)
class Result:
    kind: str
    label: str
    title: str
    url: str
    snippet: str


@dataclass
class Answer:
    query: str = ""
    error: str = ""
    kind: str = ""
    kind_label: str = ""
    total: int = 0
    capped: bool = False  # more hits than one search weighs: narrow the search
    counts: list[tuple[str, str, int]] = field(default_factory=list)  # kind, label, hits
    page: Page[Any] | None = None
    results: list[Result] = field(default_factory=list)


def check(raw: str) -> tuple[Parsed | None, str]:
    try:
        return parse(raw), ""
    except QueryError as error:
        return None, str(error)


def searchable_kinds(user: Any) -> tuple[str, ...]:
    return tuple(kind for kind, perm in LIST_PERMS.items() if user.has_perm(perm))


def may_see(user: Any, trust_id: int, hit: backends.Hit) -> bool:
    return bool(user.has_perm(hit.perm, Found(hit.id, trust_id, hit.scope)))


def for_user(user: Any, trust_id: int, raw: str, *, kind: str = "", page: Any = 1) -> Answer:
    """A signed-in user's search within their trust."""
    parsed, error = check(raw)
    answer = Answer(query=raw.strip()[:300], error=error)
    kinds = searchable_kinds(user)
    if parsed is None or not kinds:
        return answer
    hits = backends.search(parsed, backends.Where(trust_id, Audience.TRUST, kinds))
    visible = [h for h in hits if may_see(user, trust_id, h)]
    return _answer(answer, parsed, visible, len(hits) >= backends.LIMIT, kind, page)


def for_public(
    trust: Organisation, raw: str, *, kind: str = "", page: Any = 1, today: dt.date | None = None
) -> Answer:
    """The public search of one trust: only what its public site has published by today, with
    the trust's `public.papers_days_before` as it is now (PUB-1)."""
    parsed, error = check(raw)
    answer = Answer(query=raw.strip()[:300], error=error)
    if parsed is None:
        return answer
    on = today or timezone.localdate()
    by = on + dt.timedelta(days=papers_days(trust))
    where = backends.Where(trust.pk, Audience.PUBLIC, PUBLIC_KINDS, public_on=on, meetings_by=by)
    hits = backends.search(parsed, where)
    return _answer(answer, parsed, hits, len(hits) >= backends.LIMIT, kind, page)


def _answer(
    answer: Answer, parsed: Parsed, hits: list[backends.Hit], capped: bool, kind: str, page: Any
) -> Answer:
    counts: dict[str, int] = {}
    for hit in hits:
        counts[hit.kind] = counts.get(hit.kind, 0) + 1
    answer.counts = [(k, LABELS[k], counts[k]) for k in LABELS if k in counts]
    answer.kind = kind if kind in counts else ""
    answer.kind_label = LABELS.get(answer.kind, "")
    chosen = [h for h in hits if h.kind == answer.kind] if answer.kind else hits
    answer.total, answer.capped = len(chosen), capped
    answer.page = Paginator(chosen, PER_PAGE).get_page(page)
    rows = SearchDocument.objects.in_bulk([h.id for h in answer.page.object_list])
    answer.results = [
        Result(row.kind, LABELS[row.kind], row.title, row.url, snippet(row.body, parsed.words))
        for row in (rows.get(h.id) for h in answer.page.object_list)
        if row is not None
    ]
    return answer
