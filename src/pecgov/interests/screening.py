"""Conflict screening as a pure function over plain data (COI-2; DH 5.7, Alliance "Conflicts of Interest").

For an agenda item (or business case) affecting some organisations, find every
attendee whose interests touch an affected organisation on the meeting date:
directly, or through any chain of organisation links that carry an interest
(a practice in a PBC group, a provider arm of the trust, part of an
organisation, commissioning support to a group). Locality links do not carry
interests: sharing a locality is not a stake.

An attendee's interests are their declarations in force on the date, plus
their own practice or employer from their record, so a GP partner of the
submitting practice is flagged even if they forgot to declare.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

# Link kinds through which an interest in one organisation is an interest in another.
CARRYING_LINKS = frozenset({"member_of_pbc_group", "provider_arm_of", "part_of", "supports", "parent"})
EMPLOYMENT = "employment"


@dataclass(frozen=True)
class Interest:
    organisation_id: int | None
    category: str
    description: str
    start: dt.date
    end: dt.date | None = None
    declaration_id: int | None = None

    def in_force(self, on: dt.date) -> bool:
        return self.start <= on and (self.end is None or self.end >= on)


@dataclass(frozen=True)
class Attendee:
    person_id: int
    name: str
    interests: tuple[Interest, ...] = ()


@dataclass(frozen=True)
class Link:
    a: int
    b: int
    kind: str
    start: dt.date = dt.date.min
    end: dt.date | None = None

    def in_force(self, on: dt.date) -> bool:
        return self.start <= on and (self.end is None or self.end >= on)


@dataclass(frozen=True)
class Conflict:
    person_id: int
    name: str
    category: str
    declaration_id: int | None
    affected_id: int
    path: tuple[int, ...]  # organisation ids from the interest to the affected organisation
    explanation: str
    financial: bool

    def key(self) -> tuple[int, int | None, int]:
        return (self.person_id, self.declaration_id, self.affected_id)


@dataclass
class Graph:
    """Undirected adjacency over the links in force on a date that carry interests."""

    edges: dict[int, set[int]] = field(default_factory=dict)

    @classmethod
    def build(cls, links: Iterable[Link], on: dt.date) -> Graph:
        graph = cls()
        for link in links:
            if link.kind in CARRYING_LINKS and link.in_force(on):
                graph.edges.setdefault(link.a, set()).add(link.b)
                graph.edges.setdefault(link.b, set()).add(link.a)
        return graph

    def paths_from(self, start: int) -> dict[int, tuple[int, ...]]:
        """Shortest path from `start` to every organisation it reaches (breadth first)."""
        paths: dict[int, tuple[int, ...]] = {start: (start,)}
        queue = deque([start])
        while queue:
            node = queue.popleft()
            for nxt in sorted(self.edges.get(node, ())):
                if nxt not in paths:
                    paths[nxt] = (*paths[node], nxt)
                    queue.append(nxt)
        return paths


def _explain(attendee: Attendee, interest: Interest, path: tuple[int, ...], names: Mapping[int, str]) -> str:
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


def screen(
    *,
    affected: Iterable[int],
    attendees: Iterable[Attendee],
    links: Iterable[Link],
    on: dt.date,
    names: Mapping[int, str] | None = None,
) -> list[Conflict]:
    """Every (attendee, interest, affected organisation) that touches, shortest chain first."""
    names = names or {}
    affected_ids = set(affected)
    if not affected_ids:
        return []
    graph = Graph.build(links, on)
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
                    explanation=_explain(attendee, interest, path, names),
                    financial=interest.category in {"financial", EMPLOYMENT},
                )
                found.append(conflict)
    # A total order, then the first of each key: the same record read in any order gives
    # the same list, and a duplicate keeps its shortest chain.
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


def by_person(conflicts: Iterable[Conflict]) -> dict[int, list[Conflict]]:
    grouped: dict[int, list[Conflict]] = {}
    for conflict in conflicts:
        grouped.setdefault(conflict.person_id, []).append(conflict)
    return grouped
