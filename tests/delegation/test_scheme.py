"""The scheme of delegation as pure functions (TOR-2, PBC-2): tables of cases and properties.

No database: `problems` says what is wrong with a list of bands, `route` names the one
decider for a value, `default_bands` builds the starting scheme.
"""

from __future__ import annotations

import bisect

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pecgov.delegation.scheme import DECIDER_NAMES, Band, NoRoute, default_bands, problems, route

# No example database: the suite must not write files into the checkout.
PROPERTY = settings(max_examples=200, deadline=None, database=None)
ED, PBC, PEC, BOARD = "executive_director", "pbc_approvals", "pec_recommends", "board"
SOUND = [
    Band(0, 50_000, ED),
    Band(50_001, 250_000, PBC),
    Band(250_001, 1_000_000, PEC),
    Band(1_000_001, None, BOARD),
]


# problems(): a table of schemes and exactly what is said about them ---------------------------

PROBLEM_CASES = [
    ("sound", SOUND, []),
    ("sound, bands in any order", list(reversed(SOUND)), []),
    ("one open band", [Band(0, None, BOARD)], []),
    ("no bands", [], ["Add at least one band: every value needs someone to decide it"]),
    (
        "overlap",
        [Band(0, 50_000, ED), Band(40_000, None, BOARD)],
        ["The bands up to £50,000 and £40,000 or more overlap"],
    ),
    (
        "gap",
        [Band(0, 50_000, ED), Band(60_000, None, BOARD)],
        ["Values from £50,001 to £59,999 have no decider: close the gap between the bands"],
    ),
    (
        "first band not at 0",
        [Band(100, None, BOARD)],
        ["Values below £100 have no decider: the first band must start at £0"],
    ),
    (
        "last band capped",
        [Band(0, 50_000, ED), Band(50_001, 250_000, PBC)],
        ["Values above £250,000 have no decider: the last band must have no upper limit"],
    ),
    (
        "open band not last",
        [Band(0, None, ED), Band(50_001, None, BOARD)],
        ["The band £0 or more has no upper limit, so it overlaps the band £50,001 or more"],
    ),
    (
        "missing decider",
        [Band(0, 50_000, ""), Band(50_001, None, BOARD)],
        ["Choose who decides for the band up to £50,000"],
    ),
    (
        "unknown decider",
        [Band(0, 50_000, "the_tea_lady"), Band(50_001, None, BOARD)],
        ["Choose who decides for the band up to £50,000"],
    ),
    (
        "negative",
        [Band(-100, 50_000, ED), Band(50_001, None, BOARD)],
        ["The band -£100 to £50,000 has a negative limit: values start at £0"],
    ),
    (
        "ends below where it starts",
        [Band(0, None, BOARD), Band(500, 100, ED)],
        [
            "The band from £500 ends below where it starts (£100)",
            "The band £0 or more has no upper limit, so it overlaps the band £500 to £100",
            "Values above £100 have no decider: the last band must have no upper limit",
        ],
    ),
    (
        "every problem at once",
        [Band(-5, 10_000, ED), Band(20_000, 30_000, ""), Band(25_000, 90_000, PBC)],
        [
            "The band -£5 to £10,000 has a negative limit: values start at £0",
            "Choose who decides for the band £20,000 to £30,000",
            "Values from £10,001 to £19,999 have no decider: close the gap between the bands",
            "The bands £20,000 to £30,000 and £25,000 to £90,000 overlap",
            "Values above £90,000 have no decider: the last band must have no upper limit",
        ],
    ),
]


@pytest.mark.parametrize(("label", "bands", "expected"), PROBLEM_CASES, ids=[c[0] for c in PROBLEM_CASES])
def test_problems_names_exactly_what_is_wrong(label: str, bands: list[Band], expected: list[str]) -> None:
    assert problems(bands) == expected


# route(): the band edges ------------------------------------------------------------------------

ROUTE_CASES = [
    (
        0,
        ED,
        "A business case of £0 falls in the band up to £50,000, which the scheme of delegation "
        "gives to an executive director.",
    ),
    (
        50_000,
        ED,
        "A business case of £50,000 falls in the band up to £50,000, which the scheme of "
        "delegation gives to an executive director.",
    ),
    (
        50_001,
        PBC,
        "A business case of £50,001 falls in the band £50,001 to £250,000, which the scheme "
        "of delegation gives to the PBC approvals committee.",
    ),
    (250_000, PBC, None),
    (
        250_001,
        PEC,
        "A business case of £250,001 falls in the band £250,001 to £1,000,000, which the "
        "scheme of delegation gives to the PEC, recommending to the Board.",
    ),
    (1_000_000, PEC, None),
    (1_000_001, BOARD, None),
    (
        10**15,
        BOARD,
        "A business case of £1,000,000,000,000,000 falls in the band £1,000,001 or more, "
        "which the scheme of delegation gives to the Board.",
    ),
]


@pytest.mark.parametrize(("value", "decider", "reason"), ROUTE_CASES, ids=[str(c[0]) for c in ROUTE_CASES])
def test_route_at_band_edges_names_one_decider(value: int, decider: str, reason: str | None) -> None:
    found = route(SOUND, value)

    assert found.decider == decider
    assert found.band.holds(value)
    if reason is not None:
        assert found.reason == reason


def test_route_uses_the_kind_of_decision_in_its_reason() -> None:
    found = route(SOUND, 60_000, kind_label="PBC commissioning plan")

    assert found.reason.startswith(
        "A PBC commissioning plan of £60,000 falls in the band £50,001 to £250,000"
    )


@pytest.mark.parametrize(
    ("bands", "value", "message"),
    [
        (SOUND, -1, "A value cannot be negative"),
        (
            [Band(0, 50_000, ED), Band(40_000, None, BOARD)],
            45_000,
            "The scheme of delegation gives 2 deciders for £45,000: the governance lead must correct the scheme",
        ),
        (
            [Band(0, 50_000, ED), Band(60_000, None, BOARD)],
            55_000,
            "The scheme of delegation gives 0 deciders for £55,000: the governance lead must correct the scheme",
        ),
        (
            [Band(0, None, "")],
            10,
            "The band £0 or more names no decider: the governance lead must correct the scheme",
        ),
    ],
    ids=["negative", "overlap", "gap", "no decider"],
)
def test_route_on_a_broken_scheme_or_value_raises_no_route(
    bands: list[Band], value: int, message: str
) -> None:
    with pytest.raises(NoRoute) as caught:
        route(bands, value)

    assert str(caught.value) == message


# Properties ---------------------------------------------------------------------------------------

deciders_st = st.sampled_from(sorted(DECIDER_NAMES))
cuts_st = st.lists(st.integers(min_value=1, max_value=10**9), max_size=8, unique=True).map(sorted)


@st.composite
def sound_schemes(draw: st.DrawFn) -> list[Band]:
    """Bands from sorted random cut points: [0, c1-1], [c1, c2-1], ..., [cn, no limit]."""
    cuts = draw(cuts_st)
    lowers = [0, *cuts]
    uppers: list[int | None] = [c - 1 for c in cuts] + [None]
    return [Band(lo, up, draw(deciders_st)) for lo, up in zip(lowers, uppers, strict=True)]


@PROPERTY
@given(bands=sound_schemes(), value=st.integers(min_value=0, max_value=10**9))
def test_sound_scheme_routes_every_value_to_its_bands_decider(bands: list[Band], value: int) -> None:
    assert problems(bands) == []
    expected = bands[bisect.bisect_right([b.lower for b in bands], value) - 1]

    found = route(bands, value)

    assert found.band == expected
    assert found.decider == expected.decider


@PROPERTY
@given(bands=sound_schemes())
def test_sound_scheme_routes_both_edges_of_every_band(bands: list[Band]) -> None:
    for band in bands:
        edges = [band.lower] if band.upper is None else [band.lower, band.upper]
        assert [route(bands, v).band for v in edges] == [band] * len(edges)


@PROPERTY
@given(bands=sound_schemes().filter(lambda b: len(b) >= 2), data=st.data())
def test_overlap_injected_into_a_sound_scheme_is_a_problem(bands: list[Band], data: st.DataObject) -> None:
    i = data.draw(st.integers(min_value=1, max_value=len(bands) - 1))
    shift = data.draw(st.integers(min_value=1, max_value=bands[i].lower))
    moved = Band(bands[i].lower - shift, bands[i].upper, bands[i].decider)
    broken = [*bands[:i], moved, *bands[i + 1 :]]

    assert problems(broken) != []
    with pytest.raises(NoRoute):
        route(broken, moved.lower)  # held by the band before and the moved one


@PROPERTY
@given(bands=sound_schemes().filter(lambda b: len(b) >= 2), data=st.data())
def test_gap_injected_into_a_sound_scheme_is_a_problem(bands: list[Band], data: st.DataObject) -> None:
    i = data.draw(st.integers(min_value=1, max_value=len(bands) - 1))
    upper = bands[i].upper
    room = (upper - bands[i].lower) if upper is not None else 10**6
    if room < 1:
        # A one-pound band cannot move up without ending below where it starts: drop it instead.
        broken = [*bands[:i], *bands[i + 1 :]]
        first_uncovered = bands[i].lower
    else:
        shift = data.draw(st.integers(min_value=1, max_value=room))
        broken = [*bands[:i], Band(bands[i].lower + shift, upper, bands[i].decider), *bands[i + 1 :]]
        first_uncovered = bands[i].lower

    assert problems(broken) != []
    with pytest.raises(NoRoute):
        route(broken, first_uncovered)


@PROPERTY
@given(limit=st.integers(min_value=0, max_value=10**9))
def test_default_bands_are_sound_for_any_limit(limit: int) -> None:
    bands = default_bands(limit)

    assert problems(bands) == []
    assert route(bands, limit).decider == ED
    assert route(bands, limit + 1).decider != ED


def test_default_bands_at_the_dh_limit() -> None:
    assert default_bands(50_000) == SOUND


def test_default_bands_treat_a_negative_limit_as_zero() -> None:
    assert default_bands(-10) == default_bands(0)
