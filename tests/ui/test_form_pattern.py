"""One form-page pattern everywhere (X-4, X-5): every create/edit page goes through
`ui.viewkit.form_view`; only the documented exceptions call `submit` themselves."""

from __future__ import annotations

import ast
from pathlib import Path

import pecgov

SRC = Path(pecgov.__file__).parent
INLINE = 'request.POST if request.method == "POST" else None'
# The pages that call `submit` by hand, and why (ARCHITECTURE.md "Forms, form pages and tables").
EXCEPTIONS = {
    # the conflicts table: one form per flagged person, saved all or nothing under one key
    ("meetings/conflicts/views/item.py", "_conflicts_save"),
    # the new API key is shown once on the answer itself, never after a redirect
    ("api/views.py", "token_list"),
    # a POST-only confirmation that always goes back to the run's page
    ("imports/views.py", "confirm"),
}


def _view_modules() -> list[Path]:
    skip = {SRC / "ui" / "viewkit.py"}
    return [p for p in SRC.rglob("*.py") if p not in skip and "demo" not in p.relative_to(SRC).parts]


def _submit_callers(path: Path) -> set[tuple[str, str]]:
    tree = ast.parse(path.read_text())
    found = set()
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "submit":
                found.add((path.relative_to(SRC).as_posix(), function.name))
    return found


def test_only_the_documented_pages_call_submit_by_hand() -> None:
    """X-4, X-5: a page that calls `submit` itself must be one of the documented exceptions."""
    callers = set().union(*(_submit_callers(p) for p in _view_modules()))
    assert callers == EXCEPTIONS


def test_no_view_writes_the_post_or_none_expression_inline() -> None:
    """X-4: `ui.viewkit.posted(request)` is the one spelling of "the form data on a POST"."""
    inline = [p.relative_to(SRC).as_posix() for p in _view_modules() if INLINE in p.read_text()]
    assert inline == []
