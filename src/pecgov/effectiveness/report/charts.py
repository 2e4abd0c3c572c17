"""The annual report's charts as server-side SVG (EFF-2): pygal draws the trend lines and the
stacked bars; the attendance heat-map (a chart pygal does not have) is drawn here as plain SVG.

Why pygal: pure Python, SVG out, no browser and no binary to install, kept up to date (3.x), so
WeasyPrint puts the same charts in the PDF. Vega-Altair would need vl-convert, an 80 MB binary.

Each chart is a plain `Chart` dict (labels down the side, one series per column) that the page
shows twice: as the SVG (`role="img"`, named by its caption) and as the accessible table beside
it. No chart carries a script. On the page the SVG's own <style> is dropped (the Content
Security Policy allows styles from our own files only) and `charts.css`, made by `stylesheet()`,
styles it instead; in the PDF the SVG keeps its <style>.
"""

from __future__ import annotations

import html
import re
import sys
from typing import Any, NotRequired, TypedDict

import pygal
from pygal.style import Style

# pygal puts a finder on sys.meta_path for its map plugins (which we do not use); it has only the
# old find_module, so every later import raises an ImportWarning. Take it off again.
sys.meta_path[:] = [finder for finder in sys.meta_path if type(finder).__name__ != "PluginImportFixer"]

# NHS.UK colours (service manual, "Colours"): blue, warm yellow, green, red, purple, grey.
COLOURS = ("#005eb8", "#ffb81c", "#007f3b", "#d5281b", "#330072", "#768692")
_STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#212b32",
    foreground_strong="#212b32",
    foreground_subtle="#4c6272",
    opacity="0.9",
    opacity_hover="0.9",
    colors=COLOURS,
    font_family="Arial, 'Liberation Sans', sans-serif",
    label_font_size=12,
    major_label_font_size=12,
    legend_font_size=12,
    transition="0ms",
)


class Series(TypedDict):
    name: str
    values: list[float | int | None]


class Chart(TypedDict):
    key: str
    kind: str  # "line", "stacked" or "heatmap"
    title: str
    caption: str
    label_title: str  # what the labels down the side are: "Quarter", "Member"
    unit: str  # "%" or "items"
    labels: list[str]
    series: list[Series]
    blank: NotRequired[str]  # what a heat-map cell with no value says ("no seat", "hidden")


def _config(chart: Chart) -> dict[str, Any]:
    return {
        "style": _STYLE,
        "js": [],
        "no_prefix": True,
        "disable_xml_declaration": True,
        "explicit_size": False,
        "width": 720,
        "height": 320,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 2,
        "show_x_guides": False,
        "print_values": False,
        "margin": 12,
        "x_labels": chart["labels"],
        "y_title": "Per cent" if chart["unit"] == "%" else chart["unit"].capitalize(),
        "range": (0, 100) if chart["unit"] == "%" else None,
        "include_x_axis": True,
    }


def _pygal(chart: Chart) -> str:
    kind = pygal.Line if chart["kind"] == "line" else pygal.StackedBar
    drawn = kind(**_config(chart))
    for series in chart["series"]:
        drawn.add(series["name"], series["values"])
    return str(drawn.render(is_unicode=True))


def _heat_colour(value: float | int | None) -> tuple[str, str]:
    """A cell's fill and its text colour: five steps of NHS blue; white with no seat."""
    if value is None:
        return "#ffffff", "#4c6272"
    steps = ("#e8edee", "#aecfea", "#6fa3d8", "#2f75c4", "#005eb8")
    step = steps[min(4, int(value // 20))]
    return step, "#ffffff" if value >= 60 else "#212b32"


def _heatmap(chart: Chart, *, numbers: bool = True) -> str:
    """Labels down the side, one column per series, a cell's colour by its value (0 to 100); each
    cell's number written in it unless `numbers` is False (the PDF: WeasyPrint lays out every SVG
    text on its own, slowly, and the table beside the chart has the numbers)."""
    left, top, cell_w, cell_h = 190, 28, 88, 26
    width = left + cell_w * len(chart["series"]) + 8
    height = top + cell_h * len(chart["labels"]) + 8
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" class="pecgov-heatmap">']
    font = 'font-family="Arial, Liberation Sans, sans-serif" font-size="12"'
    for col, series in enumerate(chart["series"]):
        x = left + col * cell_w + cell_w / 2
        out.append(
            f'<text x="{x}" y="18" text-anchor="middle" {font} fill="#212b32">{html.escape(series["name"])}</text>'
        )
    for row, label in enumerate(chart["labels"]):
        y = top + row * cell_h
        out.append(
            f'<text x="{left - 8}" y="{y + 17}" text-anchor="end" {font} fill="#212b32">{html.escape(label)}</text>'
        )
        for col, series in enumerate(chart["series"]):
            value = series["values"][row]
            fill, ink = _heat_colour(value)
            x = left + col * cell_w
            out.append(
                f'<rect x="{x}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" fill="{fill}" stroke="#d8dde0"/>'
            )
            if not numbers:
                continue
            text = chart.get("blank", "") if value is None else f"{round(value)}%"
            out.append(
                f'<text x="{x + cell_w / 2}" y="{y + 17}" text-anchor="middle" {font} fill="{ink}">{text}</text>'
            )
    out.append("</svg>")
    return "".join(out)


_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
_STYLE_ELEMENT = re.compile(r"<style\b.*?</style>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="[^"]*"')
_SERIES_ID = re.compile(r'\sid="activate-serie-\d+"')  # for pygal's script: the same in every chart
_TITLE = re.compile(r"<title>.*?</title>", re.S)  # pygal's own ("Pygal"): the caption names the chart


def svg(chart: Chart, *, caption_id: str, for_print: bool = False) -> str:
    """The chart as inline SVG, named by its caption (`aria-labelledby`), with no script; the
    page's copy has no <style> (see the module's note), the PDF's keeps it."""
    drawn = _heatmap(chart, numbers=not for_print) if chart["kind"] == "heatmap" else _pygal(chart)
    drawn = _TITLE.sub("", _COMMENT.sub("", _SCRIPT.sub("", drawn)))
    drawn = _SERIES_ID.sub("", _STYLE_ATTRIBUTE.sub("", drawn))
    if for_print:
        drawn = _STYLE_ELEMENT.sub(lambda found: _print_style(found.group(0)), drawn)
    else:
        drawn = _STYLE_ELEMENT.sub("", drawn)
    drawn = drawn.replace(' id=""', "", 1)
    opening = f'<svg role="img" aria-labelledby="{html.escape(caption_id)}" focusable="false" '
    return drawn.replace("<svg ", opening, 1)


def table(chart: Chart) -> tuple[list[str], list[list[str]]]:
    """The chart's data as the table beside it: a row per label, a column per series."""
    head = [chart["label_title"], *(s["name"] for s in chart["series"])]
    rows = []
    for row, label in enumerate(chart["labels"]):
        cells = [label]
        for series in chart["series"]:
            value = series["values"][row]
            shown = (
                chart.get("blank", "") if value is None else f"{value:g}{'%' if chart['unit'] == '%' else ''}"
            )
            cells.append(shown)
        rows.append(cells)
    return head, rows


def _scoped(css: str, scope: str) -> str:
    """pygal's CSS (made with `no_prefix`) with each rule's selectors under `scope`; a rule with
    no selector (pygal's rules for the chart itself) applies to `scope` alone."""
    rules = []
    for rule in html.unescape(css).split("}"):
        if "{" not in rule:
            continue
        selectors, body = rule.split("{", 1)
        scoped = ",".join(f"{scope} {s.strip()}".strip() for s in selectors.split(","))
        rules.append(f"{scoped}{{{body.strip()}}}")
    return "\n".join(rules) + "\n"


def _print_style(element: str) -> str:
    css = "".join(re.findall(r"<style[^>]*>(.*?)</style>", element, re.S))
    return f'<style type="text/css">{html.escape(_scoped(css, "svg"), quote=False)}</style>'


def stylesheet() -> str:
    """pygal's CSS for these charts, each rule scoped under `.pecgov-chart`: the page's copy of a
    chart is styled by this (saved as static/effectiveness/charts.css), not by inline styles."""
    sample = pygal.Line(style=_STYLE, js=[], no_prefix=True, disable_xml_declaration=True)
    sample.add("a", [1])
    css = "".join(re.findall(r"<style[^>]*>(.*?)</style>", str(sample.render(is_unicode=True)), re.S))
    return _scoped(css, ".pecgov-chart")
