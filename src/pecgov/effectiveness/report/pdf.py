"""The annual report as a PDF for the Board (EFF-2): WeasyPrint prints the same content as the
page, with the charts as inline SVG; nothing is fetched (no browser, no network)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string
from markupsafe import Markup

from pecgov.effectiveness.report import charts

if TYPE_CHECKING:
    from pecgov.effectiveness.report.content import Content


def drawn(content: Content, *, for_print: bool = False) -> dict[str, dict[str, Any]]:
    """Each chart of the report by its key: its SVG (named by its caption's id) and the table
    of its data shown beside it."""
    found: dict[str, dict[str, Any]] = {}
    for section in content["sections"]:
        for chart in section["charts"]:
            svg = charts.svg(chart, caption_id=f"chart-{chart['key']}-caption", for_print=for_print)
            head, rows = charts.table(chart)
            # Our own SVG: every text in it is escaped where it is drawn.
            found[chart["key"]] = {"svg": Markup(svg), "head": head, "rows": rows}
    return found


def render_pdf(content: Content, *, note: str = "") -> bytes:
    from weasyprint import HTML  # slow to import: loaded on first use

    html = render_to_string(
        "effectiveness/report_print.jinja",
        {"c": content, "svgs": drawn(content, for_print=True), "note": note, "for_print": True},
    )
    return bytes(HTML(string=html, base_url=None).write_pdf())
