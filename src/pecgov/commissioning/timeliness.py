"""Timeliness of a case as a pure function (PBC-4, MTG-6, DH 5.8): days since submission
against the target, and whether any meeting able to decide it falls before the target."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Timeliness:
    days: int  # days from submission to decision, or to today while open
    target_days: int
    target_date: dt.date
    late: bool
    warning: str  # "" or why the case cannot be decided before its target date


def assess(
    *,
    submitted_on: dt.date,
    target_date: dt.date,
    today: dt.date,
    decided_on: dt.date | None,
    needs_meeting: bool,
    scheduled_for: dt.date | None,
    next_meeting: dt.date | None,
    committee: str = "the committee",
) -> Timeliness:
    """`scheduled_for` is the date of the meeting the case is on, if any; `next_meeting` the
    date of the next meeting able to decide it, if the case still needs one.

    A case is late once the day it was decided (or today, while open) is after its target
    date. Only a case that still needs a meeting gets a warning; an executive director's case
    never waits for one."""
    end = decided_on or today
    days = (end - submitted_on).days
    late = end > target_date
    warning = ""
    when = f"{target_date:%-d %B %Y}"
    if decided_on is None and needs_meeting:
        if scheduled_for is not None and scheduled_for > target_date:
            warning = f"The meeting it is on ({scheduled_for:%-d %B %Y}) is after the target date ({when})."
        elif scheduled_for is None and next_meeting is None and late:
            # "Schedule one before" a date already gone would ask the impossible.
            warning = (
                f"No meeting of {committee} is scheduled and the target date ({when}) has passed: "
                "schedule one as soon as possible."
            )
        elif scheduled_for is None and next_meeting is None:
            warning = f"No meeting of {committee} is scheduled: schedule one before {when}."
        elif scheduled_for is None and next_meeting is not None and next_meeting > target_date:
            warning = (
                f"No meeting of {committee} can decide it before the target date ({when}): "
                f"the next is on {next_meeting:%-d %B %Y}."
            )
    return Timeliness(
        days=days,
        target_days=(target_date - submitted_on).days,
        target_date=target_date,
        late=late,
        warning=warning,
    )
