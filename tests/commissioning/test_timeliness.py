"""Timeliness of a case, as a pure function (PBC-4, MTG-6, DH 5.8): days against the target,
late or not, and why no meeting can decide it in time. No database."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pecgov.commissioning.timeliness import Timeliness, assess

SUBMITTED = dt.date(2007, 1, 1)
TARGET = dt.date(2007, 2, 12)  # 42 days: the DH 2007 pack's target
COMMITTEE = "PBC Approvals Committee"


def run(**kw: Any) -> Timeliness:
    args: dict[str, Any] = {
        "submitted_on": SUBMITTED,
        "target_date": TARGET,
        "today": dt.date(2007, 1, 20),
        "decided_on": None,
        "needs_meeting": True,
        "scheduled_for": None,
        "next_meeting": dt.date(2007, 2, 1),
        "committee": COMMITTEE,
    } | kw
    return assess(**args)


D = dt.date


@pytest.mark.parametrize(
    ("name", "kw", "days", "late", "warning"),
    [
        ("open on time", {}, 19, False, ""),
        ("open on the target date itself", {"today": TARGET}, 42, False, ""),
        ("open the day after the target", {"today": D(2007, 2, 13)}, 43, True, ""),
        (
            "decided on time, long ago",
            {"decided_on": D(2007, 2, 1), "today": D(2007, 12, 1)},
            31,
            False,
            "",
        ),
        ("decided on the target date", {"decided_on": TARGET, "today": D(2008, 1, 1)}, 42, False, ""),
        ("decided late", {"decided_on": D(2007, 2, 20), "today": D(2007, 3, 1)}, 50, True, ""),
        (
            "on a meeting after the target",
            {"scheduled_for": D(2007, 2, 15)},
            19,
            False,
            "The meeting it is on (15 February 2007) is after the target date (12 February 2007).",
        ),
        ("on a meeting on the target date", {"scheduled_for": TARGET}, 19, False, ""),
        (
            "on a meeting before the target, the next one after it",
            {"scheduled_for": D(2007, 2, 5), "next_meeting": D(2007, 3, 1)},
            19,
            False,
            "",
        ),
        (
            "no meeting scheduled",
            {"next_meeting": None},
            19,
            False,
            "No meeting of PBC Approvals Committee is scheduled: schedule one before 12 February 2007.",
        ),
        (
            "no meeting scheduled and the target gone",
            {"next_meeting": None, "today": D(2007, 3, 1)},
            59,
            True,
            "No meeting of PBC Approvals Committee is scheduled and the target date (12 February 2007) has "
            "passed: schedule one as soon as possible.",
        ),
        (
            "next meeting after the target",
            {"next_meeting": D(2007, 3, 1)},
            19,
            False,
            "No meeting of PBC Approvals Committee can decide it before the target date (12 February 2007): "
            "the next is on 1 March 2007.",
        ),
        ("next meeting on the target date", {"next_meeting": TARGET}, 19, False, ""),
        (
            "executive director's case, no meetings at all",
            {"needs_meeting": False, "next_meeting": None},
            19,
            False,
            "",
        ),
        (
            "executive director's case, late",
            {"needs_meeting": False, "next_meeting": None, "today": D(2007, 4, 1)},
            90,
            True,
            "",
        ),
        (
            "decided case whose committee has no meetings",
            {"decided_on": D(2007, 2, 1), "next_meeting": None},
            31,
            False,
            "",
        ),
    ],
)
def test_assess_table(name: str, kw: dict[str, Any], days: int, late: bool, warning: str) -> None:
    result = run(**kw)
    assert (result.days, result.late, result.warning) == (days, late, warning), name
    assert result.target_days == 42
    assert result.target_date == TARGET


def test_assess_default_committee_name() -> None:
    result = assess(
        submitted_on=SUBMITTED,
        target_date=TARGET,
        today=dt.date(2007, 1, 2),
        decided_on=None,
        needs_meeting=True,
        scheduled_for=None,
        next_meeting=None,
    )
    assert result.warning == "No meeting of the committee is scheduled: schedule one before 12 February 2007."


def test_assess_target_days_follow_the_dates() -> None:
    result = run(target_date=dt.date(2007, 1, 31))
    assert result.target_days == 30


dates = st.dates(min_value=dt.date(2006, 1, 1), max_value=dt.date(2009, 12, 31))


@settings(max_examples=300, deadline=None, database=None)
@given(
    submitted=dates,
    target_after=st.integers(min_value=0, max_value=120),
    today=dates,
    decided=st.none() | dates,
    needs_meeting=st.booleans(),
    scheduled=st.none() | dates,
    next_meeting=st.none() | dates,
)
def test_assess_properties(
    submitted: dt.date,
    target_after: int,
    today: dt.date,
    decided: dt.date | None,
    needs_meeting: bool,
    scheduled: dt.date | None,
    next_meeting: dt.date | None,
) -> None:
    target = submitted + dt.timedelta(days=target_after)
    result = assess(
        submitted_on=submitted,
        target_date=target,
        today=today,
        decided_on=decided,
        needs_meeting=needs_meeting,
        scheduled_for=scheduled,
        next_meeting=next_meeting,
    )
    end = decided or today
    assert result.days == (end - submitted).days
    assert result.late == (end > target)
    assert result.target_days == target_after
    if decided is not None or not needs_meeting:
        assert result.warning == ""
    # A case with a meeting in time, or the next meeting in time, has nothing to warn about.
    if scheduled is not None and scheduled <= target:
        assert result.warning == ""
    if scheduled is None and next_meeting is not None and next_meeting <= target:
        assert result.warning == ""
    # Every warning names the target date.
    if result.warning:
        assert f"{target:%-d %B %Y}" in result.warning
