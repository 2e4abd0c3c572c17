"""The annual report's sections, each drawn from the app that keeps its record (EFF-2): the
measures from the record, the survey results, the implementation checklist, and the SHA log's
figures for the scorecard (ORG-7). A section whose source is not there says so plainly."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pecgov.effectiveness.report.evidence import Period
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
        shown = f"{value:g}{' ' + unit if unit else ''}"
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


def measures_section(trust: Organisation, period: Period) -> Section:
    return empty("measures", "Measures from the record")


def surveys_section(trust: Organisation, period: Period) -> Section:
    return empty("surveys", "What members, the Board and partners say")


def checklist_section(trust: Organisation, period: Period) -> Section:
    return empty("checklist", "The implementation checklist")


def sha_meetings(trust: Organisation, period: Period) -> tuple[int, int] | None:
    """(high-level SHA meetings, those without the PEC chair) in the period; None while the SHA
    log is not kept (ORG-7)."""
    return None


def all_sections(trust: Organisation, period: Period) -> list[Section]:
    return [
        measures_section(trust, period),
        surveys_section(trust, period),
        checklist_section(trust, period),
    ]
