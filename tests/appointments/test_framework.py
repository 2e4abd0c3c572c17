"""The competency framework ships as data (APP-2): DH Annex B, loaded and checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from pecgov.appointments.framework import (
    ADDED_VALUE,
    CHAIR,
    CORE,
    FrameworkError,
    competencies,
    parse,
)


def test_shipped_framework_counts_per_heading_match_dh_annex_b():
    # DH Annex B lists 15 core management competencies, 10 added value competencies and 8
    # points the PEC chair's person specification must address.
    assert (len(competencies(CORE)), len(competencies(ADDED_VALUE)), len(competencies(CHAIR))) == (15, 10, 8)
    assert len(competencies()) == 33


def test_shipped_framework_keys_unique_and_sourced():
    entries = competencies()
    assert len({c.key for c in entries}) == len(entries)
    assert {c.source for c in entries} == {"DH Annex B"}


def test_shipped_framework_wording_from_the_source():
    texts = {c.key: c.text for c in competencies()}
    assert texts["nhs_policies"] == "A good understanding of NHS policies"
    assert texts["walk_the_patch"] == "Willing to walk the patch"
    assert texts["beyond_own_profession"] == "Ability to think beyond their own professional viewpoint"
    assert texts["chair_support_pct_chair"] == "Support to the PCT chair (and CEO)"


def test_shipped_framework_every_text_appears_in_the_seed():
    # DH Annex B, copied from the seed document beside the tests (data/dh_annex_b.txt).
    seed = Path(__file__).parent / "data" / "dh_annex_b.txt"
    source = " ".join(seed.read_text(encoding="utf-8").replace("*", "").replace(" - ", " – ").split())
    for competency in competencies():
        # The file capitalises the chair points' first letter; everything else is verbatim.
        text = competency.text
        assert text in source or (text[0].lower() + text[1:]) in source, competency.key


def test_competencies_unknown_heading_refused():
    with pytest.raises(ValueError, match="Unknown heading 'lay'"):
        competencies("lay")


GOOD = '[[core]]\nkey = "a"\ntext = "Time management"\nsource = "DH Annex B"\n'

MALFORMED = [
    (
        "missing text",
        '[[core]]\nkey = "negotiation"\nsource = "DH Annex B"\n',
        'core entry 1 ("negotiation"): missing text',
    ),
    (
        "second entry missing key",
        GOOD + '[[added_value]]\ntext = "Resilience"\nsource = "DH Annex B"\n',
        "added_value entry 1: missing key",
    ),
    (
        "duplicate key",
        GOOD + '[[added_value]]\nkey = "a"\ntext = "Other"\nsource = "DH Annex B"\n',
        'added_value entry 1 ("a"): key is already used by core entry 1 ("a")',
    ),
    (
        "bad key",
        '[[core]]\nkey = "Time Management"\ntext = "x"\nsource = "s"\n',
        'core entry 1 ("Time Management"): key must be',
    ),
    (
        "empty text",
        '[[core]]\nkey = "t"\ntext = "  "\nsource = "s"\n',
        'core entry 1 ("t"): text must be non-empty text',
    ),
    (
        "number as text",
        '[[core]]\nkey = "t"\ntext = 3\nsource = "s"\n',
        'core entry 1 ("t"): text must be non-empty text',
    ),
    (
        "unknown field",
        '[[core]]\nkey = "t"\ntext = "x"\nsource = "s"\nweight = 2\n',
        'core entry 1 ("t"): unknown field weight',
    ),
    ("unknown heading", '[[skills]]\nkey = "t"\ntext = "x"\nsource = "s"\n', "Unknown heading 'skills'"),
    ("heading not a list", '[core]\nkey = "t"\n', 'Heading "core" must be a list'),
    ("not toml", "[[core]\nkey=", "not valid TOML"),
    ("empty", "", "no entries"),
]


@pytest.mark.parametrize(("label", "text", "message"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_parse_malformed_file_names_the_entry(label, text, message):
    with pytest.raises(FrameworkError) as error:
        parse(text)
    assert message in str(error.value)


def test_parse_good_file_keeps_order_and_heading():
    parsed = parse(GOOD + '[[chair]]\nkey = "b"\ntext = " Lead "\nsource = "DH Annex B"\n')
    assert [(c.key, c.heading, c.text) for c in parsed] == [
        ("a", "core", "Time management"),
        ("b", "chair", "Lead"),
    ]
