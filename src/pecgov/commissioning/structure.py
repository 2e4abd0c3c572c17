"""Is the PBC approvals committee set up as DH 5.8 asks (ORG-8)? Pure: no Django.

DH 5.8 table: "clear accountability to the PCT Board through a separately convened PBC
approvals committee of the PCT which has clear delegated powers to approve PBC business cases
and it should meet with sufficient frequency to ensure business case approval is timely". So
three findings, each with the facts, the source and what to do, in the shape the composition
findings have (policy.engine.Finding), so the committee page shows both alike."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from pecgov.policy.engine import Finding, Status

SOURCE = "DH 5.8 table"


@dataclass(frozen=True)
class ApprovalsFacts:
    name: str
    on: dt.date
    reports_to: str  # the committee it reports to, by name; "" for none
    reports_to_board: bool
    # The PEC's current members are exactly this committee's: it is the PEC meeting under
    # another name, not a separately convened committee.
    same_members_as_pec: bool
    member_count: int
    meeting_dates: tuple[dt.date, ...]  # held or still to come, not cancelled
    max_days_between: int | None  # None: the pack sets no frequency


def _day(value: dt.date) -> str:
    return f"{value:%-d %B %Y}"


def separately_convened(facts: ApprovalsFacts) -> Finding:
    title = "Separately convened"
    if facts.member_count == 0:
        return Finding(
            "pbc.separate",
            title,
            Status.FAIL,
            f"{facts.name} has no current members.",
            SOURCE,
            action="Appoint its members: clinicians and managers without an interest, and a Board director.",
        )
    if facts.same_members_as_pec:
        return Finding(
            "pbc.separate",
            title,
            Status.FAIL,
            f"{facts.name} has exactly the PEC's members: it is the PEC meeting under another name.",
            SOURCE,
            action="Convene it separately: its own membership, meetings and minutes.",
        )
    return Finding(
        "pbc.separate",
        title,
        Status.PASS,
        f"{facts.name} is its own committee with {facts.member_count} current members.",
        SOURCE,
    )


def accountable_to_board(facts: ApprovalsFacts) -> Finding:
    title = "Accountable to the Board"
    if facts.reports_to_board:
        return Finding("pbc.accountability", title, Status.PASS, f"It reports to {facts.reports_to}.", SOURCE)
    found = f"It reports to {facts.reports_to}" if facts.reports_to else "It reports to no committee"
    return Finding(
        "pbc.accountability",
        title,
        Status.FAIL,
        f"{found}, not to the Board: its line of accountability should run to the PCT Board.",
        SOURCE,
        action="Change who it reports to so that it is the Board, and record the Board's delegation to it.",
    )


def meets_often_enough(facts: ApprovalsFacts) -> Finding:
    """The longest wait between its meetings over the past year and those already planned,
    counting the wait from its last meeting to today when no further meeting is planned."""
    title = "Meets often enough"
    limit = facts.max_days_between
    if limit is None:
        return Finding("pbc.frequency", title, Status.PASS, "The policy sets no meeting frequency.", SOURCE)
    past_year = facts.on - dt.timedelta(days=365)
    dates = sorted(d for d in set(facts.meeting_dates) if d >= past_year)
    if not dates:
        return Finding(
            "pbc.frequency",
            title,
            Status.FAIL,
            "It has no meetings in the past year or planned.",
            SOURCE,
            action=f"Plan its meetings no more than {limit} days apart.",
        )
    points = list(dates)
    if dates[-1] < facts.on:
        points.append(facts.on)  # nothing planned: the wait runs on to today
    gaps = [(later - earlier).days for earlier, later in itertools.pairwise(points)]
    longest = max(gaps, default=0)
    where = gaps.index(longest) if gaps else 0
    if longest > limit:
        return Finding(
            "pbc.frequency",
            title,
            Status.FAIL,
            f"Up to {longest} days pass between its meetings (from {_day(points[where])} to "
            f"{_day(points[where + 1])}); the policy allows {limit}.",
            SOURCE,
            action=f"Schedule its meetings no more than {limit} days apart so that cases are decided in time.",
        )
    return Finding(
        "pbc.frequency",
        title,
        Status.PASS,
        f"It meets at most {longest} days apart; the policy allows {limit}.",
        SOURCE,
    )


def approvals_findings(facts: ApprovalsFacts) -> list[Finding]:
    return [separately_convened(facts), accountable_to_board(facts), meets_often_enough(facts)]
