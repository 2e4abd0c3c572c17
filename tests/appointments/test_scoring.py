"""Interview scoring (APP-5): validate a score, aggregate the panel's scores per candidate.

Pure: no database. A small framework (two core, two added value) keeps the tables readable;
one test runs the shipped framework end to end.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pecgov.appointments.framework import ADDED_VALUE, CORE, Competency, competencies
from pecgov.appointments.scoring import (
    PASS_MARK,
    SCALE_LABELS,
    SCALE_MAX,
    SCALE_MIN,
    Disagreement,
    Score,
    aggregate,
    validate_score,
)

PROPERTY = settings(max_examples=150, deadline=None, database=None)
FRAMEWORK = (
    Competency("policy", CORE, "A good understanding of NHS policies", "DH Annex B"),
    Competency("chairing", CORE, "Chairing meetings", "DH Annex B"),
    Competency("leadership", ADDED_VALUE, "Ability to demonstrate leadership", "DH Annex B"),
    Competency("influencers", ADDED_VALUE, "Being able to recognise key influencers", "DH Annex B"),
)
KEYS = [c.key for c in FRAMEWORK]
PANEL = ("Ann", "Bob", "Cara")


def sheet(candidate, grid):
    """Scores from {member: [policy, chairing, leadership, influencers]}."""
    return [Score(m, candidate, k, s) for m, row in grid.items() for k, s in zip(KEYS, row, strict=True)]


def by_name(results):
    return {r.candidate: r for r in results}


# validate_score ---------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [1, 2, 3, 4, 5])
def test_validate_score_accepts_the_scale(value):
    assert validate_score(value) == value


@pytest.mark.parametrize("value", [0, 6, -1, 2.5, 3.0, True, False, "3", None])
def test_validate_score_refuses_with_user_message(value):
    with pytest.raises(ValueError) as error:
        validate_score(value)
    assert str(error.value) == "Enter a score from 1 to 5"


def test_scale_pass_mark_means_skill_or_potential():
    assert (SCALE_MIN, SCALE_MAX, PASS_MARK) == (1, 5, 3)
    assert SCALE_LABELS[PASS_MARK] == "Shows the skill or clear development potential"


# aggregate: tables --------------------------------------------------------------------------------


def test_aggregate_per_competency_figures():
    (result,) = aggregate(
        sheet("Dee", {"Ann": [3, 4, 5, 3], "Bob": [5, 4, 3, 3], "Cara": [4, 4, 4, 3]}), FRAMEWORK
    )
    figures = {c.key: (c.mean, c.min, c.max, c.spread) for c in result.competencies}
    assert figures == {
        "policy": (4.0, 3, 5, 2),
        "chairing": (4.0, 4, 4, 0),
        "leadership": (4.0, 3, 5, 2),
        "influencers": (3.0, 3, 3, 0),
    }
    assert result.heading_means == {CORE: 4.0, ADDED_VALUE: 3.5}
    assert result.overall_mean == 3.75
    assert (result.fails_heading, result.missing, result.appointable, result.rank) == ((), (), True, 1)


def test_aggregate_disagreements_name_members_at_each_end():
    (result,) = aggregate(
        sheet("Dee", {"Ann": [1, 4, 5, 3], "Bob": [5, 4, 3, 4], "Cara": [1, 3, 4, 3]}), FRAMEWORK
    )
    assert result.disagreements == (
        Disagreement("policy", 4, 1, ("Ann", "Cara"), 5, ("Bob",)),
        Disagreement("leadership", 2, 3, ("Bob",), 5, ("Ann",)),
    )


def test_aggregate_disagreement_threshold_is_adjustable():
    scores = sheet("Dee", {"Ann": [3, 3, 3, 3], "Bob": [4, 3, 3, 3]})
    assert aggregate(scores, FRAMEWORK)[0].disagreements == ()
    assert [d.competency for d in aggregate(scores, FRAMEWORK, disagreement_spread=1)[0].disagreements] == [
        "policy"
    ]


def test_aggregate_added_value_below_mark_flagged_and_not_appointable():
    # Strong management skills, but under added value shows neither skill nor potential (DH Annex B).
    results = aggregate(
        sheet("Strong manager", {"Ann": [5, 5, 2, 2], "Bob": [5, 5, 3, 2]})
        + sheet("Steady", {"Ann": [3, 3, 3, 3], "Bob": [3, 3, 3, 3]}),
        FRAMEWORK,
    )
    assert [r.candidate for r in results] == ["Steady", "Strong manager"]
    manager = by_name(results)["Strong manager"]
    assert manager.heading_means[ADDED_VALUE] == 2.25
    assert manager.fails_heading == (ADDED_VALUE,)
    assert (manager.appointable, manager.rank) == (False, None)
    assert manager.overall_mean is not None and manager.overall_mean > by_name(results)["Steady"].overall_mean
    assert by_name(results)["Steady"].rank == 1


def test_aggregate_core_below_mark_flagged():
    (result,) = aggregate(sheet("Visionary", {"Ann": [2, 3, 5, 5], "Bob": [2, 2, 5, 5]}), FRAMEWORK)
    assert result.heading_means[CORE] == 2.25
    assert result.fails_heading == (CORE,)
    assert not result.appointable


def test_aggregate_exactly_at_mark_passes():
    (result,) = aggregate(sheet("Dee", {"Ann": [3, 3, 3, 3]}), FRAMEWORK)
    assert (result.fails_heading, result.appointable) == ((), True)


def test_aggregate_missing_scores_listed_and_not_appointable():
    scores = [*sheet("Dee", {"Ann": [4, 4, 4, 4]}), Score("Bob", "Dee", "policy", 4)]
    (result,) = aggregate(scores, FRAMEWORK, panel=PANEL)
    assert result.missing == (
        ("Bob", "chairing"),
        ("Bob", "influencers"),
        ("Bob", "leadership"),
        ("Cara", "chairing"),
        ("Cara", "influencers"),
        ("Cara", "leadership"),
        ("Cara", "policy"),
    )
    assert (result.complete, result.appointable, result.rank) == (False, False, None)


def test_aggregate_unscored_candidate_fails_both_headings():
    (result,) = aggregate([], FRAMEWORK, panel=PANEL, candidates=["Eli"])
    assert result.overall_mean is None
    assert result.heading_means == {CORE: None, ADDED_VALUE: None}
    assert result.fails_heading == (CORE, ADDED_VALUE)
    assert len(result.missing) == len(PANEL) * len(FRAMEWORK)


def test_aggregate_ranks_appointable_by_overall_mean_then_name():
    results = aggregate(
        sheet("Zoe", {"Ann": [4, 4, 4, 4]})
        + sheet("Abe", {"Ann": [4, 4, 4, 4]})
        + sheet("Max", {"Ann": [5, 5, 5, 4]})
        + sheet("Low", {"Ann": [2, 2, 5, 5]}),
        FRAMEWORK,
    )
    assert [(r.candidate, r.rank) for r in results] == [("Max", 1), ("Abe", 2), ("Zoe", 3), ("Low", None)]


@pytest.mark.parametrize(
    ("scores", "message"),
    [
        ([Score("Ann", "Dee", "policy", 6)], "Enter a score from 1 to 5"),
        (
            [Score("Ann", "Dee", "walking", 3)],
            "Ann scored Dee on 'walking', which is not a competency being scored.",
        ),
        (
            [Score("Ann", "Dee", "policy", 3), Score("Ann", "Dee", "policy", 4)],
            "Ann scored Dee on 'policy' more than once.",
        ),
    ],
)
def test_aggregate_bad_scores_refused(scores, message):
    with pytest.raises(ValueError) as error:
        aggregate(scores, FRAMEWORK)
    assert str(error.value) == message


def test_aggregate_shipped_framework_end_to_end():
    framework = competencies(CORE) + competencies(ADDED_VALUE)
    scores = [Score(m, "Dee", c.key, 4) for m in PANEL for c in framework]
    (result,) = aggregate(scores, framework, panel=PANEL)
    assert len(result.competencies) == 25
    assert (result.heading_means, result.appointable) == ({CORE: 4.0, ADDED_VALUE: 4.0}, True)


# aggregate: properties ------------------------------------------------------------------------------

score_sets = st.dictionaries(
    keys=st.tuples(st.sampled_from(PANEL), st.sampled_from(["Dee", "Eli", "Fay"]), st.sampled_from(KEYS)),
    values=st.integers(SCALE_MIN, SCALE_MAX),
    max_size=36,
).map(lambda d: [Score(m, c, k, s) for (m, c, k), s in d.items()])


@PROPERTY
@given(score_sets)
def test_aggregate_means_lie_between_min_and_max(scores):
    for result in aggregate(scores, FRAMEWORK):
        for competency in result.competencies:
            if competency.mean is None:
                assert (competency.min, competency.max, competency.scores) == (None, None, ())
            else:
                assert competency.min <= competency.mean <= competency.max
        means = [c.mean for c in result.competencies if c.mean is not None]
        if means:
            # A mean of means, so float rounding may land a hair outside.
            assert min(means) - 1e-9 <= result.overall_mean <= max(means) + 1e-9


@PROPERTY
@given(score_sets, st.randoms(use_true_random=False))
def test_aggregate_order_of_scores_does_not_change_results(scores, rnd: random.Random):
    shuffled = list(scores)
    rnd.shuffle(shuffled)
    assert aggregate(shuffled, FRAMEWORK, panel=PANEL) == aggregate(scores, FRAMEWORK, panel=PANEL)


@PROPERTY
@given(score_sets)
def test_aggregate_failing_a_heading_is_never_ranked(scores):
    results = aggregate(scores, FRAMEWORK, panel=PANEL)
    for result in results:
        below = [
            h
            for h in (CORE, ADDED_VALUE)
            if result.heading_means.get(h) is None or result.heading_means[h] < PASS_MARK
        ]
        assert result.fails_heading == tuple(below)
        if below:
            assert (result.appointable, result.rank) == (False, None)
    ranks = [r.rank for r in results if r.rank is not None]
    assert ranks == list(range(1, len(ranks) + 1))
    assert all(r.appointable for r in results[: len(ranks)])
