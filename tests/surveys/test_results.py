"""The results engine (EFF-2): distributions and means by hand, and the minimum group size rule
over any group sizes (hypothesis). No database."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pecgov.surveys.results import LIKERT, TEXT, AnswerSet, QuestionSpec, SurveyResults, summarise

QUESTIONS = (QuestionSpec("q1", "Adds value", LIKERT), QuestionSpec("q2", "What works?", TEXT))


def run(sent: dict[str, int], responses: list[AnswerSet], minimum: int = 3) -> SurveyResults:
    return summarise(
        survey_id=1,
        name="Test",
        status="closed",
        opened_on=None,
        closes_on=None,
        minimum_group_size=minimum,
        questions=QUESTIONS,
        sent=sent,
        responses=responses,
    )


def test_likert_distribution_and_mean_by_hand() -> None:
    """EFF-2: PEC answers 5, 4, 4, don't know -> counts (0,0,0,2,1), 1 don't know, mean 13/3."""
    answers = [
        AnswerSet("pec", {"q1": v, "q2": t}) for v, t in [(5, "Good"), (4, ""), (4, "Chair"), (0, " ")]
    ]
    result = run({"pec": 6}, answers)
    (pec,) = result.questions[0].groups
    assert (pec.distribution, pec.dont_know, pec.mean, pec.answered) == ((0, 0, 0, 2, 1), 1, 4.33, 4)
    (texts,) = result.questions[1].groups
    assert (texts.text_count, texts.texts) == (2, ("Chair", "Good"))
    assert (result.groups[0].sent, result.groups[0].answered, result.groups[0].rate_percent) == (6, 4, 67)


def test_group_below_minimum_is_hidden_with_no_numbers() -> None:
    """EFF-2: two Board answers under a minimum of three: hidden, no rate, no answers, no texts."""
    answers = [AnswerSet("board", {"q1": 1, "q2": "Secret"})] * 2 + [AnswerSet("pec", {"q1": 3})] * 3
    result = run({"pec": 3, "board": 4}, answers)
    assert [(g.group, g.hidden, g.sent, g.answered) for g in result.groups] == [
        ("pec", False, 3, 3),
        ("board", True, None, None),
    ]
    board = result.questions[0].groups[1]
    assert (board.hidden, board.distribution, board.mean, board.answered) == (True, None, None, None)
    assert result.questions[1].groups[1].texts == ()
    assert "Secret" not in repr(result)


def test_no_views_gives_no_mean() -> None:
    """EFF-2: only "don't know" answers: the mean is None, not zero."""
    result = run({"pec": 3}, [AnswerSet("pec", {"q1": 0})] * 3)
    assert result.questions[0].groups[0].mean is None


def test_audience_follows_group_order() -> None:
    assert run({"practice": 1, "pec": 1, "board": 1}, []).audience == (
        "PEC members",
        "Board members",
        "Practices",
    )


@settings(max_examples=80, deadline=None)
@given(
    sizes=st.dictionaries(
        st.sampled_from(["pec", "board", "pbc", "practice", "local_authority", "provider"]),
        st.integers(min_value=0, max_value=12),
        min_size=1,
    ),
    minimum=st.integers(min_value=0, max_value=10),
    point=st.integers(min_value=0, max_value=5),
)
def test_groups_under_minimum_are_never_shown(sizes: dict[str, int], minimum: int, point: int) -> None:
    """EFF-2: whatever the group sizes, a group with fewer answers than the minimum (or none)
    shows no number and no text anywhere; every other group shows its own counts."""
    responses = [
        AnswerSet(g, {"q1": point, "q2": f"text from {g}"}) for g, n in sizes.items() for _ in range(n)
    ]
    result = run({g: n + 2 for g, n in sizes.items()}, responses, minimum)
    for rate in result.groups:
        small = sizes[rate.group] < max(minimum, 1)
        assert rate.hidden == small
        assert (rate.answered is None) == small
    for question in result.questions:
        for answers in question.groups:
            small = sizes[answers.group] < max(minimum, 1)
            assert answers.hidden == small
            if small:
                assert (answers.answered, answers.distribution, answers.mean, answers.text_count) == (
                    None,
                ) * 4
                assert answers.texts == ()
            else:
                assert answers.answered == sizes[answers.group]
    shown_text = repr(result)
    for g, n in sizes.items():
        if n < max(minimum, 1):
            assert f"text from {g}" not in shown_text
