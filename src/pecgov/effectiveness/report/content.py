"""What the annual report shows (EFF-2, EFF-3), as plain JSON-ready data: the page, the PDF, the
CSV and the API all read one `Content`, so the same numbers appear everywhere. A draft builds it
from the record as it stands; publishing stores it (`AnnualReport.content`) and it never changes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypedDict

from django.urls import reverse
from django.utils import timezone

from pecgov.effectiveness.report import sections
from pecgov.effectiveness.report.charts import Chart
from pecgov.effectiveness.report.evidence import Period, scorecard_for
from pecgov.meetings.models import StatementVersion
from pecgov.trust.models import Organisation


class Figure(TypedDict):
    key: str
    label: str
    value: str
    definition: str
    source: str
    url: str


class Section(TypedDict):
    key: str
    title: str
    intro: str
    figures: list[Figure]
    charts: list[Chart]
    unavailable: str  # why the section has nothing to show yet; "" when it has


class Principle(TypedDict):
    key: str
    principle: str
    source: str
    rating: str
    words: str
    reasons: list[str]
    figures: list[list[str]]


class StatementLink(TypedDict):
    title: str
    meeting: str
    sent_on: str
    url: str


class Content(TypedDict):
    title: str
    trust: str
    start: str
    end: str
    period: str
    generated_at: str
    narrative: str
    sections: list[Section]
    scorecard: list[Principle]
    statements: list[StatementLink]


def period_words(start: dt.date, end: dt.date) -> str:
    return f"{start:%-d %B %Y} to {end:%-d %B %Y}"


def scorecard(trust: Organisation, period: Period, found: Any = None) -> list[Principle]:
    """The scorecard's ratings as data (EFF-3), from the same measures as the report's, with the
    SHA log's figures when it is kept."""
    found = found if found is not None else sections.measures_of(trust, period)
    measures = found[0] if found is not None else None
    meetings, without, finding = sections.sha_meetings(trust, period)
    ratings = scorecard_for(trust, period, measures=measures, sha=(meetings, without))
    for rating in ratings:
        if rating.key == "third_pin":  # the SHA log's own finding names each meeting and gap (ORG-7)
            rating.reasons.append(finding)
    return [
        Principle(
            key=r.key,
            principle=r.principle,
            source=r.source,
            rating=r.rating,
            words=r.words,
            reasons=list(r.reasons),
            figures=[[label, value] for label, value in r.figures],
        )
        for r in ratings
    ]


def statements(trust: Organisation, period: Period) -> list[StatementLink]:
    """The statements to the Board sent in the period, the latest version of each (COI-5)."""
    versions = (
        StatementVersion.objects.filter(
            item__meeting__committee__trust=trust,
            frozen_at__date__gte=period.start,
            frozen_at__date__lte=period.end,
        )
        .select_related("item__meeting__committee")
        .only(
            "item",
            "version",
            "frozen_at",
            "item__title",
            "item__meeting__starts_at",
            "item__meeting__committee__name",
        )
        .order_by("item__meeting__starts_at", "item_id", "-version")
    )
    seen: set[int] = set()
    found: list[StatementLink] = []
    for version in versions:
        if version.item_id in seen:
            continue
        seen.add(version.item_id)
        found.append(
            StatementLink(
                title=version.item.title,
                meeting=str(version.item.meeting),
                sent_on=f"{timezone.localtime(version.frozen_at):%-d %B %Y}",
                url=reverse("conflicts:statement", args=[version.item_id]),
            )
        )
    return found


def build(*, trust: Organisation, start: dt.date, end: dt.date, title: str, narrative: str) -> Content:
    """The report as it stands in the record now."""
    period = Period(start, end)
    found = sections.measures_of(trust, period)
    return Content(
        title=title,
        trust=trust.name,
        start=start.isoformat(),
        end=end.isoformat(),
        period=period_words(start, end),
        generated_at=timezone.localtime().strftime("%-d %B %Y at %H:%M"),
        narrative=narrative,
        sections=sections.all_sections(trust, period, found),
        scorecard=scorecard(trust, period, found),
        statements=statements(trust, period),
    )


def csv_rows(content: Content) -> list[list[Any]]:
    """The report's numbers as rows of a spreadsheet: every figure, every chart's table and the
    scorecard (EFF-2)."""
    rows: list[list[Any]] = [["Section", "Measure", "Value", "Definition", "Source"]]
    for section in content["sections"]:
        for figure in section["figures"]:
            rows.append(
                [section["title"], figure["label"], figure["value"], figure["definition"], figure["source"]]
            )
        for chart in section["charts"]:
            for row, label in enumerate(chart["labels"]):
                for series in chart["series"]:
                    value = series["values"][row]
                    shown = "" if value is None else f"{value:g}{'%' if chart['unit'] == '%' else ''}"
                    rows.append(
                        [section["title"], f"{chart['title']}: {label}, {series['name']}", shown, "", ""]
                    )
    for principle in content["scorecard"]:
        rows.append(
            [
                "Scorecard",
                principle["principle"],
                principle["words"],
                " ".join(principle["reasons"]),
                principle["source"],
            ]
        )
    return rows
