"""The lists added or given `ordering` with the API's writes answer in a fixed number of queries
whatever the row count, ordered or not (PUB-2; STYLE habit 3): measured with a few rows, then
again after 29 more."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.api.test_query_counts import EXTRA, count_queries
from tests.appointment_factories import make_post
from tests.delegation.helpers import delegate, local
from tests.factories import World


def add_functions(world: World) -> None:
    for i in range(EXTRA):
        local(world, name=f"Function {i}")


def add_delegations(world: World) -> None:
    for i in range(EXTRA):
        delegate(local(world, name=f"Delegated {i}"), world.pec)


def add_posts(world: World) -> None:
    for _ in range(EXTRA):
        make_post(world)


CASES: dict[str, tuple[str, Callable[[World], None]]] = {
    "functions": ("/api/functions?ordering=-name", add_functions),
    "delegations": ("/api/delegations?ordering=committee", add_delegations),
    "posts": ("/api/appointments/posts?ordering=-title", add_posts),
}


@pytest.mark.parametrize("case", list(CASES))
def test_an_ordered_list_reads_in_flat_queries(lead_client: Any, world: World, case: str) -> None:
    """PUB-2: the same query count for a few rows and for 29 more, with `ordering` sent."""
    url, add_rows = CASES[case]
    lead_client.get(url)

    few, few_body = count_queries(lead_client, url)
    add_rows(world)
    many, many_body = count_queries(lead_client, url)

    assert many == few
    assert many_body["count"] == few_body["count"] + EXTRA
