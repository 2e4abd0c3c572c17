"""The annual report's sections, each drawn from the app that keeps its record (EFF-2): the
measures from the record, the survey results, the implementation checklist, and the SHA log's
figures for the scorecard (ORG-7). A section whose source is not there says so plainly."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils import timezone

from pecgov.checklist.queries import checklist_state
from pecgov.commissioning.turnaround import quarter
from pecgov.effectiveness import measuring, queries
from pecgov.effectiveness.report.charts import Chart, Series
from pecgov.effectiveness.report.evidence import Period
from pecgov.engagement.queries import ShaSummary, sha_summary
from pecgov.engagement.third_pin import CHAIR_EXPECTED
from pecgov.surveys.queries import results_for
from pecgov.surveys.results import LIKERT, GroupAnswers, GroupRate, SurveyResults
from pecgov.trust.models import Organisation

if TYPE_CHECKING:
    from pecgov.effectiveness.report.content import Figure, Section

NOT_YET = "Not yet available: this part of the record is not kept yet."


def figure(key: str, label: str, value: float | int | str | None, unit: str = "", **more: str) -> Figure:
    """A number as the report shows it: "75%", "12 meetings", "None recorded"."""
    if value is None:
        shown = "None recorded"
    elif isinstance(value, str):
        shown = value
    elif unit == "%":
        shown = f"{value:g}%"
    else:
        word = unit[:-1] if value == 1 and unit.endswith("s") else unit  # "1 meeting", "3 meetings"
        shown = f"{value:g}{' ' + word if word else ''}"
    return {
        "key": key,
        "label": label,
        "value": shown,
        "definition": more.get("definition", ""),
        "source": more.get("source", ""),
        "url": more.get("url", ""),
    }


def empty(key: str, title: str, why: str = NOT_YET) -> Section:
    return {"key": key, "title": title, "intro": "", "figures": [], "charts": [], "unavailable": why}


def measures_of(trust: Organisation, period: Period) -> tuple[measuring.Measures, queries.Scope] | None:
    """The PEC's measures for the period (EFF-2), with the meetings they count; None when the
    trust has no committee yet."""
    committee = queries.default_committee(trust)
    if committee is None:
        return None
    found = queries.measures_for(trust=trust, committee=committee, start=period.start, end=period.end)
    return found, queries.scope(committee, period.start, period.end)


def rubber_stamp_chart(m: measuring.Measures) -> Chart:
    ratios = [
        None if q.rubber_stamp_ratio is None else round(q.rubber_stamp_ratio * 100, 1)
        for q in m.contributions
    ]
    return Chart(
        key="rubber_stamp",
        kind="line",
        title="The rubber-stamp ratio by quarter",
        caption="The share of the items the committee recorded its part in that it only noted (DH 3.1: "
        "lower is better).",
        label_title="Quarter",
        unit="%",
        labels=[q.quarter for q in m.contributions],
        series=[Series(name="Only noted", values=ratios)],
    )


def contributions_chart(m: measuring.Measures) -> Chart:
    rows = m.contributions
    return Chart(
        key="contributions",
        kind="stacked",
        title="What the committee did with its items, by quarter",
        caption="Items of the meetings held, by the committee's part in each (MTG-4).",
        label_title="Quarter",
        unit="items",
        labels=[q.quarter for q in rows],
        series=[
            Series(name="Debated and changed", values=[q.debated_changed for q in rows]),
            Series(name="Debated and rejected", values=[q.debated_rejected for q in rows]),
            Series(name="Debated and agreed as proposed", values=[q.debated_agreed for q in rows]),
            Series(name="Only noted", values=[q.noted_only for q in rows]),
            Series(name="Not recorded", values=[q.unrecorded for q in rows]),
        ],
    )


def attendance_chart(found: queries.Scope) -> Chart:
    """Each member's attendance in each quarter: meetings attended of those held while they held
    a seat; no seat in a quarter, no number."""
    # measures' own reading of who was expected and who was present, so the heat-map agrees with
    # the attendance measures (two queries).
    meetings, names = queries._attendance(found)
    quarters = sorted({quarter(m.day) for m in meetings})
    people = sorted(names, key=lambda pk: names[pk])
    series = []
    for name in quarters:
        values: list[float | int | None] = []
        for person in people:
            held = [m for m in meetings if quarter(m.day) == name and person in m.expected]
            came = sum(1 for m in held if person in m.present)
            values.append(round(100 * came / len(held)) if held else None)
        series.append(Series(name=name, values=values))
    return Chart(
        key="attendance",
        kind="heatmap",
        title="Attendance by member and quarter",
        caption="Meetings each member attended, as a share of those held while they held a seat.",
        label_title="Member",
        unit="%",
        labels=[names[pk] for pk in people],
        series=series,
        blank="no seat",
    )


def measures_section(
    trust: Organisation, period: Period, found: tuple[measuring.Measures, queries.Scope] | None
) -> Section:
    if found is None:
        return empty(
            "measures", "Measures from the record", "The trust has no committee yet: nothing to measure."
        )
    m, scope = found
    figures = [
        figure(x.key, x.label, x.value, x.unit, definition=x.definition, source=x.source, url=x.link or "")
        for x in m.measures
    ]
    return {
        "key": "measures",
        "title": "Measures from the record",
        "intro": f"The {m.committee}'s record from {period.start:%-d %B %Y} to {period.end:%-d %B %Y}. "
        "Each number links to the records it counts.",
        "figures": figures,
        "charts": [rubber_stamp_chart(m), contributions_chart(m), attendance_chart(scope)],
        "unavailable": "",
    }


def _agreeing(group: GroupAnswers) -> float | None:
    """The share of a group's views (not "don't know") that agree or strongly agree."""
    if group.hidden or not group.distribution or not sum(group.distribution):
        return None
    return round(100 * sum(group.distribution[3:]) / sum(group.distribution))


def survey_chart(survey: SurveyResults) -> Chart | None:
    questions = [q for q in survey.questions if q.kind == LIKERT]
    if not questions:
        return None
    series = []
    for group in survey.groups:
        values: list[float | int | None] = []
        for question in questions:
            found = next((a for a in question.groups if a.group == group.group), None)
            values.append(None if found is None else _agreeing(found))
        series.append(Series(name=group.label, values=values))
    return Chart(
        key=f"survey-{survey.survey_id}",
        kind="heatmap",
        title=f"{survey.name}: who agrees",
        caption="The share of each group's answers that agree or strongly agree with each statement. "
        f"A group with fewer than {survey.minimum_group_size} answers is hidden, to keep answers anonymous.",
        label_title="Statement",
        unit="%",
        labels=[q.text for q in questions],
        series=series,
        blank="hidden",
    )


def _rate(group: GroupRate, minimum: int) -> str:
    if group.hidden or group.rate_percent is None:
        return f"Hidden: fewer than {minimum} answered"
    return f"{group.answered} of {group.sent} ({group.rate_percent}%)"


def surveys_section(trust: Organisation, period: Period) -> Section:
    """The effectiveness surveys of the period, their response rates and answers by group (EFF-2)."""
    surveys = results_for(trust=trust, start=period.start, end=period.end)
    if not surveys:
        return empty(
            "surveys",
            "What members, the Board and partners say",
            "No effectiveness survey ran in the period.",
        )
    figures = [
        figure(
            f"survey-{s.survey_id}-{g.group}",
            f"{s.name}: answered, {g.label}",
            _rate(g, s.minimum_group_size),
            definition="Answers received of the invitations sent to the group.",
            source="Effectiveness surveys (EFF-2)",
            url=reverse("surveys:results", args=[s.survey_id]),
        )
        for s in surveys
        for g in s.groups
    ]
    charts = [chart for chart in (survey_chart(s) for s in surveys) if chart is not None]
    return {
        "key": "surveys",
        "title": "What members, the Board and partners say",
        "intro": "The effectiveness surveys of the period. Answers are anonymous; a group with too few answers is not shown."
        + (
            " The answers of a survey still open are shown when it closes."
            if any(not s.answers_shown for s in surveys)
            else ""
        ),
        "figures": figures,
        "charts": charts,
        "unavailable": "",
    }


def checklist_section(trust: Organisation, period: Period) -> Section:
    """The implementation checklist as it stood at the end of the period (EFF-1, DH Annex C)."""
    state = checklist_state(trust, as_of=min(period.end, timezone.localdate()))
    figures = [
        figure(
            "checklist_done",
            "Actions done",
            f"{state.done} of {state.total}",
            definition="Marked done by the lead or proved by the record.",
            source="DH Annex C (EFF-1)",
            url=reverse("checklist:index"),
        ),
        figure(
            "checklist_overdue",
            "Actions overdue",
            state.overdue,
            definition="Not done by their due date.",
            source="DH Annex C (EFF-1)",
        ),
    ]
    for action in state.actions:
        status = action.status_label + (" (overdue)" if action.overdue else "")
        figures.append(
            figure(
                f"checklist-{action.key}",
                action.text,
                status,
                definition=f"Owner: {action.owner_name or 'nobody yet'}; due {action.due_date:%-d %B %Y}.",
                source=action.source,
                url=action.evidence_url,
            )
        )
    return {
        "key": "checklist",
        "title": "The implementation checklist",
        "intro": f"DH Annex C's actions, with the target date of {state.target_date:%-d %B %Y}.",
        "figures": figures,
        "charts": [],
        "unavailable": "",
    }


def sha_summary_of(trust: Organisation, period: Period) -> ShaSummary:
    return sha_summary(trust=trust, start=period.start, end=period.end)


def sha_meetings(
    trust: Organisation, period: Period, summary: ShaSummary | None = None
) -> tuple[int, int, str]:
    """(high-level meetings and communications with the SHA, those without the PEC chair, the
    third-pin finding in words) in the period (ORG-7)."""
    summary = summary or sha_summary_of(trust, period)
    high_level = sum(1 for row in summary.entries if row.kind in CHAIR_EXPECTED)
    return high_level, len(summary.without_chair), summary.finding.facts


def all_sections(
    trust: Organisation, period: Period, found: tuple[measuring.Measures, queries.Scope] | None
) -> list[Section]:
    return [
        measures_section(trust, period, found),
        surveys_section(trust, period),
        checklist_section(trust, period),
    ]
