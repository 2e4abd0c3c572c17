"""PBC-6 taper rule, pure: support to a group should be developmental and withdraw as the group
matures (DH 5.4). Tables of cases, no database."""

from __future__ import annotations

import datetime as dt

import pytest

from pecgov.commissioning.maturity import (
    Assessed,
    Supported,
    intensity_on,
    latest_two,
    short_label,
    taper_warnings,
)

TODAY = dt.date(2008, 6, 1)
JAN = dt.date(2008, 1, 10)
MAR = dt.date(2008, 3, 10)
MAY = dt.date(2008, 5, 10)
OLD = dt.date(2007, 1, 1)

STARTING, DEVELOPING, ESTABLISHED, MATURE = "1_starting", "2_developing", "3_established", "4_mature"


def a(level: str, on: dt.date) -> Assessed:
    return Assessed(level, on)


def s(intensity: str, start: dt.date = OLD, end: dt.date | None = None) -> Supported:
    return Supported(intensity, start, end)


# (assessments, support, codes of the warnings expected)
CASES = [
    pytest.param([], [s("intensive")], [], id="not assessed: nothing to compare"),
    pytest.param([a(STARTING, MAY)], [s("intensive")], [], id="starting group, intensive support is right"),
    pytest.param([a(DEVELOPING, MAY)], [s("intensive")], [], id="developing group may still have intensive"),
    pytest.param(
        [a(ESTABLISHED, MAY)], [s("intensive")], ["intensive_when_mature"], id="established + intensive"
    ),
    pytest.param([a(MATURE, MAY)], [s("intensive")], ["intensive_when_mature"], id="mature + intensive"),
    pytest.param([a(MATURE, MAY)], [s("regular")], [], id="mature + regular"),
    pytest.param([a(MATURE, MAY)], [s("light"), s("regular")], [], id="mature + light and regular"),
    pytest.param(
        [a(ESTABLISHED, MAY)],
        [s("intensive", end=MAR)],
        [],
        id="established, intensive support already ended",
    ),
    pytest.param(
        [a(ESTABLISHED, MAY)],
        [s("intensive", start=dt.date(2008, 7, 1))],
        [],
        id="established, intensive support only planned",
    ),
    pytest.param(
        [a(MATURE, MAY), a(ESTABLISHED, JAN)],
        [s("intensive", end=TODAY)],
        ["intensive_when_mature"],
        id="support ending today is still current",
    ),
    pytest.param(
        [a(STARTING, JAN), a(DEVELOPING, MAY)],
        [s("light", end=MAR), s("regular", start=MAR)],
        ["support_rose_with_maturity"],
        id="matured from starting to developing while support rose from light to regular",
    ),
    pytest.param(
        [a(STARTING, JAN), a(DEVELOPING, MAY)],
        [s("regular", start=MAR)],
        ["support_rose_with_maturity"],
        id="matured while support rose from none",
    ),
    pytest.param(
        [a(STARTING, JAN), a(DEVELOPING, MAY)],
        [s("regular")],
        [],
        id="matured, support unchanged",
    ),
    pytest.param(
        [a(STARTING, JAN), a(DEVELOPING, MAY)],
        [s("intensive", end=MAR), s("light", start=MAR)],
        [],
        id="matured, support tapered: the intended pattern",
    ),
    pytest.param(
        [a(DEVELOPING, JAN), a(DEVELOPING, MAY)],
        [s("light", end=MAR), s("intensive", start=MAR)],
        [],
        id="support rose but maturity did not: no taper warning",
    ),
    pytest.param(
        [a(ESTABLISHED, JAN), a(DEVELOPING, MAY)],
        [s("light", end=MAR), s("regular", start=MAR)],
        [],
        id="maturity went down and support went up: a fair response",
    ),
    pytest.param(
        [a(DEVELOPING, JAN), a(ESTABLISHED, MAY)],
        [s("regular", end=MAR), s("intensive", start=MAR)],
        ["intensive_when_mature", "support_rose_with_maturity"],
        id="both: matured to established while support rose to intensive",
    ),
    pytest.param(
        [a(ESTABLISHED, MAY), a(STARTING, OLD), a(DEVELOPING, JAN)],
        [s("light", end=MAR), s("regular", start=MAR)],
        ["support_rose_with_maturity"],
        id="only the latest two assessments count, whatever the order given",
    ),
    pytest.param(
        [a(STARTING, OLD), a(STARTING, JAN), a(DEVELOPING, MAY)],
        [s("light", end=dt.date(2007, 6, 1)), s("regular", start=MAR)],
        ["support_rose_with_maturity"],
        id="compared with the support at the assessment before, not the first",
    ),
]


@pytest.mark.parametrize(("assessments", "support", "codes"), CASES)
def test_taper_warnings_table(
    assessments: list[Assessed], support: list[Supported], codes: list[str]
) -> None:
    assert [w.code for w in taper_warnings(assessments, support, TODAY)] == codes


def test_taper_warning_messages_say_what_is_wrong_and_what_to_do() -> None:
    warnings = taper_warnings(
        [a(DEVELOPING, JAN), a(ESTABLISHED, MAY)],
        [s("regular", end=MAR), s("intensive", start=MAR)],
        TODAY,
    )
    assert [w.message for w in warnings] == [
        "Assessed as established but still has intensive support: support should withdraw as the group "
        "matures. Review whether it is still needed.",
        "Maturity went up from developing to established, but support went up too (from regular (monthly) "
        "to intensive (weekly or more)): support should taper as the group matures.",
    ]


def test_taper_warning_message_when_there_was_no_support_before() -> None:
    [warning] = taper_warnings([a(STARTING, JAN), a(DEVELOPING, MAY)], [s("light", start=MAR)], TODAY)
    assert "(from none to light touch (on request))" in warning.message


@pytest.mark.parametrize(
    ("support", "on", "expected"),
    [
        ([], TODAY, ""),
        ([s("light"), s("intensive"), s("regular")], TODAY, "intensive"),
        ([s("light"), s("intensive", end=MAR)], TODAY, "light"),
        ([s("light"), s("intensive", end=MAR)], MAR, "intensive"),
        ([s("regular", start=MAY)], MAR, ""),
    ],
)
def test_intensity_on_is_the_most_intensive_current_support(
    support: list[Supported], on: dt.date, expected: str
) -> None:
    assert intensity_on(support, on) == expected


def test_latest_two_orders_by_date_and_breaks_ties_by_position() -> None:
    first, second = a(STARTING, JAN), a(DEVELOPING, JAN)
    assert latest_two([first, second]) == (second, first)
    assert latest_two([a(MATURE, MAY), first]) == (a(MATURE, MAY), first)
    assert latest_two([first]) == (first, None)
    assert latest_two([]) == (None, None)


@pytest.mark.parametrize(
    ("level", "label"),
    [
        (STARTING, "Starting up"),
        (ESTABLISHED, "Established"),
        (MATURE, "Mature"),
        ("nonsense", "Not assessed"),
    ],
)
def test_short_label(level: str, label: str) -> None:
    assert short_label(level) == label
