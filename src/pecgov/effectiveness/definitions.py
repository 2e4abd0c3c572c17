"""The measures of effectiveness as numbers with their definitions and sources (EFF-2). Pure:
no Django; the record's links come in as a function."""

from __future__ import annotations

from collections.abc import Callable

from pecgov.effectiveness.measuring import (
    DEBATED_AGREED,
    DEBATED_CHANGED,
    DEBATED_REJECTED,
    NOTED_ONLY,
    Measure,
    Measures,
    percent,
    total_contributions,
)

# The measures, each with its definition and source ----------------------------------------

Link = Callable[[str], "str | None"]


def measure_list(parts: Measures, link: Link) -> tuple[Measure, ...]:
    """Every EFF-2 measure of `parts` as one number with its definition and source; `link` gives
    the page listing the records a measure counts."""
    found = (
        *_meeting_measures(parts, link),
        *_item_measures(parts, link),
        *_board_measures(parts, link),
        *_conflict_measures(parts, link),
        *_case_measures(parts, link),
        *_standing_measures(parts, link),
    )
    return tuple(found)


def _m(
    key: str, label: str, value: float | None, unit: str, definition: str, source: str, link: Link
) -> Measure:
    return Measure(key, label, value, unit, definition, source, link(key))


def _meeting_measures(parts: Measures, link: Link) -> list[Measure]:
    expected = sum(row.expected for row in parts.attendance)
    attended = sum(row.attended for row in parts.attendance)
    minutes = parts.minutes
    return [
        _m(
            "meetings_planned",
            "Meetings planned",
            parts.meetings_planned,
            "meetings",
            "Meetings of the committee on the calendar in the period, held or cancelled.",
            "Meetings (MTG-1)",
            link,
        ),
        _m(
            "meetings_held",
            "Meetings held",
            parts.meetings_held,
            "meetings",
            "Meetings of the committee in the period that were not cancelled and whose date has passed.",
            "Meetings (MTG-1)",
            link,
        ),
        _m(
            "attendance",
            "Attendance",
            percent(attended, expected),
            "%",
            "Of the seats members held at meetings held in the period, the share where the member was "
            "recorded present.",
            "Attendance at each meeting, against dated memberships (MTG-2, ORG-4)",
            link,
        ),
        _m(
            "minutes_within_target",
            "Minutes approved within target",
            percent(minutes.within_target, minutes.meetings),
            "%",
            f"Of the held meetings whose minutes are approved or due, the share approved within "
            f"{minutes.target_days} days of the meeting (the pack's meetings.minutes_approval_days).",
            "Minutes and their approval (MTG-5)",
            link,
        ),
    ]


def _item_measures(parts: Measures, link: Link) -> list[Measure]:
    total = total_contributions(parts.contributions)
    rows = [
        _m(
            "items",
            "Agenda items",
            sum(k.count for k in parts.items_by_kind),
            "items",
            "Agenda items of meetings held in the period, of every kind.",
            "Agenda items (MTG-1)",
            link,
        ),
    ]
    for key, label, value in (
        (DEBATED_CHANGED, "Debated and changed", total.debated_changed),
        (DEBATED_REJECTED, "Debated and rejected", total.debated_rejected),
        (DEBATED_AGREED, "Debated and agreed as proposed", total.debated_agreed),
        (NOTED_ONLY, "Only noted", total.noted_only),
    ):
        rows.append(
            _m(
                f"items_{key}",
                label,
                value,
                "items",
                f'Items of meetings held in the period whose recorded contribution is "{label.lower()}".',
                "The contribution recorded with each item (MTG-4)",
                link,
            )
        )
    rows.append(
        _m(
            "rubber_stamp_ratio",
            "Rubber-stamp ratio",
            _pct(total.rubber_stamp_ratio),
            "%",
            "Of the items whose contribution is recorded, the share only noted: neither debated, "
            "changed nor rejected (DH 3.1 asks PECs to move away from rubber-stamping).",
            "The contribution recorded with each item (MTG-4; DH 3.1)",
            link,
        )
    )
    return rows


def _pct(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def _board_measures(parts: Measures, link: Link) -> list[Measure]:
    count = sum(row.count for row in parts.board_decisions)
    return [
        _m(
            "recommendations",
            "Recommendations to the Board",
            count + parts.board_awaiting,
            "items",
            "Recommendations the committee made to the Board at meetings held in the period.",
            "Agenda items that went to the Board (MTG-3)",
            link,
        ),
        _m(
            "board_decided",
            "Decided by the Board",
            count,
            "items",
            "Of those recommendations, the ones the Board has decided (accepted, changed, rejected or deferred).",
            "The Board's decisions (MTG-3, COI-6)",
            link,
        ),
        _m(
            "board_awaiting",
            "Awaiting the Board",
            parts.board_awaiting,
            "items",
            "Of those recommendations, the ones with no Board decision recorded yet.",
            "The Board's decisions (MTG-3)",
            link,
        ),
        _m(
            "board_days",
            "Days from recommendation to the Board's decision",
            parts.board_median_days,
            "days",
            "The median days from the committee's recommendation to the Board's decision, over the "
            "recommendations the Board has decided.",
            "The Board's decisions (MTG-3)",
            link,
        ),
    ]


def _conflict_measures(parts: Measures, link: Link) -> list[Measure]:
    rows = [
        _m(
            "conflicts",
            "Conflicts recorded",
            parts.conflicts_recorded,
            "conflicts",
            "Conflicts of interest flagged on items of meetings held in the period and ruled on by the chair.",
            "The handling recorded per person per item (COI-2, COI-3)",
            link,
        ),
    ]
    for row in parts.conflicts_by_handling:
        rows.append(
            _m(
                f"conflicts_{row.handling}",
                row.label,
                row.count,
                "conflicts",
                f'Of the conflicts recorded, those handled as "{row.label.lower()}".',
                "The handling recorded per person per item (COI-3)",
                link,
            )
        )
    rows.append(
        _m(
            "concerns",
            "Concerns raised",
            parts.concerns_raised,
            "concerns",
            "Concerns that a conflict was not handled well, raised on items of meetings held in the period.",
            "Concerns recorded on items (COI-4)",
            link,
        )
    )
    return rows


def _case_measures(parts: Measures, link: Link) -> list[Measure]:
    cases = sum(row.cases for row in parts.turnaround)
    within = sum(row.within_target for row in parts.turnaround)
    target = parts.turnaround[0].target if parts.turnaround else None
    return [
        _m(
            "cases_decided",
            "Business cases decided",
            cases,
            "cases",
            "Business cases of the trust approved or rejected in the period, by any route.",
            "The decisions register (PBC-7)",
            link,
        ),
        _m(
            "cases_within_target",
            "Business cases decided within target",
            percent(within, cases),
            "%",
            "Of the cases decided in the period, the share decided within the target days from submission"
            + (f" ({target} days, the pack's pbc.target_days)." if target is not None else "."),
            "The decisions register (PBC-4; DH 5.8)",
            link,
        ),
    ]


def _standing_measures(parts: Measures, link: Link) -> list[Measure]:
    comp = parts.composition
    cover = parts.coverage
    return [
        _m(
            "declarations_overdue",
            "Declarations overdue",
            parts.declarations_overdue,
            "people",
            "People holding a seat on any of the trust's committees on the period's last day who had "
            "not declared or confirmed their interests within the pack's review period.",
            "The register of interests (COI-1)",
            link,
        ),
        _m(
            "lawful_days",
            "Days constituted lawfully",
            comp.days_lawful,
            "days",
            f"Of the {comp.days_in_period} days in the period, the days on which the committee's "
            "membership failed none of the pack's composition rules.",
            "Dated memberships checked by the composition rules (POL-2, ORG-4)",
            link,
        ),
        _m(
            "function_coverage",
            "Key function groups covered",
            None if cover is None else percent(cover.covered, cover.groups),
            "%",
            "Of the key function groups of the pack's framework, the share with a current delegation "
            "or lead on the period's last day.",
            "The scheme of delegation (POL-3, TOR-1)",
            link,
        ),
    ]
