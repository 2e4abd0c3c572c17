"""The PBC approvals committee's structure (ORG-8, DH 5.8 table): separately convened,
accountable to the Board, meeting often enough. Table tests over the pure rules."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from pecgov.commissioning import criteria, structure
from pecgov.commissioning.enums import Criterion
from pecgov.commissioning.structure import ApprovalsFacts
from pecgov.policy.engine import Status

TODAY = dt.date(2007, 6, 1)
GOOD = ApprovalsFacts(
    name="PBC Approvals Committee",
    on=TODAY,
    reports_to="Avonmere PCT Board",
    reports_to_board=True,
    same_members_as_pec=False,
    member_count=5,
    meeting_dates=(dt.date(2007, 4, 10), dt.date(2007, 5, 8), dt.date(2007, 6, 5)),
    max_days_between=42,
)


def facts(**changes: object) -> ApprovalsFacts:
    return dataclasses.replace(GOOD, **changes)  # type: ignore[arg-type]


def statuses(found: ApprovalsFacts) -> dict[str, Status]:
    return {f.rule: f.status for f in structure.approvals_findings(found)}


def test_a_well_set_up_committee_passes_every_rule() -> None:
    assert statuses(GOOD) == {
        "pbc.separate": Status.PASS,
        "pbc.accountability": Status.PASS,
        "pbc.frequency": Status.PASS,
    }
    frequency = structure.meets_often_enough(GOOD)
    assert frequency.facts == "It meets at most 28 days apart; the policy allows 42."
    assert frequency.source == "DH 5.8 table"


@pytest.mark.parametrize(
    ("changes", "facts_text", "action"),
    [
        (
            {"reports_to": "Professional Executive Committee", "reports_to_board": False},
            "It reports to Professional Executive Committee, not to the Board: its line of "
            "accountability should run to the PCT Board.",
            "Change who it reports to so that it is the Board, and record the Board's delegation to it.",
        ),
        (
            {"reports_to": "", "reports_to_board": False},
            "It reports to no committee, not to the Board: its line of accountability should run to "
            "the PCT Board.",
            "Change who it reports to so that it is the Board, and record the Board's delegation to it.",
        ),
    ],
    ids=["reports to the PEC", "reports to no one"],
)
def test_accountability_must_run_to_the_board(
    changes: dict[str, object], facts_text: str, action: str
) -> None:
    finding = structure.accountable_to_board(facts(**changes))
    assert (finding.status, finding.facts, finding.action) == (Status.FAIL, facts_text, action)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"same_members_as_pec": True}, "exactly the PEC's members"),
        ({"member_count": 0}, "has no current members"),
    ],
)
def test_separately_convened(changes: dict[str, object], expected: str) -> None:
    finding = structure.separately_convened(facts(**changes))
    assert finding.status == Status.FAIL
    assert expected in finding.facts
    assert finding.action


@pytest.mark.parametrize(
    ("dates", "limit", "status", "facts_text"),
    [
        # 10 April to 5 June: 56 days apart, over a 42-day limit.
        (
            (dt.date(2007, 4, 10), dt.date(2007, 6, 5)),
            42,
            Status.FAIL,
            "Up to 56 days pass between its meetings (from 10 April 2007 to 5 June 2007); the policy allows 42.",
        ),
        (
            (dt.date(2007, 4, 10), dt.date(2007, 6, 5)),
            56,
            Status.PASS,
            "It meets at most 56 days apart; the policy allows 56.",
        ),
        # Nothing planned: the wait since the last meeting runs on to today.
        (
            (dt.date(2007, 3, 1), dt.date(2007, 4, 1)),
            42,
            Status.FAIL,
            "Up to 61 days pass between its meetings (from 1 April 2007 to 1 June 2007); the policy allows 42.",
        ),
        ((), 42, Status.FAIL, "It has no meetings in the past year or planned."),
        # Meetings more than a year ago do not count.
        (
            (dt.date(2005, 1, 1), dt.date(2007, 5, 20), dt.date(2007, 6, 20)),
            42,
            Status.PASS,
            "It meets at most 31 days apart; the policy allows 42.",
        ),
        ((), None, Status.PASS, "The policy sets no meeting frequency."),
    ],
    ids=[
        "too far apart",
        "at the limit",
        "nothing planned",
        "no meetings",
        "old meetings ignored",
        "no limit",
    ],
)
def test_meets_often_enough(
    dates: tuple[dt.date, ...], limit: int | None, status: Status, facts_text: str
) -> None:
    finding = structure.meets_often_enough(facts(meeting_dates=dates, max_days_between=limit))
    assert (finding.status, finding.facts) == (status, facts_text)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({}, list(Criterion)),
        ({"pbc.criterion.plurality": False}, [c for c in Criterion if c != Criterion.PLURALITY]),
        ({"pbc.criterion.plurality": True, "pbc.other": False}, list(Criterion)),
    ],
)
def test_criteria_in_force_come_from_the_policy(values: dict[str, object], expected: list[Criterion]) -> None:
    assert criteria.in_force(values) == expected
