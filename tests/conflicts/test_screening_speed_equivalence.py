"""The fast screening paths give exactly what the first, straightforward engine gave (COI-2, COI-7).

`reference_screen` below is the engine as it was before it was made fast: the organisation graph
rebuilt and a breadth-first search run from every declared organisation on every call, every
conflict built with its explanation. It stays here as the oracle. Hypothesis draws small dated
graphs of carrying and non-carrying links, attendees whose interests collide on purpose (shared
person ids and declaration ids, categories that explain alike, organisations without a name) and
agendas; `screen`, `screen_agenda` and a reused `Screener` must return the same conflicts, in the
same order, with the same explanations. No database.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from hypothesis import example, given, settings
from hypothesis import strategies as st

from pecgov.interests.screening import (
    CARRYING_LINKS,
    EMPLOYMENT,
    Attendee,
    Conflict,
    Interest,
    Link,
    Screener,
    screen,
    screen_agenda,
)

# --- The oracle: the first engine, copied unchanged but for its names. ---


@dataclass
class ReferenceGraph:
    edges: dict[int, set[int]] = field(default_factory=dict)

    @classmethod
    def build(cls, links: Iterable[Link], on: dt.date) -> ReferenceGraph:
        graph = cls()
        for link in links:
            if link.kind in CARRYING_LINKS and link.in_force(on):
                graph.edges.setdefault(link.a, set()).add(link.b)
                graph.edges.setdefault(link.b, set()).add(link.a)
        return graph

    def paths_from(self, start: int) -> dict[int, tuple[int, ...]]:
        paths: dict[int, tuple[int, ...]] = {start: (start,)}
        queue = deque([start])
        while queue:
            node = queue.popleft()
            for nxt in sorted(self.edges.get(node, ())):
                if nxt not in paths:
                    paths[nxt] = (*paths[node], nxt)
                    queue.append(nxt)
        return paths


def reference_explain(
    attendee: Attendee, interest: Interest, path: tuple[int, ...], names: Mapping[int, str]
) -> str:
    label = names.get
    start = label(path[0], f"organisation {path[0]}")
    if interest.category == EMPLOYMENT:
        lead = f"{attendee.name} works at {start}"
    else:
        kind = interest.category.replace("_", "-")
        article = "an" if kind[:1] in "aeiou" else "a"
        lead = f"{attendee.name} declared {article} {kind} interest in {start} ({interest.description})"
    if len(path) == 1:
        return f"{lead}, which this item affects."
    chain = " → ".join(label(org, f"organisation {org}") for org in path)
    return f"{lead}, linked to an affected organisation: {chain}."


def reference_screen(
    *,
    affected: Iterable[int],
    attendees: Iterable[Attendee],
    links: Iterable[Link],
    on: dt.date,
    names: Mapping[int, str] | None = None,
) -> list[Conflict]:
    names = names or {}
    affected_ids = set(affected)
    if not affected_ids:
        return []
    graph = ReferenceGraph.build(links, on)
    reach: dict[int, dict[int, tuple[int, ...]]] = {}
    found: list[Conflict] = []
    for attendee in attendees:
        for interest in attendee.interests:
            if interest.organisation_id is None or not interest.in_force(on):
                continue
            origin = interest.organisation_id
            if origin not in reach:
                reach[origin] = graph.paths_from(origin)
            for target in sorted(affected_ids & reach[origin].keys()):
                path = reach[origin][target]
                conflict = Conflict(
                    person_id=attendee.person_id,
                    name=attendee.name,
                    category=interest.category,
                    declaration_id=interest.declaration_id,
                    affected_id=target,
                    path=path,
                    explanation=reference_explain(attendee, interest, path, names),
                    financial=interest.category in {"financial", EMPLOYMENT},
                )
                found.append(conflict)
    found.sort(
        key=lambda c: (
            c.name,
            c.person_id,
            len(c.path),
            c.affected_id,
            c.path,
            c.declaration_id or 0,
            c.explanation,
        )
    )
    seen: set[tuple[int, int | None, int]] = set()
    unique = []
    for conflict in found:
        if conflict.key() not in seen:
            seen.add(conflict.key())
            unique.append(conflict)
    return unique


# --- Random inputs, small enough for collisions to be common. ---

ON = dt.date(2007, 10, 1)
ORGS = list(range(1, 7))
KINDS = [*sorted(CARRYING_LINKS), "in_locality", "in_locality", "in_locality"]
# Categories that explain alike ("non_financial" and "non-financial") and that need "an".
CATEGORIES = ["financial", EMPLOYMENT, "indirect", "non_financial", "non-financial", "other"]
PROPERTY = settings(max_examples=300, deadline=None, database=None)

# Dates around the meeting, mostly in force, so that most examples find conflicts to order.
day_st = st.sampled_from([-30, -1, 0, 1]).map(lambda d: ON + dt.timedelta(days=d))
end_st = st.none() | st.none() | st.sampled_from([-1, 0, 1, 30]).map(lambda d: ON + dt.timedelta(days=d))
on_st = st.sampled_from([-1, 0, 1]).map(lambda d: ON + dt.timedelta(days=d))

links_st = st.lists(
    st.builds(
        Link,
        a=st.sampled_from(ORGS),
        b=st.sampled_from(ORGS),
        kind=st.sampled_from(KINDS),
        start=day_st,
        end=end_st,
    ),
    min_size=2,
    max_size=16,
)

interest_st = st.builds(
    Interest,
    organisation_id=st.sampled_from([None, *ORGS]),
    category=st.sampled_from(CATEGORIES),
    description=st.sampled_from(["Partner", "Director"]),
    start=day_st,
    end=end_st,
    declaration_id=st.sampled_from([None, 0, 1, 2]),
)

attendees_st = st.lists(
    st.builds(
        Attendee,
        person_id=st.integers(min_value=1, max_value=3),
        name=st.sampled_from(["Ann", "Bob", "Cat"]),
        interests=st.lists(interest_st, min_size=1, max_size=4).map(tuple),
    ),
    min_size=1,
    max_size=4,
)

names_st = st.none() | st.dictionaries(st.sampled_from(ORGS), st.sampled_from(["North", "South", "Abbey"]))
affected_st = st.lists(st.sampled_from([*ORGS, 99]), max_size=4)
agenda_st = st.dictionaries(st.integers(min_value=1, max_value=40), affected_st, max_size=6)


# Ties that only the explanation breaks, then only the reading order: one holder's interests in one
# organisation, unnumbered or numbered 0 (which sort alike), and two categories that explain alike.
TIED = [
    Attendee(
        1,
        "Ann",
        (
            Interest(1, "financial", "Partner", ON),
            Interest(1, "financial", "Director", ON),
            Interest(1, "financial", "Adviser", ON, None, 0),
            Interest(1, "non_financial", "Partner", ON, None, 5),
            Interest(1, "non-financial", "Partner", ON, None, 5),
        ),
    )
]


@PROPERTY
@given(attendees=attendees_st, links=links_st, affected=affected_st, on=on_st, names=names_st)
@example(attendees=TIED, links=[], affected=[1], on=ON, names=None)
@example(
    attendees=[Attendee(1, "Ann", TIED[0].interests[::-1]), *TIED],
    links=[],
    affected=[1],
    on=ON,
    names=None,
)
def test_screen_equals_the_reference_engine(
    attendees: list[Attendee],
    links: list[Link],
    affected: list[int],
    on: dt.date,
    names: dict[int, str] | None,
) -> None:
    """Same conflicts, same order, same explanations as the first engine."""
    expected = reference_screen(affected=affected, attendees=attendees, links=links, on=on, names=names)

    found = screen(affected=affected, attendees=attendees, links=links, on=on, names=names)

    assert found == expected
    assert [c.explanation for c in found] == [c.explanation for c in expected]


@PROPERTY
@given(attendees=attendees_st, links=links_st, items=agenda_st, on=on_st, names=names_st)
def test_screen_agenda_equals_the_reference_engine_item_by_item(
    attendees: list[Attendee],
    links: list[Link],
    items: dict[int, list[int]],
    on: dt.date,
    names: dict[int, str] | None,
) -> None:
    """One pass over the agenda gives each item what screening it alone gave."""
    expected = {
        item: reference_screen(affected=affected, attendees=attendees, links=links, on=on, names=names)
        for item, affected in items.items()
    }

    found = screen_agenda(items=items, attendees=attendees, links=links, on=on, names=names)

    assert found == expected
    assert list(found) == list(items)


@PROPERTY
@given(attendees=attendees_st, links=links_st, items=agenda_st, on=on_st, names=names_st)
def test_screen_agenda_equals_screen_of_each_item(
    attendees: list[Attendee],
    links: list[Link],
    items: dict[int, list[int]],
    on: dt.date,
    names: dict[int, str] | None,
) -> None:
    """screen_agenda is screen once per item, whatever the order items share their work in."""
    expected = [
        screen(affected=affected, attendees=attendees, links=links, on=on, names=names)
        for affected in items.values()
    ]

    found = screen_agenda(items=items, attendees=iter(attendees), links=iter(links), on=on, names=names)

    assert list(found.values()) == expected


@PROPERTY
@given(attendees=attendees_st, links=links_st, items=st.lists(affected_st, max_size=8), names=names_st)
def test_screener_reused_for_repeated_items_stays_equal(
    attendees: list[Attendee], links: list[Link], items: list[list[int]], names: dict[int, str] | None
) -> None:
    """A screener asked the same item again, after others, answers as it first did."""
    screener = Screener(attendees=attendees, links=links, on=ON, names=names)

    first = [screener.screen(affected) for affected in items]
    again = [screener.screen(affected) for affected in reversed(items)]

    assert again[::-1] == first
    assert first == [
        reference_screen(affected=affected, attendees=attendees, links=links, on=ON, names=names)
        for affected in items
    ]


def test_screen_agenda_with_no_items_is_empty() -> None:
    items: dict[int, list[int]] = {}

    found = screen_agenda(items=items, attendees=[], links=[], on=ON)

    assert found == {}


def test_screen_agenda_item_without_affected_organisations_has_no_conflicts() -> None:
    attendee = Attendee(1, "Ann", (Interest(1, "financial", "Partner", ON),))

    found = screen_agenda(items={"a": [], "b": [1]}, attendees=[attendee], links=[], on=ON)

    assert found == {
        "a": [],
        "b": reference_screen(affected=[1], attendees=[attendee], links=[], on=ON),
    }
