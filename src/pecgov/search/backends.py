"""One full-text search, two databases (PUB-1): PostgreSQL's full-text search (a GIN-indexed
`tsvector`, `websearch_to_tsquery`, `ts_rank_cd`) or SQLite's FTS5 (`MATCH` on quoted words,
bm25). Both narrow by the trust and audience tags inside the full-text index, so a search reads
only the one trust's postings, and both answer the same `Hit`s, best first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, F, Q
from django.db.models.expressions import RawSQL

from pecgov.search.documents import BY_MEETING
from pecgov.search.models import SearchDocument
from pecgov.search.text import Parsed, fts5_match, websearch

LIMIT = 500  # the most hits one search weighs: more than this asks the searcher to narrow it


@dataclass(frozen=True)
class Hit:
    id: int
    kind: str
    perm: str
    scope: int | None


@dataclass(frozen=True)
class Where:
    trust_id: int
    audience: str
    kinds: tuple[str, ...]
    public_on: dt.date | None = None  # public search: rows public by this day
    # PUB-1: items, decisions, papers (documents.BY_MEETING) hold their meeting's day: public if
    # the meeting is on or before this day (today plus the trust's `public.papers_days_before`).
    meetings_by: dt.date | None = None


def _public_sql(where: Where) -> tuple[str, list[str]]:
    """The one public-by-date condition, as SQL on `d` for both databases."""
    assert where.public_on is not None and where.meetings_by is not None
    marks = ", ".join("%s" for _ in BY_MEETING)
    sql = f"((d.kind IN ({marks}) AND d.public_from <= %s) OR (d.kind NOT IN ({marks}) AND d.public_from <= %s))"
    return sql, [*BY_MEETING, where.meetings_by.isoformat(), *BY_MEETING, where.public_on.isoformat()]


def search(parsed: Parsed, where: Where, limit: int = LIMIT) -> list[Hit]:
    """The best `limit` rows matching `parsed` within `where`, best first: one query."""
    if not where.kinds:
        return []
    if connection.vendor == "postgresql":
        return _postgres(parsed, where, limit)
    return _sqlite(parsed, where, limit)


def _tags(where: Where) -> list[str]:
    return [f"t{where.trust_id}", f"a{where.audience}"]


def _postgres(parsed: Parsed, where: Where, limit: int) -> list[Hit]:
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField

    text = websearch(parsed)
    query = SearchQuery(text, search_type="websearch", config="english") & SearchQuery(
        " & ".join(_tags(where)), search_type="raw", config="simple"
    )
    # Only stop words ("the of"): an empty query, which `&&` would turn into "every row of the
    # trust". A constant condition, worked out once by PostgreSQL in the same query.
    words = RawSQL("numnode(websearch_to_tsquery('english', %s)) > 0", [text], output_field=BooleanField())
    rows = (
        SearchDocument.objects.alias(
            vector=RawSQL("search_document.vector", [], output_field=SearchVectorField())
        )
        .filter(words, vector=query, trust_id=where.trust_id, audience=where.audience, kind__in=where.kinds)
        # Weights D, C, B, A: the title (A) ten times the body (B), as bm25's weights on SQLite;
        # the trust and audience tags (D) match every row alike.
        .annotate(rank=SearchRank(F("vector"), query, weights=[0.01, 0.01, 0.1, 1.0]))
    )
    if where.public_on is not None:
        by_meeting = Q(kind__in=BY_MEETING, public_from__lte=where.meetings_by)
        rows = rows.filter(by_meeting | Q(public_from__lte=where.public_on) & ~Q(kind__in=BY_MEETING))
    found = rows.order_by("-rank", "-id").values_list("id", "kind", "perm", "scope")[:limit]
    return [Hit(pk, kind, perm, scope) for pk, kind, perm, scope in found]


def _sqlite(parsed: Parsed, where: Where, limit: int) -> list[Hit]:
    kinds = ", ".join("%s" for _ in where.kinds)
    sql = (
        "SELECT d.id, d.kind, d.perm, d.scope FROM search_fts JOIN search_document d ON d.id = search_fts.rowid "
        f"WHERE search_fts MATCH %s AND d.trust_id = %s AND d.audience = %s AND d.kind IN ({kinds})"
    )
    params: list[str | int] = [fts5_match(parsed, _tags(where)), where.trust_id, where.audience, *where.kinds]
    if where.public_on is not None:
        dated, values = _public_sql(where)
        sql += f" AND {dated}"
        params += values
    # bm25: lower is better; the title weighs ten times the body, the tags nothing.
    sql += " ORDER BY bm25(search_fts, 10.0, 1.0, 0.0), d.id DESC LIMIT %s"
    params.append(limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [Hit(*row) for row in cursor.fetchall()]
