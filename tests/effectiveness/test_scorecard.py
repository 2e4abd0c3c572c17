"""The guiding-principles scorecard engine (EFF-3, DH 2.2): a table per threshold, each edge."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest

from pecgov.effectiveness import scorecard as sc
from pecgov.effectiveness.scorecard import AMBER, GREEN, NOT_RATED, RED, Evidence

T = sc.Thresholds(
    {
        "patient_focus_green_percent": 90,
        "patient_focus_amber_percent": 70,
        "clinical_leads_green_percent": 60,
        "clinical_leads_amber_percent": 40,
        "development_green_percent": 75,
        "development_amber_percent": 50,
        "noted_only_green_max_percent": 20,
        "noted_only_amber_max_percent": 40,
        "board_tracked_green_percent": 100,
        "board_tracked_amber_percent": 75,
        "clinical_professions_green": 4,
        "clinical_professions_amber": 3,
        "override_reason_min_chars": 20,
        "sha_without_chair_green_max": 0,
        "sha_without_chair_amber_max": 1,
    }
)
GOOD = Evidence(
    cases_decided=10,
    cases_assessed=10,
    has_chair=True,
    chair_is_clinician=True,
    lead_areas=5,
    clinical_lead_areas=5,
    members=4,
    members_developing=4,
    items_decided=10,
    items_noted_only=0,
    recommendations_sent=2,
    recommendations_board_decided=2,
    statements_sent=2,
    clinical_professions=("GP", "nurse", "pharmacist", "dentist"),
    sha_meetings=3,
    sha_without_chair=0,
)


def card(key: str, evidence: Evidence) -> sc.Rating:
    return next(r for r in sc.score(evidence, T) if r.key == key)


@pytest.mark.parametrize(
    ("value", "higher", "expected"),
    [
        (90, True, GREEN),
        (Fraction(8999, 100), True, AMBER),
        (70, True, AMBER),
        (Fraction(6999, 100), True, RED),
        (20, False, GREEN),
        (Fraction(2001, 100), False, AMBER),
        (40, False, AMBER),
        (Fraction(4001, 100), False, RED),
    ],
)
def test_rate_each_edge(value: Fraction, higher: bool, expected: str) -> None:
    """EFF-3: a value on a threshold takes that threshold's colour; a hair beyond, the next."""
    green, amber = (90, 70) if higher else (20, 40)
    assert sc.rate(value, green=green, amber=amber, higher_is_better=higher) == expected


@pytest.mark.parametrize(
    ("assessed", "decided", "expected"),
    [(9, 10, GREEN), (8, 10, AMBER), (7, 10, AMBER), (6, 10, RED), (0, 0, NOT_RATED)],
)
def test_patient_focus_share_of_decided_cases_assessed(assessed: int, decided: int, expected: str) -> None:
    """EFF-3 (DH 2.2 patient focus): 90% green, 70% amber, below red; nothing decided is not rated."""
    rating = card("patient_focus", replace(GOOD, cases_assessed=assessed, cases_decided=decided))
    assert rating.rating == expected
    assert rating.reasons != []


def test_patient_focus_reports_assessments_not_met() -> None:
    """EFF-3: the scrutiny results are part of the evidence."""
    rating = card("patient_focus", replace(GOOD, assessments_not_met=2))
    assert rating.rating == GREEN
    assert ("Patient-focus and inequalities assessments not met", "2") in rating.figures


@pytest.mark.parametrize(
    ("changes", "expected", "why"),
    [
        ({}, GREEN, "The PEC chair is a clinician."),
        (
            {"chair_is_clinician": False},
            RED,
            "The PEC chair is not a clinician: DH 6.2 expects a clinical chair.",
        ),
        (
            {"has_chair": False, "chair_is_clinician": False},
            RED,
            "The PEC has no chair in post at the end of the period.",
        ),
        (
            {"clinical_lead_areas": 3},
            GREEN,
            "Lead areas held by clinicians: 3 of 5 (60%); green needs at least 60%, amber at least 40%.",
        ),
        (
            {"clinical_lead_areas": 2},
            AMBER,
            "Lead areas held by clinicians: 2 of 5 (40%); green needs at least 60%, amber at least 40%.",
        ),
        (
            {"clinical_lead_areas": 1},
            RED,
            "Lead areas held by clinicians: 1 of 5 (20%); green needs at least 60%, amber at least 40%.",
        ),
        (
            {"lead_areas": 0, "clinical_lead_areas": 0},
            AMBER,
            "No member holds a lead area for a function (TOR-3).",
        ),
        (
            {"members_developing": 3},
            GREEN,
            "Members with training or leadership development in the period: 3 of 4 (75%); green needs at least 75%, amber at least 50%.",
        ),
        (
            {"members_developing": 2},
            AMBER,
            "Members with training or leadership development in the period: 2 of 4 (50%); green needs at least 75%, amber at least 50%.",
        ),
        (
            {"members_developing": 1},
            RED,
            "Members with training or leadership development in the period: 1 of 4 (25%); green needs at least 75%, amber at least 50%.",
        ),
    ],
)
def test_clinical_leadership_is_its_worst_reason(changes: dict[str, object], expected: str, why: str) -> None:
    """EFF-3 (DH 2.2, 6.2): a clinical chair, clinicians leading functions, development."""
    rating = card("clinical_leadership", replace(GOOD, **changes))  # type: ignore[arg-type]
    assert rating.rating == expected
    assert why in rating.reasons


@pytest.mark.parametrize(
    ("noted", "sent", "board", "expected"),
    [
        (2, 2, 2, GREEN),  # 20% only noted, every Board decision recorded
        (3, 2, 2, AMBER),  # 30%
        (4, 2, 2, AMBER),  # 40%
        (5, 2, 2, RED),  # 50%
        (0, 4, 3, AMBER),  # 75% of recommendations tracked
        (0, 4, 2, RED),  # 50%
        (0, 0, 0, GREEN),  # nothing sent to the Board: only the ratio is rated
    ],
)
def test_decision_making_noted_only_and_board_tracking(
    noted: int, sent: int, board: int, expected: str
) -> None:
    """EFF-3 (DH 3.1): at most 20% only noted is green, 40% amber; every recommendation's Board
    decision recorded is green, 75% amber; the rating is the worse of the two."""
    evidence = replace(
        GOOD, items_noted_only=noted, recommendations_sent=sent, recommendations_board_decided=board
    )
    assert card("decision_making", evidence).rating == expected


@pytest.mark.parametrize(("count", "expected"), [(4, GREEN), (3, AMBER), (2, RED), (0, RED)])
def test_range_of_professions(count: int, expected: str) -> None:
    """EFF-3 (DH 2.2, 6.2): the number of clinical professions on the PEC."""
    professions = ("GP", "nurse", "pharmacist", "dentist")[:count]
    assert card("professions", replace(GOOD, clinical_professions=professions)).rating == expected


@pytest.mark.parametrize(
    ("reasons", "expected"),
    [((), GREEN), (("x" * 20,), GREEN), (("x" * 19,), AMBER), (("x" * 40, "too short"), AMBER)],
)
def test_local_freedom_each_variation_says_why(reasons: tuple[str, ...], expected: str) -> None:
    """EFF-3 (DH 2.2 local freedom): each local variation with a reason of at least 20 characters."""
    overrides = tuple((f"key.{i}", reason) for i, reason in enumerate(reasons))
    rating = card("local_freedom", replace(GOOD, overrides=overrides))
    assert rating.rating == expected
    assert ("Local policy variations in force", str(len(reasons))) in rating.figures


@pytest.mark.parametrize(
    ("meetings", "without", "expected"), [(3, 0, GREEN), (3, 1, AMBER), (3, 2, RED), (None, 0, NOT_RATED)]
)
def test_third_pin_meetings_without_the_pec_chair(meetings: int | None, without: int, expected: str) -> None:
    """EFF-3, ORG-7 (Alliance "Links to SHAs"): none without the chair is green, one amber, more red;
    no SHA log is not rated and says so."""
    rating = card("third_pin", replace(GOOD, sha_meetings=meetings, sha_without_chair=without))
    assert rating.rating == expected
    assert rating.reasons != []


def test_score_gives_the_five_principles_then_the_third_pin() -> None:
    """EFF-3: five principles of DH 2.2 in order, then the SHA's third pin."""
    keys = [r.key for r in sc.score(GOOD, T)]
    assert keys == [
        "patient_focus",
        "clinical_leadership",
        "decision_making",
        "professions",
        "local_freedom",
        "third_pin",
    ]
    assert {r.rating for r in sc.score(GOOD, T)} == {GREEN}
