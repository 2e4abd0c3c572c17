"""One full-text search, two databases (PUB-1): PostgreSQL's full-text search (a `tsvector`,
`websearch_to_tsquery`, `ts_rank`) or SQLite's FTS5 (`MATCH` on quoted words, bm25). Each reads
only the one trust's rows for the audience (PostgreSQL through the `(trust_id, audience)` index,
FTS5 through the trust and audience tags inside the full-text index), and both answer the same
`Hit`s, best first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connection

from pecgov.search.documents import BY_MEETING
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


def _public_sql(where: Where) -> tuple[str, list[Any]]:
    """The one public-by-date condition, as SQL on `d` for both databases (SQLite compares the
    ISO text it stores; PostgreSQL its dates)."""
    assert where.public_on is not None and where.meetings_by is not None
    marks = ", ".join("%s" for _ in BY_MEETING)
    sql = f"((d.kind IN ({marks}) AND d.public_from <= %s) OR (d.kind NOT IN ({marks}) AND d.public_from <= %s))"
    by, on = where.meetings_by, where.public_on
    if connection.vendor != "postgresql":
        return sql, [*BY_MEETING, by.isoformat(), *BY_MEETING, on.isoformat()]
    return sql, [*BY_MEETING, by, *BY_MEETING, on]


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
    """The trust's rows for the audience, read by the `(trust_id, audience)` index, each tested
    against the words. Not the GIN index: at national scale the words and the tags are in every
    trust, so intersecting their posting lists read far more than the trust's few thousand rows
    (p95 10-19 ms of the database's time, against 1-2 ms this way). `OFFSET 0` keeps the planner
    from folding the trust's rows back into a GIN scan."""
    kinds = ", ".join("%s" for _ in where.kinds)
    sql = (
        "SELECT d.id, d.kind, d.perm, d.scope FROM (SELECT id, kind, perm, scope, public_from, vector "
        "FROM search_document WHERE trust_id = %s AND audience = %s OFFSET 0) d, "
        "websearch_to_tsquery('english', %s) q "
        # Only stop words ("the of"): an empty query matches nothing.
        f"WHERE numnode(q) > 0 AND d.vector @@ q AND d.kind IN ({kinds})"
    )
    params: list[Any] = [where.trust_id, where.audience, websearch(parsed), *where.kinds]
    if where.public_on is not None:
        dated, values = _public_sql(where)
        sql += f" AND {dated}"
        params += values
    # Weights D, C, B, A: the title (A) ten times the body (B), as bm25's weights on SQLite; and,
    # as bm25 does, a shorter row ranks above a longer one with the same matches (normalisation 1:
    # divided by 1 + the log of its length).
    sql += " ORDER BY ts_rank('{0.01, 0.01, 0.1, 1.0}', d.vector, q, 1) DESC, d.id DESC LIMIT %s"
    params.append(limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [Hit(*row) for row in cursor.fetchall()]


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
