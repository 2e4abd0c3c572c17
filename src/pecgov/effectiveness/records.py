"""The records each measure counts, for the page a measure's number links to (EFF-2): built from
the same reads as `queries.measures_for`, so the list and the number always agree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from pecgov.effectiveness import queries
from pecgov.effectiveness.measuring import CONTRIBUTIONS
from pecgov.interests.enums import Handling
from pecgov.meetings.enums import Contribution
from pecgov.meetings.models import AgendaItem, Attendance, ConflictConcern, ItemConflict, Meeting
from pecgov.meetings.queries import meeting_day
from pecgov.trust.models import Committee, Organisation


@dataclass(frozen=True)
class Record:
    title: str
    url: str
    day: dt.date | None
    detail: str


@dataclass(frozen=True)
class RecordList:
    key: str
    label: str
    head: tuple[str, str, str]  # the title, date and detail columns' headings
    rows: list[Record]


def _meeting(meeting: Meeting, detail: str) -> Record:
    return Record(
        str(meeting), reverse("meetings:meeting_detail", args=[meeting.pk]), meeting_day(meeting), detail
    )


def _item(item: AgendaItem, detail: str) -> Record:
    return Record(
        f"{item.number}. {item.title}",
        reverse("conflicts:item_detail", args=[item.pk]),
        meeting_day(item.meeting),
        detail,
    )


def _meetings(scope: queries.Scope, key: str) -> RecordList:
    if key == "meetings_planned":
        rows = [_meeting(m, m.state_label) for m in scope.planned]
        return RecordList(key, "Meetings planned", ("Meeting", "Date", "Status"), rows)
    return RecordList(
        key, "Meetings held", ("Meeting", "Date", "Status"), [_meeting(m, m.state_label) for m in scope.held]
    )


def _attendance(scope: queries.Scope) -> RecordList:
    seats = queries.seats(scope.committee, scope.start, scope.end)
    present = set(
        Attendance.objects.filter(meeting__in=[m.pk for m in scope.held], status="present").values_list(
            "meeting_id", "person_id"
        )
    )
    rows = []
    for meeting in scope.held:
        day = meeting_day(meeting)
        names = sorted(
            {s.person_id: s.person.name for s in seats if s.is_current(day)}.items(), key=lambda p: p[1]
        )
        for person_id, name in names:
            rows.append(
                _meeting(
                    meeting, f"{name}: {'present' if (meeting.pk, person_id) in present else 'not present'}"
                )
            )
    return RecordList("attendance", "Attendance", ("Meeting", "Date", "Member"), rows)


def _minutes(scope: queries.Scope, target: int) -> RecordList:
    approved = queries.first_approvals(scope.held)
    rows = []
    for meeting in scope.held:
        day = meeting_day(meeting)
        deadline = day + dt.timedelta(days=target)
        on = approved.get(meeting.pk)
        if on is None and deadline > scope.end:
            continue
        if on is None:
            detail = f"Not approved; due by {deadline:%-d %B %Y}"
        else:
            verdict = "within" if on <= deadline else "after"
            detail = f"Approved on {on:%-d %B %Y}, {verdict} the {target} days"
        rows.append(_meeting(meeting, detail))
    return RecordList(
        "minutes_within_target", "Minutes approved within target", ("Meeting", "Date", "Minutes"), rows
    )


def _items(scope: queries.Scope, key: str) -> RecordList:
    items = queries.items_of(scope)
    labels = dict(Contribution.choices)
    if key.startswith("items_"):
        wanted = key.removeprefix("items_")
        items = [i for i in items if i.contribution == wanted]
        label = labels.get(wanted, wanted)
    elif key == "rubber_stamp_ratio":
        items = [i for i in items if i.contribution in CONTRIBUTIONS]
        label = "Items whose contribution is recorded"
    else:
        label = "Agenda items"
    rows = [_item(i, labels.get(i.contribution, "Not recorded")) for i in items]
    return RecordList(key, label, ("Item", "Meeting date", "What the committee did"), rows)


def _board(scope: queries.Scope, key: str) -> RecordList:
    rows = []
    for item in queries.items_of(scope):
        if not item.went_to_board:
            continue
        board = getattr(item, "board_decision", None)
        if board is None and key in {"board_decided", "board_days"}:
            continue
        if board is not None and key == "board_awaiting":
            continue
        if board is None:
            detail = "Awaiting the Board"
        else:
            days = (board.decided_on - (item.decided_on or meeting_day(item.meeting))).days
            detail = f"{board.get_outcome_display()} on {board.decided_on:%-d %B %Y}, after {days} days"
        rows.append(_item(item, detail))
    return RecordList(key, "Recommendations to the Board", ("Item", "Meeting date", "The Board"), rows)


def _conflicts(scope: queries.Scope, key: str) -> RecordList:
    item_ids = [i.pk for i in queries.items_of(scope)]
    if key == "concerns":
        concerns = ConflictConcern.objects.filter(item_id__in=item_ids).select_related(
            "item__meeting", "raised_by"
        )
        rows = [_item(c.item, f"Raised by {c.raised_by.name}") for c in concerns]
        return RecordList(key, "Concerns raised", ("Item", "Meeting date", "Concern"), rows)
    conflicts = ItemConflict.objects.filter(item_id__in=item_ids).select_related("item__meeting", "person")
    wanted = key.removeprefix("conflicts_") if key != "conflicts" else ""
    if wanted:
        conflicts = conflicts.filter(handling=wanted)
    label = dict(Handling.choices).get(wanted, "Conflicts recorded")
    rows = [_item(c.item, f"{c.person.name}: {c.get_handling_display()}") for c in conflicts]
    return RecordList(key, label, ("Item", "Meeting date", "Member and handling"), rows)


def _cases(trust: Organisation, scope: queries.Scope, key: str) -> RecordList:
    rows = []
    for row in queries.decided_in(trust, scope.start, scope.end):
        within = row.case.decided_on is not None and row.case.decided_on <= row.case.target_date
        detail = f"{row.route}: {row.days} days, {'within' if within else 'after'} its target"
        rows.append(
            Record(
                f"{row.case.reference} {row.case.title}",
                reverse("commissioning:case_detail", args=[row.case.pk]),
                row.decided_on,
                detail,
            )
        )
    return RecordList(key, "Business cases decided", ("Case", "Decided on", "Route and days"), rows)


def records_for(
    *, trust: Organisation, committee: Committee, start: dt.date, end: dt.date, key: str, minutes_target: int
) -> RecordList | None:
    """The records the measure `key` counts, or None for a measure listed elsewhere or unknown."""
    scope = queries.scope(committee, start, end)
    builders: dict[str, Callable[[], RecordList]] = {
        "meetings_planned": lambda: _meetings(scope, key),
        "meetings_held": lambda: _meetings(scope, key),
        "attendance": lambda: _attendance(scope),
        "minutes_within_target": lambda: _minutes(scope, minutes_target),
        "items": lambda: _items(scope, key),
        "rubber_stamp_ratio": lambda: _items(scope, key),
        "cases_decided": lambda: _cases(trust, scope, key),
        "cases_within_target": lambda: _cases(trust, scope, key),
        "concerns": lambda: _conflicts(scope, key),
        "conflicts": lambda: _conflicts(scope, key),
    }
    for contribution in CONTRIBUTIONS:
        builders[f"items_{contribution}"] = lambda: _items(scope, key)
    for handling in Handling.values:
        builders[f"conflicts_{handling}"] = lambda: _conflicts(scope, key)
    for board_key in ("recommendations", "board_decided", "board_awaiting", "board_days"):
        builders[board_key] = lambda: _board(scope, key)
    build = builders.get(key)
    return build() if build is not None else None
