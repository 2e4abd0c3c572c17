"""The NHS.UK attributes, table and tag drawn in Python (src/pecgov/ui/fastmacros.py) give the
same HTML as nhsuk-frontend-jinja's own templates: the same elements, attributes, text and places
where whitespace separates them (X-3); only runs of insignificant whitespace are shorter."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.template import engines
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import ChainableUndefined, Environment, PackageLoader
from markupsafe import Markup

from pecgov.ui.fastmacros import nhsuk_attributes, nhsuk_i18n_attributes

LIBRARY = Environment(
    loader=PackageLoader("nhsuk_frontend_jinja"), autoescape=True, undefined=ChainableUndefined
)


class _Tokens(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple[Any, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tokens.append(("start", tag, tuple(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.tokens.append(("end", tag))

    def handle_data(self, data: str) -> None:
        text = re.sub(r"\s+", " ", data)
        if text != " ":
            self.tokens.append(("text", text))


def tokens(html: str) -> list[tuple[Any, ...]]:
    parser = _Tokens()
    parser.feed(html)
    return parser.tokens


def _draw(env: Environment, component: str, name: str, params: Any) -> str:
    source = f'{{% from "nhsuk/components/{component}/macro.jinja" import {name} %}}{{{{ {name}(p) }}}}'
    return env.from_string(source).render(p=params)


def library(component: str, name: str, params: Any) -> str:
    return _draw(LIBRARY, component, name, params)


def ours(component: str, name: str, params: Any) -> str:
    return _draw(engines["jinja2"].env, component, name, params)  # type: ignore[attr-defined]


def library_attributes(value: Any) -> str:
    macro = LIBRARY.get_template("nhsuk/macros/attributes.jinja").module.nhsukAttributes  # type: ignore[attr-defined]
    return " ".join(str(macro(value)).split())


TEXT = st.text(alphabet=st.sampled_from(["a", "B", " ", "<", "&", '"', "'", "\n"]), max_size=12)
VALUE = st.one_of(
    TEXT,
    TEXT.map(Markup),
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=30),
    st.just(ChainableUndefined()),
)
OPTION = st.one_of(
    VALUE,
    st.fixed_dictionaries({"value": VALUE}, optional={"optional": st.booleans()}),
    st.fixed_dictionaries({"value": st.lists(TEXT, max_size=3), "type": st.just("array")}),
)
NAMES = st.sampled_from(["class", "id", "data-x", "aria-hidden", "hidden", "data-sort"])


@given(st.one_of(st.dictionaries(NAMES, OPTION, max_size=4), TEXT, TEXT.map(Markup), st.none()))
@settings(max_examples=300, deadline=None)
def test_attributes_as_the_library_writes_them(attributes: Any) -> None:
    """X-3: every kind of attribute value the macro documents, the same output."""
    assert " ".join(str(nhsuk_attributes(attributes)).split()) == library_attributes(attributes)


def test_i18n_attributes_as_the_library_writes_them() -> None:
    """X-3: translated messages as data-i18n attributes, nothing when none is given."""
    macro = LIBRARY.get_template("nhsuk/macros/i18n.jinja").module.nhsukI18nAttributes  # type: ignore[attr-defined]
    for params in (
        {"key": "sort", "message": None},
        {"key": "sort", "message": 'Sort "a" & <b>'},
        {"key": "rows", "messages": {"one": "1 row", "other": "%{count} rows"}},
        {},
    ):
        assert str(nhsuk_i18n_attributes(params)).split() == str(macro(params)).split()


TABLES: list[dict[str, Any]] = [
    {"head": ["Kind", "Organisation"], "rows": [["a", "b"], ["<c>", Markup("<em>d</em>")]]},
    {
        "id": "findings",
        "caption": {"text": "Findings & more", "classes": "nhsuk-u-visually-hidden"},
        "firstCellIsHeader": True,
        "head": [{"text": "Rule", "classes": "nhsuk-u-width-one-third"}, "Result"],
        "rows": [
            [
                {"text": "Size", "attributes": {"data-rule": "size", "data-status": "fail"}},
                {"html": Markup('<strong class="x">Fail</strong>'), "colspan": 2},
            ],
            [None, {"text": "  padded  ", "visuallyHiddenText": "for size"}],
            [{"text": "Link", "href": "/a?b=1&c=2"}, {"text": 0}, {"text": 3}],
        ],
    },
    {"caption": "Plain caption", "captionSize": "m", "captionClasses": "extra", "rows": [["x"]]},
    {"caption": {"text": "Sized", "size": "l"}, "classes": "wide", "head": [], "rows": []},
    {"caption": Markup("<b>html</b> caption"), "attributes": {"data-module": "x"}, "rows": [["a\nb"]]},
    {"head": ["A"], "rows": [[{"text": "x", "rowspan": 2, "classes": "pecgov-nowrap"}]]},
    # Parameters drawn by the library's own template (the fallback).
    {"responsive": True, "head": ["A", "B"], "rows": [["1", "2"]]},
    {"head": [{"text": "A", "sort": "ascending"}], "rows": [["1"]]},
    {"head": ["N"], "rows": [[{"text": "5", "format": "numeric"}]], "card": {"heading": "Card"}},
]


@pytest.mark.parametrize("params", TABLES)
def test_tables_as_the_library_draws_them(params: dict[str, Any]) -> None:
    """X-3: the same table, caption, header cells, spans, links and hidden text."""
    theirs = library("tables", "table", params)
    assert tokens(ours("tables", "table", params)) == tokens(theirs)
    assert "<table" in theirs


TAGS: list[dict[str, Any]] = [
    {"text": "Fail", "colour": "red"},
    {"text": " <Withheld> ", "colour": "grey", "classes": "extra"},
    {"html": Markup("<b>Now</b>"), "colour": "green", "classes": "nhsuk-tag--blue", "id": "t"},
    {"text": "No colour", "colour": False, "attributes": {"data-x": "1"}},
    {"text": "Unknown colour", "colour": "tartan"},
    {"text": "Bordered", "border": False},
    {},
]


@pytest.mark.parametrize("params", TAGS)
def test_tags_as_the_library_draws_them(params: dict[str, Any]) -> None:
    """X-3: the same tag, colours and classes."""
    assert tokens(ours("tag", "tag", params)) == tokens(library("tag", "tag", params))


def test_a_page_table_is_drawn_without_the_library_template() -> None:
    """The usual parameters never reach the library's table template (the figures depend on it)."""
    env = engines["jinja2"].env  # type: ignore[attr-defined]
    calls: list[str] = []
    real = env.get_template

    def spy(name: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(name)
        return real(name, *args, **kwargs)

    env.get_template = spy
    try:
        ours("tables", "table", TABLES[1])
        assert "nhsuk/components/tables/template.jinja" not in calls
        ours("tables", "table", TABLES[6])
        assert "nhsuk/components/tables/template.jinja" in calls
    finally:
        del env.get_template
