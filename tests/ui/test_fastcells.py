"""A table drawn cell by cell in Python (src/pecgov/ui/fastcells.py) is the table the `table`
macro draws from the same cells: character for character as `fastmacros.nhsuk_table` writes it,
and token for token as nhsuk-frontend-jinja's own template does (X-3)."""

from __future__ import annotations

from typing import Any

from django.template import engines
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from pecgov.ui.fastcells import cell, row, table
from pecgov.ui.fastmacros import nhsuk_table
from tests.ui.test_fastmacros import TEXT, library, tokens

HEAD = ("Kind", "Organisation", "Interest", "From", "To")
CELL = st.fixed_dictionaries(
    {},
    optional={
        "text": TEXT,
        "html": TEXT.map(lambda t: Markup(f"<b>{Markup.escape(t)}</b>")),
        "classes": st.sampled_from(["pecgov-nowrap", "a b", "<x>"]),
        "colspan": st.integers(min_value=1, max_value=5),
    },
)


def drawn(cells: dict[str, Any]) -> str:
    return cell(
        cells.get("text"),
        html=cells.get("html"),
        classes=cells.get("classes", ""),
        colspan=cells.get("colspan"),
    )


def both(rows: list[list[dict[str, Any]]], head: tuple[str, ...], caption: str) -> tuple[str, dict[str, Any]]:
    ours = table(
        [row(drawn(c) for c in r) for r in rows],
        head=head,
        caption=caption,
        caption_classes="nhsuk-u-visually-hidden",
    )
    params: dict[str, Any] = {
        "caption": {"text": caption, "classes": "nhsuk-u-visually-hidden"},
        "head": list(head),
        "rows": rows,
    }
    return str(ours), params


@given(
    st.lists(st.lists(CELL, min_size=1, max_size=5), max_size=4),
    st.sampled_from([HEAD, ("A & B",), ()]),
    TEXT,
)
@settings(max_examples=300, deadline=None)
def test_cells_drawn_as_the_table_macro_draws_them(
    rows: list[list[dict[str, Any]]], head: tuple[str, ...], caption: str
) -> None:
    """X-3: text (escaped, trimmed, on several lines), markup, classes, column spans, the caption
    and the headings: the same characters as the `table` macro's Python stand-in."""
    ours, params = both(rows, head, caption)
    assert ours == str(nhsuk_table(engines["jinja2"].env, params))  # type: ignore[attr-defined]


def test_a_register_table_as_the_library_template_draws_it() -> None:
    """X-3: a withheld entry across the row, withheld details across two cells, dates that do not
    wrap: the same elements, attributes and text as nhsuk-frontend-jinja's template."""
    tag = Markup('<strong class="nhsuk-tag nhsuk-tag--grey">\n  Entry withheld\n</strong>')
    rows: list[list[dict[str, Any]]] = [
        [{"html": tag, "colspan": 5}],
        [
            {"text": "Financial"},
            {"html": tag, "colspan": 2},
            {"text": "1 May 2020", "classes": "pecgov-nowrap"},
            {"text": "Continuing", "classes": "pecgov-nowrap"},
        ],
        [{"text": "Non-financial"}, {"text": "A & B <Ltd>"}, {"text": ""}, {"text": "x\ny"}, {"text": "'q'"}],
    ]
    ours, params = both(rows, HEAD, "Interests of Ann O'Neil")
    theirs = library("tables", "table", params)
    assert tokens(ours) == tokens(theirs)
    assert "A &amp; B &lt;Ltd&gt;" in ours
    assert ours.count('colspan="5"') == 1 and ours.count('colspan="2"') == 1
