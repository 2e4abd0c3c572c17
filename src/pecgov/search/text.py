"""What a searcher typed, checked and turned into a full-text query (PUB-1, X-1): pure, no Django.

Both databases get the same reading of the words, so a search finds the same things on either:
words (letters and digits), "quoted phrases", `-word` to leave out, `OR` between alternatives.
Nothing a user types reaches the database as syntax: every word is quoted as a literal for FTS5,
and PostgreSQL gets it through `websearch_to_tsquery`, which never fails on its input.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

MAX_LENGTH = 200
MAX_TERMS = 12
SNIPPET = 220

WORD = re.compile(r"\w+", re.UNICODE)
TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')


class QueryError(ValueError):
    """A search that cannot be run, with the message the searcher reads."""


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # one word, or the words of a phrase
    negated: bool = False


@dataclass(frozen=True)
class Parsed:
    text: str  # the cleaned search, as shown back and handed to websearch_to_tsquery
    groups: tuple[tuple[Term, ...], ...] = field(default_factory=tuple)  # OR of ANDs

    @property
    def words(self) -> list[str]:
        return [w for group in self.groups for t in group if not t.negated for w in t.words]


def clean(raw: str) -> str:
    """No control characters (NUL, newlines), spaces collapsed."""
    text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in raw)
    return " ".join(text.split())


def parse(raw: str) -> Parsed:
    """The search `raw` as groups of terms; QueryError with a message when it cannot run."""
    text = clean(raw)
    if not text:
        raise QueryError("Enter what to search for")
    if len(text) > MAX_LENGTH:
        raise QueryError(f"Search for {MAX_LENGTH} characters or fewer")
    groups: list[list[Term]] = [[]]
    for match in TOKEN.finditer(text):
        minus, phrase, bare = match.groups()
        if bare == "OR":
            groups.append([])
            continue
        negated = bool(minus) or (bare is not None and bare.startswith("-") and len(bare) > 1)
        words = tuple(WORD.findall(phrase if phrase is not None else bare))
        words = tuple(w.lower() for w in words)
        if words:
            groups[-1].append(Term(words, negated))
    kept = tuple(tuple(g) for g in groups if any(not t.negated for t in g))
    if not kept:
        raise QueryError("Enter words to search for, using letters or numbers")
    if sum(len(g) for g in kept) > MAX_TERMS:
        raise QueryError(f"Search for {MAX_TERMS} words or fewer")
    return Parsed(text, kept)


def _fts5_term(term: Term) -> str:
    # A quoted FTS5 string is a literal: doubling the only special character inside it is all
    # the quoting it needs. WORD already keeps quotes out; this keeps it safe if WORD changes.
    return '"' + " ".join(term.words).replace('"', '""') + '"'


def fts5_match(parsed: Parsed, tags: list[str]) -> str:
    """The FTS5 MATCH expression: the tags (trust, audience) AND any of the groups."""
    alternatives = []
    for group in parsed.groups:
        positive = " AND ".join(_fts5_term(t) for t in group if not t.negated)
        negative = "".join(f" NOT {_fts5_term(t)}" for t in group if t.negated)
        alternatives.append(f"({positive}{negative})")
    scope = " AND ".join(f'tags : "{tag}"' for tag in tags)
    return f"{scope} AND ({' OR '.join(alternatives)})"


def snippet(body: str, words: list[str], size: int = SNIPPET) -> str:
    """A piece of `body` around the first word searched for, else its start."""
    body = " ".join(body.split())
    if len(body) <= size:
        return body
    lowered = body.lower()
    found = [i for i in (lowered.find(w) for w in words if w) if i >= 0]
    start = max(0, min(found) - size // 3) if found else 0
    piece = body[start : start + size]
    return ("…" if start > 0 else "") + piece + ("…" if start + size < len(body) else "")


def websearch(parsed: Parsed) -> str:
    """The same search rebuilt for PostgreSQL's `websearch_to_tsquery`: words, "phrases", -word, OR."""

    def term(t: Term) -> str:
        words = " ".join(t.words)
        return ("-" if t.negated else "") + (f'"{words}"' if len(t.words) > 1 else words)

    return " OR ".join(" ".join(term(t) for t in group) for group in parsed.groups)
