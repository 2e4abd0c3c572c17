"""The search's reading of what was typed (PUB-1, X-1): pure, no database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pecgov.search.text import MAX_LENGTH, QueryError, fts5_match, parse, snippet, websearch


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "Enter what to search for"),
        ("   \n\t ", "Enter what to search for"),
        ("\x00", "Enter what to search for"),
        ("x" * (MAX_LENGTH + 1), f"Search for {MAX_LENGTH} characters or fewer"),
        ('"" * ( ) ^ :', "Enter words to search for, using letters or numbers"),
        ("-only -negative", "Enter words to search for, using letters or numbers"),
        (" ".join(f"w{i}" for i in range(13)), "Search for 12 words or fewer"),
    ],
)
def test_parse_bad_input_refused_with_message(raw: str, message: str) -> None:
    """PUB-1: empty, too long, or only syntax: a clear message, never a database error."""
    with pytest.raises(QueryError) as caught:
        parse(raw)
    assert str(caught.value) == message


def test_parse_words_phrases_exclusions_and_alternatives() -> None:
    parsed = parse('Diabetes "minor surgery" -draft OR Fairfield')
    assert websearch(parsed) == 'diabetes "minor surgery" -draft OR fairfield'
    assert parsed.words == ["diabetes", "minor", "surgery", "fairfield"]


def test_fts5_match_quotes_every_word_as_a_literal() -> None:
    """FTS5 operators typed by a user (NEAR, AND, *, ^, column filters) stay plain words; words
    joined by punctuation ("covid-19", "title:x") are a phrase, as the tokenizers read them."""
    match = fts5_match(parse("NEAR(a b) title:x* ^c AND"), ["t1", "atrust"])
    assert match == 'tags : "t1" AND tags : "atrust" AND (("near a" AND "b" AND "title x" AND "c" AND "and"))'


def test_snippet_shows_the_text_around_the_first_word_found() -> None:
    body = "start " + "filler " * 100 + "the quinoa budget " + "tail " * 100
    found = snippet(body, ["quinoa"])
    assert "quinoa" in found and found.startswith("…") and found.endswith("…")
    assert snippet("short text", ["absent"]) == "short text"


@given(st.text(max_size=300))
def test_parse_any_text_is_a_query_or_a_message(raw: str) -> None:
    """Random input: either a query whose FTS5 expression has balanced quotes, or QueryError."""
    try:
        parsed = parse(raw)
    except QueryError as error:
        assert str(error)
        return
    match = fts5_match(parsed, ["t1", "apublic"])
    assert match.count('"') % 2 == 0
    assert parsed.groups and all(any(not t.negated for t in g) for g in parsed.groups)
