"""Quorum re-checked per item after conflicted members step out (MTG-2, COI-3).

Pure tables, no database. The DH pack asks for more than 50% of members and two clinicians.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pecgov.meetings.quorum import check_quorum, needed_for

SIX = set(range(1, 7))
CLINICIANS = {1, 2, 3, 4, 5}  # person 6 is the manager
PROPERTY = settings(max_examples=200, deadline=None, database=None)


@pytest.mark.parametrize(
    ("members", "percent", "needed"),
    [(6, 50, 4), (7, 50, 4), (8, 50, 5), (1, 50, 1), (0, 50, 1), (10, 66, 7), (3, 0, 1)],
)
def test_needed_for_more_than_percent(members: int, percent: int, needed: int) -> None:
    """Quorum is more than the percentage: the smallest whole number above it (MTG-2)."""
    assert needed_for(members, percent) == needed


# (case, present, excluded, clinicians, min clinicians, quorate, able, clinicians able)
CASES = [
    ("all present", SIX, set(), CLINICIANS, 2, True, 6, 5),
    ("four of six", {1, 2, 3, 6}, set(), CLINICIANS, 2, True, 4, 3),
    ("exactly half is not quorate", {1, 2, 3}, set(), CLINICIANS, 2, False, 3, 3),
    ("an exclusion tips it below quorum", {1, 2, 3, 6}, {1}, CLINICIANS, 2, False, 3, 2),
    ("an exclusion leaves enough", {1, 2, 3, 4, 6}, {1}, CLINICIANS, 2, True, 4, 3),
    ("exclusion of someone absent changes nothing", {1, 2, 3, 6}, {5}, CLINICIANS, 2, True, 4, 3),
    ("too few clinicians", {1, 4, 5, 6}, set(), {1}, 2, False, 4, 1),
    ("clinician minimum not met", {1, 2, 3, 6}, set(), CLINICIANS, 4, False, 4, 3),
    ("no clinician rule", {1, 4, 5, 6}, set(), set(), None, True, 4, 0),
    ("nobody present", set(), set(), CLINICIANS, 2, False, 0, 0),
]


@pytest.mark.parametrize(
    ("present", "excluded", "clinicians", "min_clinicians", "quorate", "able", "clinicians_able"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_check_quorum_six_members(
    present: set[int],
    excluded: set[int],
    clinicians: set[int],
    min_clinicians: int | None,
    quorate: bool,
    able: int,
    clinicians_able: int,
) -> None:
    """A six-seat PEC at 50%: four present and able to decide, two of them clinicians (MTG-2)."""
    result = check_quorum(
        members=6,
        present=present,
        excluded=excluded,
        clinicians=clinicians,
        percent=50,
        min_clinicians=min_clinicians,
    )

    assert (result.quorate, result.able, result.needed, result.clinicians_able) == (
        quorate,
        able,
        4,
        clinicians_able,
    )


def test_check_quorum_zero_members_never_quorate() -> None:
    """A committee with nobody seated cannot decide anything (MTG-2)."""
    result = check_quorum(
        members=0, present=set(), excluded=set(), clinicians=set(), percent=50, min_clinicians=None
    )

    assert (result.quorate, result.needed) == (False, 1)
    assert result.explanation == "0 of 0 members present and able to decide; 1 needed."


def test_check_quorum_explanation_counts_exclusions() -> None:
    """The explanation says how many stepped out because of a conflict (MTG-2, COI-3)."""
    result = check_quorum(
        members=6, present={1, 2, 3, 6}, excluded={1, 5}, clinicians=CLINICIANS, percent=50, min_clinicians=2
    )

    assert result.explanation == (
        "3 of 6 members present and able to decide; 4 needed; "
        "2 clinicians able to decide; 2 needed; "
        "1 excluded because of a conflict of interest."
    )


def test_check_quorum_explanation_without_clinician_rule() -> None:
    """Where the pack sets no clinician minimum the explanation does not mention one (MTG-2)."""
    result = check_quorum(
        members=6, present=SIX, excluded=set(), clinicians=set(), percent=50, min_clinicians=None
    )

    assert (result.explanation, result.clinicians_needed) == (
        "6 of 6 members present and able to decide; 4 needed.",
        None,
    )


@PROPERTY
@given(
    members=st.integers(min_value=0, max_value=12),
    present=st.sets(st.integers(min_value=1, max_value=12)),
    excluded=st.sets(st.integers(min_value=1, max_value=12)),
    percent=st.integers(min_value=0, max_value=99),
)
def test_check_quorum_excluding_more_never_helps(
    members: int, present: set[int], excluded: set[int], percent: int
) -> None:
    """Stepping out one more member never turns an inquorate item quorate (MTG-2, COI-3)."""
    present = {p for p in present if p <= members}
    base = check_quorum(
        members=members,
        present=present,
        excluded=excluded,
        clinicians=present,
        percent=percent,
        min_clinicians=1,
    )

    for extra in present:
        more = check_quorum(
            members=members,
            present=present,
            excluded=excluded | {extra},
            clinicians=present,
            percent=percent,
            min_clinicians=1,
        )
        assert more.able <= base.able
        assert not (more.quorate and not base.quorate)
    assert base.quorate == (base.able * 100 > members * percent and base.clinicians_able >= 1)
