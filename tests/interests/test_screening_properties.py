"""Properties of conflict screening over random organisation graphs (COI-2).

Hypothesis draws organisations, dated links of every kind, and attendees with dated
interests; the test works out independently which interests reach which affected
organisations and compares. No database.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from pecgov.interests.screening import Attendee, Conflict, Interest, Link, screen

ON = dt.date(2007, 10, 1)
ORGS = list(range(1, 7))
# Locality links drawn as often as all the others together: they must never carry.
KINDS = ["member_of_pbc_group", "provider_arm_of", "part_of", "supports", "parent", *["in_locality"] * 5]
CARRYING = {"member_of_pbc_group", "provider_arm_of", "part_of", "supports", "parent"}
# No example database: the suite must not write files into the checkout.
PROPERTY = settings(max_examples=200, deadline=None, database=None)

day_st = st.integers(min_value=-3, max_value=3).map(lambda d: ON + dt.timedelta(days=d))
end_st = st.none() | day_st

links_st = st.lists(
    st.builds(
        Link,
        a=st.sampled_from(ORGS),
        b=st.sampled_from(ORGS),
        kind=st.sampled_from(KINDS),
        start=day_st,
        end=end_st,
    ),
    max_size=12,
)


@st.composite
def attendees_st(draw: st.DrawFn) -> list[Attendee]:
    ids = itertools.count(1)
    attendees = []
    for person_id in range(1, draw(st.integers(min_value=0, max_value=3)) + 1):
        interests = tuple(
            Interest(
                organisation_id=draw(st.sampled_from([None, *ORGS])),
                category=draw(st.sampled_from(["financial", "indirect", "employment"])),
                description="interest",
                start=draw(day_st),
                end=draw(end_st),
                declaration_id=next(ids) + person_id * 100,
            )
            for _ in range(draw(st.integers(min_value=1, max_value=3)))
        )
        attendees.append(Attendee(person_id, f"Person {person_id}", interests))
    return attendees


affected_st = st.sets(st.sampled_from(ORGS), max_size=4)


def in_force(start: dt.date, end: dt.date | None) -> bool:
    return start <= ON and (end is None or end >= ON)


def distances(links: list[Link]) -> dict[tuple[int, int], int]:
    """Shortest number of in-force carrying links between each pair (Floyd–Warshall)."""
    far = len(ORGS) + 1
    dist = {(a, b): 0 if a == b else far for a in ORGS for b in ORGS}
    for link in links:
        if link.kind in CARRYING and in_force(link.start, link.end) and link.a != link.b:
            dist[link.a, link.b] = dist[link.b, link.a] = 1
    for k, i, j in itertools.product(ORGS, ORGS, ORGS):
        dist[i, j] = min(dist[i, j], dist[i, k] + dist[k, j])
    return {pair: d for pair, d in dist.items() if d < far}


def expected_keys(
    attendees: list[Attendee], links: list[Link], affected: set[int]
) -> set[tuple[int, int | None, int]]:
    reach = distances(links)
    return {
        (a.person_id, i.declaration_id, target)
        for a in attendees
        for i in a.interests
        if i.organisation_id is not None and in_force(i.start, i.end)
        for target in affected
        if (i.organisation_id, target) in reach
    }


def run(attendees: list[Attendee], links: list[Link], affected: set[int]) -> list[Conflict]:
    return screen(affected=affected, attendees=attendees, links=links, on=ON)


@PROPERTY
@given(attendees=attendees_st(), links=links_st, affected=affected_st)
def test_screen_reports_exactly_the_reachable_interests(
    attendees: list[Attendee], links: list[Link], affected: set[int]
) -> None:
    """A conflict is reported iff in-force carrying links join an in-force interest to an affected organisation (COI-2)."""
    conflicts = run(attendees, links, affected)

    assert {c.key() for c in conflicts} == expected_keys(attendees, links, affected)
    assert len(conflicts) == len({c.key() for c in conflicts})


@PROPERTY
@given(attendees=attendees_st(), links=links_st, affected=affected_st)
def test_screen_paths_are_shortest_chains_of_carrying_links(
    attendees: list[Attendee], links: list[Link], affected: set[int]
) -> None:
    """Each reported chain starts at the interest, ends at the affected organisation, and is shortest (COI-2)."""
    interests = {i.declaration_id: i for a in attendees for i in a.interests}
    joined = {
        frozenset((link.a, link.b))
        for link in links
        if link.kind in CARRYING and in_force(link.start, link.end)
    }
    reach = distances(links)

    for conflict in run(attendees, links, affected):
        origin = interests[conflict.declaration_id].organisation_id
        assert conflict.path[0] == origin
        assert conflict.path[-1] == conflict.affected_id
        assert all(frozenset(pair) in joined for pair in itertools.pairwise(conflict.path))
        assert len(conflict.path) - 1 == reach[origin, conflict.affected_id]


@PROPERTY
@given(attendees=attendees_st(), links=links_st, affected=affected_st)
def test_screen_never_reports_interest_out_of_date(
    attendees: list[Attendee], links: list[Link], affected: set[int]
) -> None:
    """An interest that ended before, or starts after, the meeting date is never reported (COI-1, COI-2)."""
    interests = {i.declaration_id: i for a in attendees for i in a.interests}

    for conflict in run(attendees, links, affected):
        interest = interests[conflict.declaration_id]
        assert interest.start <= ON
        assert interest.end is None or interest.end >= ON


@PROPERTY
@given(
    attendees=attendees_st(),
    links=links_st,
    affected=affected_st,
    extra=st.lists(st.sampled_from(ORGS), max_size=3),
)
def test_screen_adding_unrelated_attendee_keeps_conflicts(
    attendees: list[Attendee], links: list[Link], affected: set[int], extra: list[int]
) -> None:
    """Another attendee joining never removes anyone else's conflict (COI-2)."""
    newcomer = Attendee(
        999,
        "Newcomer",
        tuple(Interest(org, "financial", "x", ON, None, 9000 + n) for n, org in enumerate(extra)),
    )
    before = {c.key() for c in run(attendees, links, affected)}

    after = {c.key() for c in run([*attendees, newcomer], links, affected)}

    assert before <= after
    assert {key for key in after if key[0] != 999} == before


@PROPERTY
@given(attendees=attendees_st(), links=links_st, affected=affected_st, rng=st.randoms(use_true_random=False))
def test_screen_result_independent_of_input_order(
    attendees: list[Attendee], links: list[Link], affected: set[int], rng: random.Random
) -> None:
    """The same meeting record gives the same list, whatever order it was read in (COI-2)."""
    shuffled = [
        Attendee(a.person_id, a.name, tuple(rng.sample(a.interests, len(a.interests)))) for a in attendees
    ]
    rng.shuffle(shuffled)
    shuffled_links = rng.sample(links, len(links))

    assert run(shuffled, shuffled_links, affected) == run(attendees, links, affected)
