"""Our `indent` filter gives exactly what Jinja's gives, for text and for safe markup, faster
(src/pecgov/ui/jinja2env.py: the NHS.UK macros indent every nested component)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from jinja2.filters import do_indent
from markupsafe import Markup

from pecgov.ui.jinja2env import indent

TEXT = st.text(
    alphabet=st.sampled_from(["a", "b", " ", "<", ">", "&", '"', "'", "\n", "\r", "\t", "\u2028"]),
    max_size=40,
)
WIDTH = st.one_of(st.integers(min_value=0, max_value=8), st.sampled_from(["", "  ", "<i>", "&"]))


@given(text=TEXT, width=WIDTH, first=st.booleans(), blank=st.booleans(), safe=st.booleans())
def test_the_same_as_jinja(text: str, width: int | str, first: bool, blank: bool, safe: bool) -> None:
    value = Markup(text) if safe else text
    ours = indent(value, width, first, blank)
    theirs = do_indent(value, width, first, blank)
    assert ours == theirs
    assert isinstance(ours, Markup) == isinstance(theirs, Markup)


def test_unsafe_text_stays_unsafe_and_is_escaped_later() -> None:
    ours = indent("<b>\nx", 2)
    assert ours == "<b>\n  x"
    assert not isinstance(ours, Markup)
    assert str(Markup.escape(ours)) == "&lt;b&gt;\n  x"
